"""A programme manager's week, in the browser: a location, a session with its days, a
participant, a messy case list, the printed sheet, the reports and their exports, and a
quarter published and read on the public page in Arabic."""

import re

import pytest

from courses.training.models import Location, Participant, PublishedQuarter, TrainingSession
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.curricula.factories import CurriculumIndexPageFactory, CurriculumPageFactory
from tests.training.factories import StaffUserFactory

pytestmark = pytest.mark.browser
SAVE = re.compile(r"^(Create|Save)$")

CASE_LIST = (
    "\ufeffTapausnumero;Sukupuoli;Syntymävuosi;Kansalaisuus;Nimi\n"
    "TUR-24-000501;F;15/03/1985;Syrian;فاطمة الحسن\n"
    "\n"
    "TUR-24-000502;M;1990-07-01;Syrian;Ahmet Yılmaz\n"
)


def sign_in(page, username, password):
    staff_sign_in(page, username, password)


def test_a_programme_manager_runs_a_quarter(page, site_tree, tmp_path):
    index = CurriculumIndexPageFactory(parent=site_tree)
    CurriculumPageFactory(parent=index, title="PDO Finland", destination="finland")
    trainer = StaffUserFactory(username="trainer.istanbul", group="Trainers")
    StaffUserFactory(username="manager", group="Programme managers")
    sign_in(page, "manager", "pw-manager-1")

    # A location, with its trainer.
    page.goto("/admin/training/locations/new/")
    page.fill("#id_country", "Turkey")
    page.fill("#id_site_name", "Istanbul")
    page.get_by_label("trainer.istanbul").check()
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url("**/admin/training/locations/")
    location = Location.objects.get(site_name="Istanbul")
    assert list(location.trainers.all()) == [trainer]

    # A session with two days.
    page.goto("/admin/training/sessions/new/")
    page.select_option("#id_curriculum", label="PDO Finland")
    page.select_option("#id_location", str(location.pk))
    page.select_option("#id_destination", "finland")
    page.select_option("#id_delivery_language", "ar")
    page.select_option("#id_status", "held")
    page.fill("#id_days-0-date", "2026-03-02")
    page.fill("#id_days-0-start_time", "09:00")
    page.fill("#id_days-0-end_time", "13:00")
    # Close the date and time pickers as a person does, by clicking outside them.
    page.keyboard.press("Escape")
    page.locator("label[for=id_status]").click()
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url("**/admin/training/sessions/")
    session = TrainingSession.objects.get()
    assert session.first_day.isoformat() == "2026-03-02" and session.hours_delivered == 4

    # A participant registered by hand, then a messy case list imported.
    page.goto("/admin/training/participants/new/")
    page.fill("#id_case_reference", "TUR-24-000500")
    page.select_option("#id_sex", "female")
    page.fill("#id_year_of_birth", "1979")
    page.fill("#id_nationality", "Afghan")
    page.select_option("#id_destination", "finland")
    page.select_option("#id_location", str(location.pk))
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url("**/admin/training/participants/")
    case_list = tmp_path / "tapaukset.csv"
    case_list.write_text(CASE_LIST, encoding="utf-8")
    page.goto(f"/admin/training/sessions/{session.pk}/import/")
    page.set_input_files("#case-list", str(case_list))
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("2 new participants").wait_for()
    rows = page.locator("table.listing tbody th").all_inner_texts()
    assert rows == ["2", "4"]  # numbered as in the file
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 participants").click()
    page.wait_for_url(f"**/admin/training/sessions/{session.pk}/attendance/")
    assert Participant.objects.count() == 3

    # Attendance for both, then the printed sheet.
    page.get_by_role("button", name="Mark all unmarked as present and save").click()
    page.get_by_text("Attendance saved.").wait_for()
    pdf = page.request.get(f"/admin/training/sessions/{session.pk}/attendance.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The reports, on screen and exported.
    for path in (
        "/admin/reports/courses/participants-trained/",
        "/admin/reports/courses/sessions/",
    ):
        page.goto(path)
        assert page.locator("svg.report-chart").count() == 1
        assert_accessible(page)
        export = page.request.get(path + "?export=csv")
        assert export.ok and export.body().startswith("\ufeff".encode())

    # The quarter published and read in Arabic.
    page.goto("/admin/training/figures/")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("is published on the figures page").wait_for()
    assert PublishedQuarter.objects.filter(quarter="2026-01-01").exists()
    page.goto("/ar/figures/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("table.figures-table tbody tr").count() == 1
    assert_accessible(page)

    # The session edited (a note added), a participant corrected, another removed.
    page.goto(f"/admin/training/sessions/edit/{session.pk}/")
    page.fill("#id_notes", "Two families arrived late on day 1.")
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url("**/admin/training/sessions/")
    session.refresh_from_db()
    assert session.notes == "Two families arrived late on day 1." and session.days.count() == 1
    by_hand = Participant.objects.get(case_reference="TUR-24-000500")
    page.goto(f"/admin/training/participants/edit/{by_hand.pk}/")
    page.fill("#id_year_of_birth", "1978")
    page.get_by_role("button", name=SAVE).click()
    page.wait_for_url("**/admin/training/participants/")
    by_hand.refresh_from_db()
    assert by_hand.year_of_birth == 1978
    leaving = Participant.objects.get(case_reference="TUR-24-000502")
    page.goto(f"/admin/training/participants/delete/{leaving.pk}/")
    page.get_by_role("button", name="Yes, delete").click()
    page.wait_for_url("**/admin/training/participants/")
    assert not Participant.objects.filter(pk=leaving.pk).exists()

    # A location opened by mistake is deleted again.
    mistake = Location.objects.create(country="Turkey", site_name="Wrong city")
    page.goto(f"/admin/training/locations/delete/{mistake.pk}/")
    page.get_by_role("button", name="Yes, delete").click()
    page.wait_for_url("**/admin/training/locations/")
    assert not Location.objects.filter(pk=mistake.pk).exists()
