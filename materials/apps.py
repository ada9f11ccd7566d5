from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials")

    def ready(self):
        # Publishing queues PDFs; models are loaded only now.
        from materials import signals  # noqa: F401, PLC0415
