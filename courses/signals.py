"""Keep the report summaries current whatever changes attendance: the attendance sheet,
the import, the admin or a shell."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from courses.models import Attendance, Enrolment, Participant, SessionDay, TrainingSession
from courses.reporting import mark_changed


def _session_pairs(session_id, curriculum_id):
    participant_ids = Enrolment.objects.filter(session_id=session_id).values_list(
        "participant_id", flat=True
    )
    return {(participant_id, curriculum_id) for participant_id in participant_ids}


@receiver([post_save, post_delete], sender=Attendance)
def attendance_changed(sender, instance, **kwargs):
    session = instance.day.session
    if not session.curriculum_revision_id:
        # Attendance is recorded on or after the first day: remember the version taught.
        session.refresh_first_day()
    mark_changed(pairs={(instance.participant_id, session.curriculum_id)}, sessions={session.pk})


@receiver([post_save, post_delete], sender=Enrolment)
def enrolment_changed(sender, instance, **kwargs):
    mark_changed(sessions={instance.session_id})


@receiver(post_save, sender=Participant)
def participant_changed(sender, instance, created, **kwargs):
    if created:
        return
    curricula = instance.trainedparticipant_set.values_list("curriculum_id", flat=True)
    mark_changed(pairs={(instance.pk, curriculum_id) for curriculum_id in curricula})


@receiver([post_save, post_delete], sender=SessionDay)
def session_day_changed(sender, instance, **kwargs):
    session = TrainingSession.objects.filter(pk=instance.session_id).first()
    if session is None:
        return
    session.refresh_first_day()
    mark_changed(pairs=_session_pairs(session.pk, session.curriculum_id), sessions={session.pk})


@receiver(pre_save, sender=TrainingSession)
def remember_curriculum(sender, instance, **kwargs):
    instance._previous_curriculum_id = (
        TrainingSession.objects.filter(pk=instance.pk)
        .values_list("curriculum_id", flat=True)
        .first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=TrainingSession)
def session_changed(sender, instance, created, **kwargs):
    pairs = _session_pairs(instance.pk, instance.curriculum_id)
    previous = getattr(instance, "_previous_curriculum_id", None)
    if previous and previous != instance.curriculum_id:
        pairs |= _session_pairs(instance.pk, previous)
    mark_changed(pairs=pairs, sessions={instance.pk})


@receiver(pre_delete, sender=Participant)
def participant_deleted(sender, instance, **kwargs):
    # Take the participant out of the counts before the cascade removes the rows
    # that say where they were counted.
    from courses.reporting import forget_participant

    forget_participant(instance.pk)
