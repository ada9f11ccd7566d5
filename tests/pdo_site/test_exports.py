"""Every CSV export of the admin opens safely in Excel: a byte-order mark, so Arabic
reads right, and no cell that Excel would run as a formula."""

import csv
import io

import openpyxl
import pytest

from django.urls import reverse

from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
    mark,
)


@pytest.fixture
def manager_with_data(curricula):
    location = LocationFactory(site_name='=HYPERLINK("http://evil.example")')
    manager = StaffUserFactory(username="manager", group="Programme managers")
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=0)
    person = ParticipantFactory(location=location, nationality="@SUM(1+1)", household="+1-2")
    from courses.training.attendance import enrol

    enrol(session, person)
    mark(session, person, "2026-03-02")
    return manager


def csv_of(client, url, query=""):
    response = client.get(url + "?export=csv" + query)
    assert response.status_code == 200
    raw = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        "utf-8"
    )
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["participant:index", "location:index", "training_reports:participants_trained"],
)
def test_csv_exports_neutralise_formulas_and_carry_a_bom(client, manager_with_data, url_name):
    client.force_login(manager_with_data)
    cells = [
        cell for row in csv_of(client, reverse(url_name), "&breakdown=location")[1:] for cell in row
    ]
    assert cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=") or cell.startswith("'@") for cell in cells)


@pytest.mark.django_db
def test_age_groups_are_not_turned_into_dates(client, manager_with_data):
    client.force_login(manager_with_data)
    header = csv_of(client, reverse("training_reports:participants_trained"))[0]
    assert "Female 18–59" in header and not any("18-59" in heading for heading in header)


@pytest.mark.django_db
def test_xlsx_exports_type_their_cells(client, manager_with_data):
    client.force_login(manager_with_data)
    response = client.get(reverse("training_reports:participants_trained") + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    row = list(sheet[2])
    assert row[header.index("Female 0–5")].value == 0  # a number, not text
    assert row[header.index("Total")].value == "<5"  # suppressed: text
    assert all(cell.data_type != "f" for cell in row)
