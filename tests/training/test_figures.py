"""Quarterly figures: managers publish a quarter; the public page shows only published
quarters, suppressed, in every language; report packs for donors as PDF and XLSX."""

import io
import subprocess
import sys

import openpyxl
import pytest
from pypdf import PdfReader

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from courses.training.models import PublishedQuarter
from tests.training.factories import LocationFactory, StaffUserFactory, mark
from tests.training.test_attendance_sheet import big_session


@pytest.fixture
def quarter_of_training(curricula):
    """Q1 2026: 12 women aged 18–59 and 3 men trained in Istanbul (Finland)."""
    istanbul = LocationFactory(site_name="Istanbul")
    session = big_session(curricula[1], istanbul, participants=15, days=2)
    for enrolment in session.enrolments.select_related("participant"):
        person = enrolment.participant
        person.sex, person.year_of_birth = (
            ("male", 1990) if enrolment.number <= 3 else ("female", 1990)
        )
        person.save()
        mark(session, person, "2026-03-02")
    manager = StaffUserFactory(username="manager", group="Programme managers")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[istanbul])
    return {"manager": manager, "trainer": trainer, "session": session}


@pytest.mark.django_db
def test_a_manager_publishes_a_quarter_and_the_public_page_shows_it(client, quarter_of_training):
    assert "No figures have been published yet" in client.get("/en/figures/").content.decode()
    client.force_login(quarter_of_training["manager"])
    page = client.get(reverse("training:quarterly_figures"))
    assert page.status_code == 200 and "2026 Q1" in page.content.decode()
    response = client.post(reverse("training:quarterly_figures"), {"quarter": "2026Q1"})
    assert response.status_code == 302
    assert PublishedQuarter.objects.filter(quarter="2026-01-01").exists()
    client.logout()

    html = client.get("/en/figures/").content.decode()
    assert "2026 Q1" in html and "<svg" in html
    table = html[html.find("<table") : html.find("</table>")]
    assert "<bdi>15</bdi>" in table  # everyone
    # 3 men are too few to show; the 12 women would give them away (15 − 12): both hidden.
    assert "<bdi>3</bdi>" not in table and "<bdi>12</bdi>" not in table
    assert table.count("&lt;5") == 4  # in the row and in the totals
    arabic = client.get("/ar/figures/")
    assert arabic.status_code == 200 and 'dir="rtl"' in arabic.content.decode()
    csv = client.get("/en/figures/?format=csv").content.decode("utf-8-sig")
    assert "<5" in csv and ",3," not in csv and ",12," not in csv

    client.force_login(quarter_of_training["manager"])
    client.post(reverse("training:quarterly_figures"), {"quarter": "2026Q1", "action": "withdraw"})
    client.logout()
    assert "2026 Q1" not in client.get("/en/figures/").content.decode()


@pytest.mark.django_db
def test_trainers_cannot_publish_or_download_packs(client, quarter_of_training):
    client.force_login(quarter_of_training["trainer"])
    assert client.post(
        reverse("training:quarterly_figures"), {"quarter": "2026Q1"}
    ).status_code in (
        302,
        403,
    )
    assert not PublishedQuarter.objects.exists()
    url = reverse("training:report_pack", args=["2026Q1", "finland", "pdf"])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_report_pack_pdf_and_xlsx_for_the_donor(client, quarter_of_training):
    client.force_login(quarter_of_training["manager"])
    pdf = client.get(reverse("training:report_pack", args=["2026Q1", "finland", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Migrants assisted January–March 2026, Finland" in text
    assert "AMIF" in text and "Istanbul" in text and "<5" in text
    xlsx = client.get(reverse("training:report_pack", args=["2026Q1", "finland", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0].value: row[1].value for row in workbook.worksheets[0].iter_rows(min_row=2)}
    assert summary["Participants trained"] == 15 and summary["Sessions held"] == 1
    assert summary["Hours delivered"] == 12
    bad = reverse("training:report_pack", args=["2026Q9", "finland", "pdf"])
    assert client.get(bad).status_code == 404


@pytest.mark.django_db
def test_build_report_pack_command(quarter_of_training, tmp_path):
    call_command("build_report_pack", "2026Q1", "--destination", "finland", "--output", tmp_path)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["report-pack-2026Q1-finland.pdf", "report-pack-2026Q1-finland.xlsx"]
    with pytest.raises(CommandError, match="not a quarter"):
        call_command("build_report_pack", "2026-13", "--destination", "finland")
    with pytest.raises(CommandError, match="Unknown destination"):
        call_command("build_report_pack", "2026Q1", "--destination", "mars")


def test_build_report_pack_exits_non_zero_from_the_shell():
    result = subprocess.run(
        [sys.executable, "manage.py", "build_report_pack", "nonsense", "--destination", "finland"],
        check=False,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "not a quarter" in result.stderr
