"""The change history of training records, scoped like the records themselves.

Wagtail writes one log entry per create, edit and delete, and shows them in its site
history report, the object's history page and their exports. For training data those
entries live here rather than in Wagtail's ``ModelLogEntry``: each keeps the location it
belongs to, so a trainer's history lists only their locations, even after the record is
deleted, and its label names the record by kind and id, never by case reference or name.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst

from wagtail.models import BaseLogEntry, BaseLogEntryManager

from pdo_site.roles import sees_all_locations


def location_id_of(instance):
    if instance._meta.label == "training.Location":
        return instance.pk
    return getattr(instance, "location_id", None)


def may_see_model(user, content_type):
    return any(
        user.has_perm(f"{content_type.app_label}.{action}_{content_type.model}")
        for action in ("view", "change", "add", "delete")
    )


def history_label(instance):
    """``Participant #12``: enough to find the record, nothing about the person."""
    return f"{capfirst(instance._meta.verbose_name)} #{instance.pk}"


class TrainingLogEntryManager(BaseLogEntryManager):
    def get_instance_title(self, instance):
        return history_label(instance)

    def log_action(self, instance, action, **kwargs):
        kwargs["title"] = history_label(instance)
        kwargs.update(object_id=str(instance.pk), location_id=location_id_of(instance))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        # Not BaseLogEntryManager's: it caches the allowed content types on the user object
        # for whichever log model asks first, so the answer depended on that order.
        entries = self.all() if sees_all_locations(user) else self.filter(location__trainers=user)
        if user.is_superuser:
            return entries
        used = self.order_by().values_list("content_type_id", flat=True).distinct()
        allowed = [
            pk for pk in used if pk and may_see_model(user, ContentType.objects.get_for_id(pk))
        ]
        return entries.filter(content_type_id__in=allowed)


class TrainingLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, db_index=True)
    location = models.ForeignKey(
        "training.Location", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TrainingLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "training log entry"
