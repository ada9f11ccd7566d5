"""Past the retention period participants are anonymised by `purge_participants`; the
reports keep their numbers; `--dry-run` only lists; the log names ids only."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.training import privacy, summaries
from courses.training.models import DataAccess, Participant, SessionSummary, TrainedCount
from tests.training.factories import StaffUserFactory, TrainingSessionFactory, fill_session, mark
from tests.training.oracles import live_trained_counts, summary_trained_counts

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def iso(days_ago):
    return (TODAY - datetime.timedelta(days=days_ago)).isoformat()


@pytest.fixture
def old_and_recent(curricula):
    """A session held three years ago and one held last month, two participants each."""
    old = TrainingSessionFactory(curriculum=curricula[1], days=[iso(1100), iso(1099)])
    recent = TrainingSessionFactory(curriculum=curricula[1], days=[iso(30)])
    for session in (old, recent):
        for enrolment in session.enrolments.all():
            enrolment.participant.name = "Named Person"
            enrolment.participant.household = "HH-42"
            enrolment.participant.save()
            mark(session, enrolment.participant, session.ordered_days[0].date.isoformat())
    return old, recent


def figures():
    return (
        sorted(summary_trained_counts().items()),
        sorted(
            SessionSummary.objects.values_list("session_id", "marks", "attended_marks", "hours")
        ),
        sum(TrainedCount.objects.values_list("count", flat=True)),
    )


def run(*args):
    out = io.StringIO()
    call_command("purge_participants", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_by_id_and_changes_nothing(old_and_recent):
    old, _recent = old_and_recent
    old_ids = sorted(e.participant_id for e in old.enrolments.all())
    before = list(Participant.objects.values_list("pk", "case_reference", "anonymised_at"))
    out = run("--dry-run")
    for pk in old_ids:
        assert f"participant #{pk}:" in out
    assert "2 participant(s) past 730 days would be anonymised." in out
    assert "TST-" not in out and "Named" not in out
    assert list(Participant.objects.values_list("pk", "case_reference", "anonymised_at")) == before
    assert not DataAccess.objects.exists()


def test_purge_anonymises_the_old_keeps_the_recent_and_the_figures(client, old_and_recent):
    old, recent = old_and_recent
    before = figures()
    assert "2 participant(s) past 730 days anonymised." in run()
    for enrolment in old.enrolments.select_related("participant"):
        person = enrolment.participant
        assert person.case_reference == f"ANON-{person.pk}"
        assert (person.name, person.household) == ("", "")
        assert person.anonymised_at is not None
        assert person.year_of_birth == 1990  # what the reports count by is kept
    for enrolment in recent.enrolments.select_related("participant"):
        assert enrolment.participant.case_reference.startswith("TST-")
        assert enrolment.participant.name == "Named Person"
    assert figures() == before
    assert summary_trained_counts() == live_trained_counts()
    summaries.rebuild_summaries()  # recomputed from the anonymised rows: the same numbers
    assert figures() == before
    (entry,) = DataAccess.objects.all()
    assert entry.action == "purge" and entry.user is None
    assert entry.participant_ids == sorted(e.participant_id for e in old.enrolments.all())
    # The report pages still show the people trained.
    manager = StaffUserFactory(group="Programme managers")
    client.force_login(manager)
    response = client.get(reverse("training_reports:participants_trained"))
    assert response.status_code == 200
    # A second run has nothing left to do.
    assert "0 participant(s)" in run()


def test_the_retention_period_is_a_setting(old_and_recent):
    with override_settings(PDO_PARTICIPANT_RETENTION_DAYS=10):
        assert privacy.due_for_purge().count() == 4
        assert "4 participant(s) past 10 days would be anonymised." in run("--dry-run")
    with override_settings(PDO_PARTICIPANT_RETENTION_DAYS=2000):
        assert "0 participant(s)" in run()
    assert not Participant.objects.filter(anonymised_at__isnull=False).exists()


def test_participants_never_in_a_session_with_days_are_not_purged(curricula):
    planned = TrainingSessionFactory(curriculum=curricula[1], days=[])
    assert planned.enrolments.count() == 2
    assert "0 participant(s)" in run()


def test_purging_two_thousand_participants_takes_a_few_statements_per_hundred(curricula):
    session = TrainingSessionFactory(curriculum=curricula[1], days=[], participants=0)
    fill_session(
        session,
        participants=2000,
        days=2,
        start=TODAY - datetime.timedelta(days=1000),
        reference=lambda n: f"OLD-20-{n:06d}",
    )
    with CaptureQueriesContext(connection) as queries:
        assert "2000 participant(s) past 730 days anonymised." in run()
    # About five per hundred participants (the log search goes a hundred values at a time).
    assert len(queries) < 2000 // 100 * 6 + 10
    assert not Participant.objects.filter(case_reference__startswith="OLD-").exists()
    assert Participant.objects.filter(anonymised_at__isnull=False).count() == 2000
