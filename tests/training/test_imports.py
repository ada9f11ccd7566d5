"""Case-list imports as trainers really send them: messy CSVs, partial re-imports,
dates in the year column, over-long values, big files."""

import datetime
import io

import openpyxl
import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from courses.training.models import Enrolment, Participant
from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
)


@pytest.fixture
def setting(curricula):
    istanbul = LocationFactory(site_name="Istanbul")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[istanbul])
    session = TrainingSessionFactory(curriculum=curricula[1], location=istanbul, participants=0)
    return {"trainer": trainer, "session": session, "location": istanbul}


def import_url(session):
    return reverse("training:import_participants", args=[session.pk])


def preview(client, session, name, content):
    response = client.post(import_url(session), {"case_list": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return response


def confirm(client, session, response):
    return client.post(import_url(session), {"payload": response.context["payload"]})


MESSY_CSV = (
    "\ufeffTapausnumero;Kotitalous;Sukupuoli;Syntymävuosi;Kansalaisuus;Kieli;Nimi\r\n"
    "TUR-24-000101;H-7;F;15/03/1985;Syrian;ar;فاطمة الحسن\r\n"
    "TUR-24-000102;H-7;M;1990-07-01;Syrian;ar;Ahmet Yılmaz\r\n"
    "\r\n"
    "TUR-24-000103;H-8;nainen;2016;Afghan;prs;Şükrü Çelik\r\n"
    "TUR-24-000101;H-7;female;1985;Syrian;ar;duplicate\r\n"
    "bad-ref;H-9;male;1970;Iraqi;ckb;\r\n"
)


@pytest.mark.django_db
def test_a_messy_case_list_is_previewed_row_by_row_as_numbered_in_the_file(client, setting):
    client.force_login(setting["trainer"])
    response = preview(client, setting["session"], "cases.csv", MESSY_CSV.encode("utf-8"))
    rows = {row.line: row for row in response.context["rows"]}
    assert sorted(rows) == [2, 3, 5, 6, 7]  # the blank line 4 keeps the file's numbering
    assert rows[2].values["sex"] == "female" and rows[2].values["year_of_birth"] == "1985"
    assert rows[3].values["sex"] == "male" and rows[3].values["year_of_birth"] == "1990"
    assert rows[5].values["sex"] == "female" and not rows[5].errors
    assert "The same case reference is on row 2." in rows[6].errors
    assert any("not a valid case reference" in e for e in rows[7].errors)
    html = response.content.decode()
    assert 'name="payload"' not in html
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_sex_in_the_site_languages_and_a_date_cell_from_excel(client, setting):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["case_reference", "sex", "year_of_birth", "nationality"])
    sheet.append(["TUR-24-000201", "Nainen", datetime.datetime(1987, 5, 4), "Syrian"])
    sheet.append(["TUR-24-000202", "kvinna", 1991, "Syrian"])
    sheet.append(["TUR-24-000203", "أنثى", "1.2.1975", "Syrian"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(setting["trainer"])
    response = preview(client, setting["session"], "cases.xlsx", buffer.getvalue())
    rows = response.context["rows"]
    assert [row.errors for row in rows] == [[], [], []]
    assert [row.values["year_of_birth"] for row in rows] == ["1987", "1991", "1975"]
    assert confirm(client, setting["session"], response).status_code == 302
    assert set(Participant.objects.values_list("sex", flat=True)) == {"female"}


@pytest.mark.django_db
def test_a_re_import_with_fewer_columns_changes_only_those(client, setting):
    person = ParticipantFactory(
        location=setting["location"],
        case_reference="TUR-24-000301",
        household="H-1",
        preferred_language="ar",
        year_of_birth=1980,
    )
    client.force_login(setting["trainer"])
    csv = "case_reference,nationality\nTUR-24-000301,Iraqi\nTUR-24-000302,Syrian\n"
    response = preview(client, setting["session"], "update.csv", csv.encode())
    first, second = response.context["rows"]
    assert not first.is_new and first.changes == [("nationality", "Syrian", "Iraqi")]
    assert second.is_new and any("required for a new participant" in e for e in second.errors)
    html = response.content.decode()
    assert "New participant" in html and "Syrian" in html and "Iraqi" in html

    csv = "case_reference,nationality\nTUR-24-000301,Iraqi\n"
    response = preview(client, setting["session"], "update.csv", csv.encode())
    assert confirm(client, setting["session"], response).status_code == 302
    person.refresh_from_db()
    assert (person.nationality, person.household, person.preferred_language) == (
        "Iraqi",
        "H-1",
        "ar",
    )
    assert person.year_of_birth == 1980
    assert Enrolment.objects.filter(participant=person, session=setting["session"]).exists()


@pytest.mark.django_db
def test_an_over_long_value_is_refused_in_the_preview(client, setting):
    client.force_login(setting["trainer"])
    csv = f"case_reference,sex,year_of_birth,nationality\nTUR-24-000401,f,1980,{'x' * 61}\n"
    response = preview(client, setting["session"], "long.csv", csv.encode())
    (row,) = response.context["rows"]
    assert any("longer than 60 characters" in e for e in row.errors)
    assert not response.context.get("payload") or 'name="payload"' not in response.content.decode()


@pytest.mark.django_db
@override_settings(PDO_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, setting):
    client.force_login(setting["trainer"])
    content = b"case_reference,sex,year_of_birth,nationality\n" + b"x" * 2000
    response = preview(client, setting["session"], "big.csv", content)
    assert "larger than" in response.content.decode()
    assert "rows" not in response.context or not response.context["rows"]


@pytest.mark.django_db
def test_2000_rows_are_imported_all_or_nothing(client, setting):
    lines = ["case_reference,sex,year_of_birth,nationality"] + [
        f"TUR-25-{n:06d},{'f' if n % 2 else 'm'},{1950 + n % 60},Syrian" for n in range(2000)
    ]
    client.force_login(setting["trainer"])
    response = preview(client, setting["session"], "all.csv", "\n".join(lines).encode())
    assert response.context["error_count"] == 0
    assert confirm(client, setting["session"], response).status_code == 302
    assert Participant.objects.count() == 2000
    numbers = list(setting["session"].enrolments.values_list("number", flat=True))
    assert numbers == list(range(1, 2001))
