from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "courses.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        # Connect the deletion receivers (models are loaded only now).
        from courses.training import signals  # noqa: F401, PLC0415
