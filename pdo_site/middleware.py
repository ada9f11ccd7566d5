from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# URLs outside i18n_patterns (pdo_site/urls.py). Wagtail's page serving matches every
# path, so Django would otherwise answer a 404 here with a redirect to /<language>/<path>.
UNPREFIXED = ("/admin/", "/documents/", "/files/", "/healthz", "/i18n/", "/static/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
