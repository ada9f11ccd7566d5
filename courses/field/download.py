"""What a device downloads: the trainer's sessions, in the printed sheet's order.

Rows come in the order and numbering of the paper sheet (``attendance.build_sheet``);
only what recording needs is sent, names only where the site collects them and the
trainer may see them. Every value carries its server version.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from courses.field.versions import version_of, versioned
from courses.training.attendance import build_sheet
from courses.training.models import TrainingSession
from pdo_site import roles


def sessions_for(user, today=None, location=None):
    """The sessions ``user`` may see that are upcoming or recent."""
    today = today or timezone.localdate()
    recent = today - datetime.timedelta(days=settings.PDO_FIELD_RECENT_DAYS)
    upcoming = today + datetime.timedelta(days=settings.PDO_FIELD_UPCOMING_DAYS)
    sessions = (
        TrainingSession.objects.for_user(user)
        .filter(first_day__gte=recent, first_day__lte=upcoming)
        .exclude(status=TrainingSession.Status.CANCELLED)
        .select_related("curriculum", "location")
        .order_by("first_day", "pk")
    )
    if location is not None:
        sessions = sessions.filter(location=location)
    return sessions


def session_payload(session, show_names):
    sheet = build_sheet(session)
    enrolments = []
    for row in sheet.rows:
        enrolment = row.enrolment
        enrolments.append(
            {
                "id": enrolment.pk,
                "number": enrolment.number,
                "participant": enrolment.participant_id,
                "case_reference": enrolment.participant.case_reference,
                "name": enrolment.participant.name if show_names else None,
                "track": enrolment.track,
                "pre": versioned(row.pre.base),
                "post": versioned(row.post.base),
                "marks": [
                    {"day": cell.day.pk, "status": cell.base, "version": version_of(cell.base)}
                    for cell in row.cells
                ],
            }
        )
    return {
        "id": session.pk,
        "location": session.location_id,
        "location_name": str(session.location),
        "curriculum": session.curriculum_id,
        "curriculum_title": session.curriculum.title,
        "first_day": session.first_day,
        "delivery_language": session.delivery_language,
        "destination": session.destination,
        "status": session.status,
        "notes": versioned(session.notes),
        "days": [
            {"id": day.pk, "date": day.date, "start_time": day.start_time, "end_time": day.end_time}
            for day in sheet.days
        ],
        "enrolments": enrolments,
    }


def download(user, location=None):
    show_names = settings.PDO_COLLECT_PARTICIPANT_NAMES and roles.may_see_participant_names(user)
    sessions = list(sessions_for(user, location=location))
    return {
        "server_time": timezone.now(),
        "names_collected": bool(show_names),
        "sessions": [session_payload(session, show_names) for session in sessions],
    }
