"""Deletions cascade without asking the code that starts them (a delete view, a
shell, a purge): take the deleted records out of the report summaries first."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from courses.training import summaries
from courses.training.models import Participant, TrainingSession


@receiver(pre_delete, sender=Participant)
def participant_deleting(sender, instance, **kwargs):
    summaries.participant_removed(instance.pk)


@receiver(pre_delete, sender=TrainingSession)
def session_deleting(sender, instance, **kwargs):
    summaries.session_removed(instance)
