from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdoSiteConfig(AppConfig):
    name = "pdo_site"
    verbose_name = _("Site")

    def ready(self):
        # Wagtail's admin views import models: only now can they be loaded.
        from pdo_site import exports, page_cache, translated_fields  # noqa: PLC0415

        exports.install()
        page_cache.connect_signals()
        translated_fields.allow_sorting_search_by_translated_titles()
