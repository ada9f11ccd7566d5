from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdoSiteConfig(AppConfig):
    name = "pdo_site"
    verbose_name = _("Site")

    def ready(self):
        # Wagtail's admin views import models: only now can they be loaded.
        from pdo_site import exports, page_cache, routing, translated_fields  # noqa: PLC0415
        from pdo_site.models import HomePage  # noqa: PLC0415

        exports.install()
        page_cache.connect_signals()
        # After wagtail-modeltranslation has patched the page models (its app comes first).
        routing.install(HomePage)
        translated_fields.allow_sorting_search_by_translated_titles()
