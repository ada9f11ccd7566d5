"""Deleting a learner's account so that no name or e-mail address of theirs stays behind.

Their certificates are kept without a holder: whoever was shown one (an employer, a
registry) can still check that it was issued for that course on that date and whether it
is valid, but the verification page names no one ("the holder removed their account").
Withdrawing the certificates instead would punish the learner for exercising their right
to erasure, and the remaining row holds nothing that identifies them: the verification
code is random and the name is gone.
"""

from allauth.account.models import EmailAddress

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry

from courses.learning.models import Certificate, LearnerProfile


def log_targets(user):
    """(model, ids) of every object whose log entries may carry the learner's name."""
    certificates = list(Certificate.objects.filter(learner=user).values_list("pk", flat=True))
    profiles = list(LearnerProfile.objects.filter(user=user).values_list("pk", flat=True))
    addresses = list(EmailAddress.objects.filter(user=user).values_list("pk", flat=True))
    return [
        (get_user_model(), [user.pk]),
        (Certificate, certificates),
        (LearnerProfile, profiles),
        (EmailAddress, addresses),
    ]


def scrub_logs(user):
    """Wagtail's and Django admin's log entries about the learner's objects keep what was
    done and when, labelled with ids only."""
    label = gettext("Removed account")
    for model, ids in log_targets(user):
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        object_ids = [str(pk) for pk in ids]
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=object_ids).update(
            label=label, data={}
        )
        LogEntry.objects.filter(content_type=content_type, object_id__in=object_ids).update(
            object_repr=label, change_message=""
        )


def end_sessions(user):
    """Sign the learner out everywhere: their sessions hold their user id."""
    key = str(user.pk)
    stale = [
        session.session_key
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(session_key__in=stale).delete()


def forget_learner(user):
    """What must happen before any user row goes, whoever deletes it (the learner here, or
    staff in Wagtail's user admin): log labels scrubbed, sessions ended, certificates
    without a holder."""
    if not Certificate.objects.filter(learner=user).exists() and not hasattr(
        user, "learner_profile"
    ):
        return
    scrub_logs(user)
    end_sessions(user)
    Certificate.objects.filter(learner=user).update(
        learner=None, holder_name="", holder_removed_at=timezone.now()
    )


def forget_deleted_user(sender, instance, **kwargs):
    """``pre_delete`` receiver for the user model (connected in the app config)."""
    forget_learner(instance)


@transaction.atomic
def delete_learner(user):
    """Delete the account, its profile, enrolments, progress, answers, e-mail addresses and
    sessions; keep the certificates without a holder (``forget_deleted_user`` runs first)."""
    user.delete()
