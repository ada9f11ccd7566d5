from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdoSiteConfig(AppConfig):
    name = "pdo_site"
    verbose_name = _("Site")
