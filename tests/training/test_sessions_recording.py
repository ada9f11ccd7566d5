"""Recording: the attendance sheet, the case-list import and bad input."""

import datetime
import io

import openpyxl
import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.training.models import Attendance, Enrolment, Participant, SessionDay
from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
    mark,
)


@pytest.fixture
def setting(curricula, django_user_model):
    _index, finland, _iceland = curricula
    istanbul = LocationFactory(site_name="Istanbul")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[istanbul])
    session = TrainingSessionFactory(
        curriculum=finland,
        location=istanbul,
        days=("2026-03-02", "2026-03-03", "2026-03-04"),
        participants=3,
    )
    return {"trainer": trainer, "session": session, "location": istanbul}


def sheet_url(session):
    return reverse("training:attendance", args=[session.pk])


def cell(enrolment, day):
    return f"mark-{enrolment.number}-{day.pk}"


@pytest.mark.django_db
def test_sheet_rows_follow_the_printed_numbering(client, setting):
    client.force_login(setting["trainer"])
    html = client.get(sheet_url(setting["session"])).content.decode()
    references = [e.participant.case_reference for e in setting["session"].enrolments.all()]
    positions = [html.index(reference) for reference in references]
    assert positions == sorted(positions)
    assert [e.number for e in setting["session"].enrolments.all()] == [1, 2, 3]


@pytest.mark.django_db
def test_mark_all_present_fills_only_unmarked_cells(client, setting):
    session = setting["session"]
    first, second, third = session.enrolments.all()
    day1, day2, day3 = session.ordered_days
    client.force_login(setting["trainer"])
    response = client.post(
        sheet_url(session),
        {"action": "mark_all_present", cell(first, day1): "absent", cell(second, day2): "late"},
    )
    assert response.status_code == 302
    marks = {(a.participant_id, a.day_id): a.status for a in Attendance.objects.all()}
    assert marks[(first.participant_id, day1.pk)] == "absent"
    assert marks[(second.participant_id, day2.pk)] == "late"
    assert marks[(third.participant_id, day3.pk)] == "present"
    assert len(marks) == 9


@pytest.mark.django_db
def test_invalid_score_saves_nothing_and_keeps_what_was_typed(client, setting):
    session = setting["session"]
    first = session.enrolments.first()
    day1 = session.ordered_days[0]
    client.force_login(setting["trainer"])
    response = client.post(
        sheet_url(session),
        {"action": "save", cell(first, day1): "present", "pre-1": "55", "post-1": "150"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "must be a whole number from 0 to 100" in html
    assert 'value="150"' in html and 'value="55"' in html
    assert '<option value="present" selected>' in html
    assert not Attendance.objects.exists()
    first.refresh_from_db()
    assert first.pre_test_score is None


@pytest.mark.django_db
def test_saving_scores_and_clearing_a_mark(client, setting):
    session = setting["session"]
    first = session.enrolments.first()
    day1 = session.ordered_days[0]
    mark(session, first.participant, "2026-03-02", "present")
    client.force_login(setting["trainer"])
    client.post(
        sheet_url(session),
        {"action": "save", cell(first, day1): "", "pre-1": "40", "post-1": "75"},
    )
    first.refresh_from_db()
    assert (first.pre_test_score, first.post_test_score) == (40, 75)
    assert not Attendance.objects.filter(day=day1, participant=first.participant).exists()


@pytest.mark.django_db
def test_a_save_changes_only_the_cells_it_was_sent(client, setting):
    """A sheet opened before a row existed, or a cut-off request, erases nothing."""
    session = setting["session"]
    first, second, _third = session.enrolments.all()
    day1, day2, _day3 = session.ordered_days
    mark(session, second.participant, "2026-03-02", "late")
    second.pre_test_score, second.post_test_score = 30, 60
    second.save()
    client.force_login(setting["trainer"])
    response = client.post(sheet_url(session), {"action": "save", cell(first, day2): "present"})
    assert response.status_code == 302
    marks = {(a.participant_id, a.day_id): a.status for a in Attendance.objects.all()}
    assert marks == {
        (first.participant_id, day2.pk): "present",
        (second.participant_id, day1.pk): "late",
    }
    second.refresh_from_db()
    assert (second.pre_test_score, second.post_test_score) == (30, 60)


@pytest.mark.django_db
def test_marks_for_days_of_other_sessions_are_ignored(client, setting, curricula):
    other = TrainingSessionFactory(
        curriculum=curricula[1], location=setting["location"], days=("2026-05-01",), participants=1
    )
    session = setting["session"]
    first = session.enrolments.first()
    foreign_day = other.ordered_days[0]
    client.force_login(setting["trainer"])
    client.post(sheet_url(session), {"action": "save", cell(first, foreign_day): "present"})
    assert not Attendance.objects.filter(day=foreign_day).exists()


@pytest.mark.django_db
def test_attendance_needs_an_enrolment_in_the_days_session(setting, curricula):
    other = TrainingSessionFactory(
        curriculum=curricula[1], location=setting["location"], days=("2026-05-01",), participants=0
    )
    outsider = setting["session"].enrolments.first().participant
    attendance = Attendance(day=other.ordered_days[0], participant=outsider, status="present")
    with pytest.raises(ValidationError, match="enrolled"):
        attendance.full_clean()


@pytest.mark.django_db
def test_a_day_that_ends_before_it_starts_is_refused(setting):
    day = SessionDay(
        session=setting["session"],
        date=datetime.date(2026, 3, 9),
        start_time=datetime.time(14),
        end_time=datetime.time(9),
    )
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert "must end after it starts" in str(error.value)


@pytest.mark.django_db
def test_malformed_case_reference_is_refused(setting):
    participant = Participant(
        case_reference="12345",
        sex="male",
        year_of_birth=1980,
        nationality="Afghan",
        destination="finland",
        location=setting["location"],
    )
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert "is not a valid case reference" in str(error.value)


def upload(rows, name="cases.csv", header=None):
    header = header or ["case_reference", "sex", "year_of_birth", "nationality", "track"]
    if name.endswith(".xlsx"):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile(name, buffer.getvalue())
    text = "\n".join(",".join(str(c) for c in row) for row in [header, *rows])
    return SimpleUploadedFile(name, text.encode("utf-8"))


def preview(client, session, file):
    url = reverse("training:import_participants", args=[session.pk])
    response = client.post(url, {"case_list": file})
    assert response.status_code == 200
    return url, response


@pytest.mark.django_db
def test_import_with_one_bad_row_saves_nothing(client, setting):
    session = setting["session"]
    client.force_login(setting["trainer"])
    before = Participant.objects.count()
    _url, response = preview(
        client,
        session,
        upload(
            [
                ["IMP-25-000001", "female", "1985", "Syrian", "adults"],
                ["not-a-reference", "male", "1990", "Syrian", "adults"],
                ["IMP-25-000001", "male", "2030", "", "adults"],
            ]
        ),
    )
    html = response.content.decode()
    assert "is not a valid case reference" in html
    assert "The same case reference is on row 2." in html
    assert "Nationality is required for a new participant." in html
    assert 'name="payload"' not in html  # no import button
    assert Participant.objects.count() == before


@pytest.mark.django_db
def test_import_then_reimport_updates_instead_of_duplicating(client, setting):
    session = setting["session"]
    client.force_login(setting["trainer"])
    rows = [
        ["IMP-25-000001", "female", "1985", "Syrian", "adults"],
        ["IMP-25-000002", "male", "2016", "Syrian", "children"],
    ]
    url, response = preview(client, session, upload(rows))
    payload = response.context["payload"]
    assert client.post(url, {"payload": payload}).status_code == 302
    assert Enrolment.objects.filter(session=session).count() == 5
    assert Participant.objects.get(case_reference="IMP-25-000002").year_of_birth == 2016

    # The same list again, from Excel with Finnish headers and one corrected year.
    rows[1][2] = "2015"
    finnish = ["tapausnumero", "sukupuoli", "syntymävuosi", "kansalaisuus", "ryhmä"]
    url, response = preview(client, session, upload(rows, name="tapaukset.xlsx", header=finnish))
    client.post(url, {"payload": response.context["payload"]})
    assert Enrolment.objects.filter(session=session).count() == 5
    assert Participant.objects.filter(case_reference__startswith="IMP-").count() == 2
    assert Participant.objects.get(case_reference="IMP-25-000002").year_of_birth == 2015
    numbers = list(session.enrolments.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_tampered_import_payload_is_refused(client, setting):
    session = setting["session"]
    client.force_login(setting["trainer"])
    url, response = preview(
        client, session, upload([["IMP-25-000003", "female", "1985", "Syrian", "adults"]])
    )
    response = client.post(url, {"payload": response.context["payload"][:-3] + "abc"})
    assert not Participant.objects.filter(case_reference="IMP-25-000003").exists()


@pytest.mark.django_db
def test_import_refuses_unreadable_files_with_a_clear_message(client, setting):
    session = setting["session"]
    client.force_login(setting["trainer"])
    _url, response = preview(client, session, SimpleUploadedFile("cases.xlsx", b"not excel"))
    assert "This is not a readable Excel (.xlsx) file." in response.content.decode()
    _url, response = preview(client, session, upload([["x"]], header=["something"]))
    assert "Missing: case_reference" in response.content.decode()


@pytest.mark.django_db
def test_same_participant_twice_in_a_session_is_refused(setting):
    from django.db import IntegrityError, transaction

    enrolment = setting["session"].enrolments.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            session=setting["session"],
            participant=enrolment.participant,
            number=99,
            track="adults",
        )


@pytest.mark.django_db
def test_participant_from_another_location_cannot_be_added_to_the_sheet(client, setting):
    other_location = LocationFactory(site_name="Ankara")
    stranger = ParticipantFactory(location=other_location)
    client.force_login(setting["trainer"])
    client.post(
        sheet_url(setting["session"]),
        {"action": "add_participant", "case_reference": stranger.case_reference},
    )
    assert not setting["session"].enrolments.filter(participant=stranger).exists()


@pytest.mark.django_db
def test_the_curriculum_version_live_on_the_first_day_is_recorded(setting):
    session = setting["session"]
    first = session.enrolments.first()
    taught = session.curriculum.live_revision_id
    session.curriculum_revision = None
    session.save()
    mark(session, first.participant, "2026-03-02")
    session.refresh_from_db()
    assert session.curriculum_revision_id == taught
    # A later revision of the curriculum does not change what was taught.
    session.curriculum.save_revision().publish()
    mark(session, first.participant, "2026-03-03")
    session.refresh_from_db()
    assert session.curriculum_revision_id == taught
