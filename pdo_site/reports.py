"""Reports whose rows are computed after the query: the listing decorates only the page
shown; an export, which is not paginated, decorates every matching row."""

from django.urls import path


class DecoratedRowsMixin:
    """For Wagtail ReportViews: override ``decorate_rows(rows) -> list``."""

    def decorate_rows(self, rows):
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        # Decorated before the table is built from them.
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, page, self.decorate_rows(list(rows)), is_paginated

    def get_context_data(self, *args, **kwargs):
        if self.is_export:
            self.object_list = self.decorate_rows(list(self.object_list))
        return super().get_context_data(*args, **kwargs)


def report_urls(slug, view_class, name):
    """URL patterns of a ReportView: the page and its results fragment (filters, paging)."""
    return [
        path(f"{slug}/", view_class.as_view(), name=name),
        path(f"{slug}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]
