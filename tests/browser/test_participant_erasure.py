"""A programme manager answers an erasure request in the browser, on a phone in Arabic
and on a desktop in English; the page passes axe-core both ways."""

import os
from pathlib import Path

import pytest

from wagtail.users.models import UserProfile

from courses.training.models import DataAccess, Participant
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.training.factories import ParticipantFactory, StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set PDO_SCREENSHOT_DIR to keep screenshots of each step (never committed).
SHOTS = os.environ.get("PDO_SCREENSHOT_DIR")


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize(
    ("language", "width", "direction"), [("ar", 360, "rtl"), ("en", 1280, "ltr")]
)
def test_a_manager_finds_and_erases_a_participant(page, language, width, direction):
    manager = StaffUserFactory(username="manager", group="Programme managers")
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = language
    profile.save()
    person = ParticipantFactory(case_reference="TUR-24-555111", name="Noor Salim")
    page.set_viewport_size({"width": width, "height": 800})
    staff_sign_in(page, "manager", "pw-manager-1")

    page.goto("/admin/training/participants/")
    page.click("a[href='/admin/training/participants/subject-access/']")
    assert page.get_attribute("html", "dir") == direction
    page.fill("#id_case_reference", "TUR-24-555111")
    page.click("button[value=find]")
    page.wait_for_selector("#subject-summary")
    # "Participant #12" in the page's language (Arabic writes "رقم 12"): the id, never the name.
    summary = page.inner_text("#subject-summary")
    assert str(person.pk) in summary and person.name not in summary
    assert_accessible(page)
    shoot(page, f"subject-access-{language}-{width}")

    with page.expect_download() as download:
        page.click("button[value=json]")
    assert download.value.suggested_filename == f"participant-{person.pk}.json"

    page.click("button[value=erase]")  # not confirmed: nothing happens but a clear error
    page.wait_for_selector(".error-message")
    assert Participant.objects.filter(case_reference="TUR-24-555111").exists()
    shoot(page, f"subject-access-error-{language}-{width}")
    page.check("#id_confirm_erase")
    page.click("button[value=erase]")
    page.wait_for_selector(".messages .success")
    assert str(person.pk) in page.inner_text(".messages")
    assert_accessible(page)
    shoot(page, f"subject-access-done-{language}-{width}")
    person.refresh_from_db()
    assert (person.case_reference, person.name) == (f"ANON-{person.pk}", "")
    assert DataAccess.objects.filter(action="erase", participants=f" {person.pk} ").exists()
