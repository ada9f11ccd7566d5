"""Retention, subject access and erasure of participants' data.

Anonymising a participant (after the retention period, or when they ask to be erased)
replaces the case reference with ``ANON-<id>`` and empties the name and household,
wherever they are: the participant row, the labels and details of log entries, revisions
of training records. What the reports count stays (sex, year of birth, nationality,
destination, location, attendance and test scores, with no way back to the case), so the
figures already given to donors keep their numbers. Nothing under MEDIA_ROOT holds
participant data: attendance sheets and their PDFs are rendered on request, never stored.

Every purge, export and erasure is written to the DataAccess log by participant id only.
"""

import datetime
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q, Value
from django.db.models.functions import Concat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst

from wagtail.models import ModelLogEntry, Revision

from courses.training.models import (
    Attendance,
    DataAccess,
    Enrolment,
    Participant,
    TrainingLogEntry,
)
from materials.pdf import print_assets, render_pdf

ANONYMOUS_PREFIX = "ANON-"
BATCH = 500
NAMING_CHUNK = 100


def normalised_reference(value):
    return (value or "").strip().upper()


def find_participant(case_reference, user=None):
    """The participant with this case reference, among those ``user`` may see (None: all)."""
    queryset = Participant.objects.all() if user is None else Participant.objects.for_user(user)
    return (
        queryset.filter(case_reference=normalised_reference(case_reference), anonymised_at=None)
        .select_related("location")
        .first()
    )


def due_for_purge(today=None):
    """Participants whose last session day is more than the retention period ago.

    Participants never enrolled in a session with days have no such day and are kept.
    """
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.PDO_PARTICIPANT_RETENTION_DAYS)
    return (
        Participant.objects.filter(anonymised_at=None)
        .annotate(last_day=Max("enrolments__session__days__date"))
        .filter(last_day__lt=cutoff)
        .order_by("pk")
    )


def record(action, participant_ids, user=None, address=None):
    ids = sorted(set(participant_ids))
    return DataAccess.objects.create(
        user=user,
        address=address,
        action=action,
        subject=DataAccess.Subject.PARTICIPANTS if len(ids) > 1 else DataAccess.Subject.PARTICIPANT,
        participants=f" {' '.join(map(str, ids))} " if ids else "",
        count=len(ids),
    )


def anonymise(participants, action, user=None, address=None):
    """Anonymise these participants (a list) and every trace of them; log it by id."""
    participants = list(participants)
    if not participants:
        return 0
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(participants), BATCH):
            batch = participants[start : start + BATCH]
            scrub_traces(batch)
            for participant in batch:
                participant.case_reference = f"{ANONYMOUS_PREFIX}{participant.pk}"
                participant.name = participant.household = participant.preferred_language = ""
                participant.anonymised_at = now
            Participant.objects.bulk_update(
                batch,
                ["case_reference", "name", "household", "preferred_language", "anonymised_at"],
            )
        record(action, [p.pk for p in participants], user=user, address=address)
    return len(participants)


def identifying_values(participant):
    """The strings that identify the person, as a log entry or revision might hold them."""
    values = [participant.case_reference]
    values += [v for v in (participant.name, participant.household) if v and len(v) >= 3]
    return values


def contains_any(field, values):
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field}__icontains": value})
    return condition


def scrub_traces(participants):
    """Log entries and revisions about these participants, or naming them, lose the names."""
    pks = [p.pk for p in participants]
    values = [v for p in participants for v in identifying_values(p)]
    related = {
        Participant: [str(pk) for pk in pks],
        Enrolment: [
            str(pk)
            for pk in Enrolment.objects.filter(participant__in=pks).values_list("pk", flat=True)
        ],
        Attendance: [
            str(pk)
            for pk in Attendance.objects.filter(participant__in=pks).values_list("pk", flat=True)
        ],
    }
    for model, ids in related.items():
        content_type = ContentType.objects.get_for_model(model)
        label = Concat(Value(f"{capfirst(model._meta.verbose_name)} #"), "object_id")
        for log_model in (TrainingLogEntry, ModelLogEntry):
            log_model.objects.filter(content_type=content_type, object_id__in=ids).update(
                label=label, data={}
            )
    training_types = list(ContentType.objects.filter(app_label="training"))
    # Entries and revisions that name them elsewhere (written before history was kept by id),
    # searched a hundred values at a time: SQLite limits the depth of one expression.
    for start in range(0, len(values), NAMING_CHUNK):
        chunk = values[start : start + NAMING_CHUNK]
        naming = contains_any("label", chunk) | contains_any("data", chunk)
        relabel(TrainingLogEntry.objects.filter(naming))
        relabel(ModelLogEntry.objects.filter(naming, content_type__in=training_types))
        Revision.objects.filter(base_content_type__in=training_types).filter(
            contains_any("object_str", chunk) | contains_any("content", chunk)
        ).delete()


def relabel(entries):
    for entry in entries.select_related("content_type"):
        entry.label = f"{capfirst(entry.content_type.name)} #{entry.object_id}"
        entry.data = {}
        entry.save(update_fields=["label", "data"])


def subject_record(participant):
    """Everything held about one participant, as plain data (the subject access export)."""
    enrolments = participant.enrolments.select_related(
        "session__curriculum", "session__location"
    ).order_by("session__first_day", "pk")
    attendance = participant.attendance.select_related("day").order_by("day__date")
    accesses = DataAccess.objects.filter(participants__contains=f" {participant.pk} ")
    history = TrainingLogEntry.objects.for_instance(participant).order_by("timestamp")
    return {
        "exported_at": timezone.now(),
        "participant": {
            "case_reference": participant.case_reference,
            "name": participant.name,
            "household": participant.household,
            "sex": participant.get_sex_display(),
            "year_of_birth": participant.year_of_birth,
            "nationality": participant.nationality,
            "preferred_language": participant.preferred_language,
            "destination": participant.get_destination_display(),
            "location": str(participant.location),
        },
        "sessions": [
            {
                "curriculum": enrolment.session.curriculum.title,
                "location": str(enrolment.session.location),
                "first_day": enrolment.session.first_day,
                "row_number": enrolment.number,
                "track": enrolment.get_track_display(),
                "pre_test_score": enrolment.pre_test_score,
                "post_test_score": enrolment.post_test_score,
            }
            for enrolment in enrolments
        ],
        "attendance": [
            {"date": mark.day.date, "status": mark.get_status_display()} for mark in attendance
        ],
        "record_history": [{"time": entry.timestamp, "action": entry.action} for entry in history],
        "data_access": [
            {
                "time": access.timestamp,
                "action": access.get_action_display(),
                "what": access.get_subject_display(),
            }
            for access in accesses
        ],
    }


def subject_json(participant):
    with translation.override(settings.LANGUAGE_CODE):
        data = subject_record(participant)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def subject_pdf(participant):
    """The same, readable: a PDF in the active language."""
    html = render_to_string(
        "training/print/subject_access.html",
        {
            **print_assets(),
            "record": subject_record(participant),
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        },
    )
    return render_pdf(html).content
