from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "courses.learning"
    label = "learning"
    verbose_name = _("Online courses")

    def ready(self):
        # However a user is deleted, no name of theirs stays in logs or on certificates.
        from courses.learning.privacy import forget_deleted_user  # noqa: PLC0415

        pre_delete.connect(
            forget_deleted_user, sender=get_user_model(), dispatch_uid="learning-forget-user"
        )
