"""A translator translates a module into Arabic in the translation view, a reviewer
publishes it, and the Arabic page reads without English."""

import pytest

from django.contrib.auth.models import Group
from django.utils import translation

from courses.curricula.models import ModulePage
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.curricula.factories import (
    CurriculumIndexPageFactory,
    CurriculumPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"
ARABIC = {
    "Health care": "الرعاية الصحية",
    "Where to get help when you are ill.": "أين تحصل على المساعدة عندما تمرض.",
    "Call 112 in an emergency.": "اتصل بالرقم 112 في حالات الطوارئ.",
    "Health centres": "المراكز الصحية",
    "<p>Every municipality has a health centre.</p>": "<p>في كل بلدية مركز صحي.</p>",
    "<p>Ask who has used a health centre before. SECRET-TRAINER-NOTE</p>": (
        "<p>اسأل من زار مركزًا صحيًا من قبل. SECRET-TRAINER-NOTE</p>"
    ),
}


@pytest.fixture(autouse=True)
def no_autosave(settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def module(site_tree):
    index = CurriculumIndexPageFactory(parent=site_tree)
    finland = CurriculumPageFactory(parent=index, title="PDO Finland", destination="finland")
    finland.title_ar = "التوجيه قبل السفر: فنلندا"
    finland.summary_ar = "ما تتوقعه في الأشهر الأولى."
    finland.save_revision().publish()
    return ModulePageFactory(parent=finland, title="Health care")


@pytest.fixture
def people(django_user_model):
    users = {}
    for username, group in [("author", "Curriculum authors"), ("reviewer", "Curriculum reviewers")]:
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def test_translator_fills_arabic_reviewer_publishes_page_has_no_english(page, module, people):
    staff_sign_in(page, "author", PASSWORD)
    page.goto(f"/admin/translate/{module.pk}/")
    page.get_by_role("link", name="العربية (ar)").click()
    page.wait_for_url(f"**/admin/translate/{module.pk}/ar/")

    rows = page.locator(".translation-row")
    assert rows.count() == len(ARABIC) + 1  # the key message appears twice
    for index in range(rows.count()):
        row = rows.nth(index)
        source = row.locator(".translation-english").inner_text()
        field = row.locator("input, textarea").first
        assert field.get_attribute("dir") == "rtl" and field.get_attribute("lang") == "ar"
        field.fill(ARABIC[source])
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_accessible(page)

    page.get_by_role("button", name="Save and submit for review").click()
    page.locator(".messages .success").wait_for()
    module.refresh_from_db()
    assert module.current_workflow_state is not None
    assert not module.title_ar

    page.context.clear_cookies()
    staff_sign_in(page, "reviewer", PASSWORD)
    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.locator(".messages .success").wait_for()

    module = ModulePage.objects.get(pk=module.pk)
    assert module.live and module.title_ar == "الرعاية الصحية"
    with translation.override("ar"):
        arabic_url = module.url
    page.context.clear_cookies()
    page.goto(arabic_url)
    assert page.locator("h1").inner_text() == "الرعاية الصحية"
    main = page.locator("main").inner_text()
    for english in ("Health care", "Health centres", "municipality", "emergency", "ill."):
        assert english not in main
    assert "في كل بلدية مركز صحي." in main
    assert "SECRET-TRAINER-NOTE" not in page.content()


def test_translation_view_at_360_px_in_rtl(page, module, people):
    staff_sign_in(page, "author", PASSWORD)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"/admin/translate/{module.pk}/fa/")
    assert page.locator("textarea[dir=rtl][lang=fa]").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
