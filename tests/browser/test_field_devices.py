"""A trainer whose phone was lost revokes its token in the admin, on a phone, in Arabic."""

import pytest

from wagtail.users.models import UserProfile

from courses.field.models import DeviceToken
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.field.conftest import Device
from tests.training.factories import LocationFactory, StaffUserFactory

pytestmark = pytest.mark.browser


def test_a_trainer_revokes_a_lost_phone_in_the_admin(browser, live_server, site_tree, client):
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[LocationFactory()])
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "ar"
    profile.save()
    lost = Device(client, "trainer", "Samsung A14 (lost)")
    kept = Device(client, "trainer", "Tablet")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.set_default_timeout(15_000)
    staff_sign_in(page, "trainer", "pw-trainer-1")

    page.goto("/admin/field/devices/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="Samsung A14 (lost)").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)

    page.get_by_role("link", name="Samsung A14 (lost)").click()
    page.locator("#id_revoked").check()
    page.locator("nav.actions--primary button[type=submit]").first.click()
    page.wait_for_url("**/admin/field/devices/")
    assert_accessible(page)
    context.close()

    assert DeviceToken.objects.get(pk=lost.token_id).revoked
    assert not DeviceToken.objects.get(pk=kept.token_id).revoked
    assert lost.sync([]).json()["code"] == "token_revoked"
    assert kept.sync([]).status_code == 200
