"""A trainer at a camp records attendance on a phone."""

import pytest

from courses.training.models import Attendance
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.curricula.factories import CurriculumIndexPageFactory, CurriculumPageFactory
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory, mark

pytestmark = pytest.mark.browser


def test_trainer_records_attendance_on_a_phone(browser, live_server, site_tree, django_user_model):
    index = CurriculumIndexPageFactory(parent=site_tree)
    finland = CurriculumPageFactory(parent=index, title="PDO Finland")
    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    StaffUserFactory(username="trainer", group="Trainers", locations=[camp])
    session = TrainingSessionFactory(
        curriculum=finland, location=camp, days=("2026-03-02", "2026-03-03"), participants=4
    )
    first, second, *_rest = session.enrolments.all()
    mark(session, second.participant, "2026-03-02", "absent")  # already on paper and typed

    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    staff_sign_in(page, "trainer", "pw-trainer-1")
    page.goto(f"/admin/training/sessions/{session.pk}/attendance/")

    # Keyboard: focus the first cell and choose "Late" by typing.
    day1 = session.ordered_days[0]
    first_cell = page.locator(f"#mark-{first.number}-{day1.pk}")
    first_cell.focus()
    first_cell.select_option("late")
    page.fill(f"#pre-{first.number}", "45")
    page.fill(f"#post-{first.number}", "80")
    page.get_by_role("button", name="Mark all unmarked as present and save").click()
    page.get_by_text("Attendance saved.").wait_for()

    marks = {(a.participant_id, a.day_id): a.status for a in Attendance.objects.all()}
    assert marks[(first.participant_id, day1.pk)] == "late"
    assert marks[(second.participant_id, day1.pk)] == "absent"  # never overwritten
    assert len(marks) == 8 and list(marks.values()).count("present") == 6
    first.refresh_from_db()
    assert (first.pre_test_score, first.post_test_score) == (45, 80)

    # The sheet fits the phone: the table scrolls inside its own region.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(live_server_screenshot_dir() / "attendance-phone.png"))
    assert_accessible(page)
    context.close()


def live_server_screenshot_dir():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
