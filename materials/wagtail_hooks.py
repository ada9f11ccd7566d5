from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from materials.printable import Printable
from materials.views.admin import (
    OfflinePackDownloadView,
    OfflinePackView,
    PageDocumentsView,
    download_document,
)


@hooks.register("register_admin_urls")
def register_materials_urls():
    urls = [
        path("pages/<int:page_id>/", PageDocumentsView.as_view(), name="page_documents"),
        path(
            "pages/<int:page_id>/<str:language>/<str:variant>/",
            download_document,
            name="download",
        ),
        path("offline-pack/", OfflinePackView.as_view(), name="offline_pack"),
        path(
            "offline-pack/download/",
            OfflinePackDownloadView.as_view(),
            name="offline_pack_download",
        ),
    ]
    return [path("materials/", include((urls, "materials_admin"), namespace="materials_admin"))]


class PrintPageMenuItem(PageMenuItem):
    label = _("Print / PDF")
    icon_name = "doc-full"
    url_name = "materials_admin:page_documents"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or type(self.page), Printable)


@hooks.register("register_page_header_buttons")
def page_header_print_button(page, user, view_name, next_url=None):
    yield PrintPageMenuItem(page=page, priority=68)


@hooks.register("register_page_listing_more_buttons")
def page_listing_print_button(page, user, next_url=None):
    yield PrintPageMenuItem(page=page, priority=68)


@hooks.register("register_admin_menu_item")
def register_offline_pack_menu_item():
    return MenuItem(
        _("Offline packs"),
        reverse("materials_admin:offline_pack"),
        name="offline-packs",
        icon_name="download",
        order=450,
    )
