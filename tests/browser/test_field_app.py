"""The field app in a browser: signed in once, recorded offline, synced later without
duplicates, and a conflict with another device resolved by the trainer."""

import pytest

from courses.field.models import DeviceToken
from courses.training.models import Attendance, Enrolment, Participant
from tests.browser.conftest import assert_accessible, wait_until
from tests.curricula.factories import CurriculumIndexPageFactory, CurriculumPageFactory
from tests.field.conftest import near_today
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory

pytestmark = pytest.mark.browser

WAITING = "Number(document.querySelector('[data-waiting-badge]').textContent)"


@pytest.fixture
def camp_session(site_tree):
    index = CurriculumIndexPageFactory(parent=site_tree)
    finland = CurriculumPageFactory(parent=index, title="PDO Finland")
    camp = LocationFactory(site_name="Camp A")
    StaffUserFactory(username="trainer", group="Trainers", locations=[camp])
    return TrainingSessionFactory(
        curriculum=finland, location=camp, days=near_today(0, 1), participants=3
    )


def open_app(browser, live_server, language="en", width=390):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/{language}/field/")
    return context, page


def sign_in(page, device="Field phone"):
    page.fill("#field-username", "trainer")
    page.fill("#field-password", "pw-trainer-1")
    page.fill("#field-device", device)
    page.locator("[data-sign-in-form] button").click()
    page.locator("[data-session-list] a").first.wait_for()
    # The service worker has the shell and its files before the phone goes offline.
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_until(page, "navigator.serviceWorker.controller !== null")


def open_session(page, session):
    page.goto(f"{page.url.split('#')[0]}#session={session.pk}")
    page.locator("[data-attendance-rows] select").first.wait_for()


def test_recorded_offline_synced_once_and_a_conflict_resolved(browser, live_server, camp_session):
    session = camp_session
    first, second, _third = session.enrolments.order_by("number")
    today = session.ordered_days[0]
    context, page = open_app(browser, live_server)
    sign_in(page)
    open_session(page, session)

    context.set_offline(True)
    page.select_option(f"[data-ref='{first.pk}'][data-day='{today.pk}']", "present")
    page.select_option(f"[data-ref='{second.pk}'][data-day='{today.pk}']", "late")
    page.fill(f"[data-ref='{first.pk}'][data-test='pre']", "55")
    page.locator(f"[data-ref='{first.pk}'][data-test='pre']").blur()
    # A wrong case reference is refused on the phone, with the server's reason.
    page.fill("#new-case-reference", "nope")
    page.locator("[data-participant-form] button").click()
    page.get_by_text("“NOPE” is not a valid case reference").wait_for()
    page.fill("#new-case-reference", "tur-26-778899")
    page.select_option("#new-sex", "female")
    page.fill("#new-year", "1990")
    page.fill("#new-nationality", "Syria")
    page.locator("[data-participant-form] button").click()
    page.locator("th", has_text="TUR-26-778899").first.wait_for()
    wait_until(page, f"{WAITING} === 4")

    page.reload()  # offline: the service worker opens the app, IndexedDB holds the work
    page.locator("th", has_text="TUR-26-778899").first.wait_for()
    mark = page.locator(f"[data-ref='{second.pk}'][data-day='{today.pk}']")
    assert mark.input_value() == "late"
    assert page.locator(f"[data-ref='{first.pk}'][data-test='pre']").input_value() == "55"
    assert "Offline" in page.locator("[data-connection]").inner_text()

    context.set_offline(False)
    page.goto(page.url.split("#")[0] + "#queue")
    page.locator("[data-sync]").click()
    page.get_by_text("Saved: 4 · Conflicts: 0 · Refused: 0").wait_for()
    page.locator("[data-sync]").click()  # again: nothing is sent twice
    page.get_by_text("Saved: 0 · Conflicts: 0 · Refused: 0").wait_for()

    assert Participant.objects.filter(case_reference="TUR-26-778899").count() == 1
    added = Enrolment.objects.get(session=session, participant__case_reference="TUR-26-778899")
    assert added.number == 4
    marks = {a.participant_id: a.status for a in Attendance.objects.filter(day=today)}
    assert marks == {first.participant_id: "present", second.participant_id: "late"}
    first.refresh_from_db()
    assert first.pre_test_score == 55

    # Another phone changes the same mark first; this phone's edit then conflicts.
    other_context, other = open_app(browser, live_server)
    sign_in(other, "Second phone")
    open_session(other, session)
    other.select_option(f"[data-ref='{second.pk}'][data-day='{today.pk}']", "absent")
    other.goto(other.url.split("#")[0] + "#queue")
    other.locator("[data-sync]").click()
    other.get_by_text("Saved: 1 · Conflicts: 0 · Refused: 0").wait_for()
    other_context.close()

    open_session(page, session)
    page.select_option(f"[data-ref='{second.pk}'][data-day='{today.pk}']", "present")
    page.goto(page.url.split("#")[0] + "#queue")
    page.locator("[data-sync]").click()
    page.get_by_text("Saved: 0 · Conflicts: 1 · Refused: 0").wait_for()
    conflict = page.locator("[data-conflicts] li")
    assert conflict.locator("[data-mine]").inner_text() == "Present"
    assert conflict.locator("[data-theirs]").inner_text() == "Absent"
    assert Attendance.objects.get(day=today, participant=second.participant).status == "absent"
    assert_accessible(page)

    conflict.get_by_role("button", name="Keep mine").click()
    page.locator("[data-sync]").click()
    page.get_by_text("Saved: 1 · Conflicts: 0 · Refused: 0").wait_for()
    assert Attendance.objects.get(day=today, participant=second.participant).status == "present"
    assert page.locator("[data-conflicts] li").count() == 0

    page.locator("a[href='#sessions']").first.click()
    page.locator("[data-sign-out]").click()
    page.locator("#field-username").wait_for()
    assert page.evaluate("PDOField.store.all('sessions')") == []
    context.close()


def test_the_app_in_arabic_on_a_phone(browser, live_server, camp_session):
    context, page = open_app(browser, live_server, language="ar", width=360)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    sign_in(page)
    assert_accessible(page)
    open_session(page, camp_session)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.goto(page.url.split("#")[0] + "#queue")
    page.locator("[data-sync]").wait_for()
    assert_accessible(page)
    context.close()


def test_a_revoked_phone_keeps_its_work_and_an_unsynced_phone_is_cleared(
    browser, live_server, camp_session
):
    first = camp_session.enrolments.order_by("number").first()
    today = camp_session.ordered_days[0]
    context, page = open_app(browser, live_server)
    sign_in(page)
    open_session(page, camp_session)
    page.select_option(f"[data-ref='{first.pk}'][data-day='{today.pk}']", "absent")
    wait_until(page, f"{WAITING} === 1")
    DeviceToken.objects.update(revoked=True)  # the phone was reported lost in the admin

    page.goto(page.url.split("#")[0] + "#queue")
    page.locator("[data-sync]").click()
    page.get_by_text("This device was signed out from the admin").wait_for()
    page.locator("#field-username").wait_for()
    assert not Attendance.objects.exists()
    assert len(page.evaluate("PDOField.sync.changes()")) == 1  # kept for signing in again

    # Signed in again, but then no sync for longer than the limit: the phone is cleared.
    page.goto(page.url.split("#")[0] + "#sessions")
    sign_in(page, "Field phone again")
    page.evaluate("PDOField.store.setMeta('last_sync', Date.now() - 15 * 24 * 3600 * 1000)")
    page.reload()
    page.get_by_text("cleared after 14 days without a sync").wait_for()
    assert page.evaluate("PDOField.sync.changes()") == []
    assert page.evaluate("PDOField.store.all('sessions')") == []
    context.close()
