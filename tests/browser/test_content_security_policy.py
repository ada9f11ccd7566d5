"""The Content-Security-Policy blocks nothing the site itself needs, in a real browser."""

import pytest

from tests.browser.test_authoring import PASSWORD, finland, log_in, no_autosave  # noqa: F401
from tests.curricula.factories import ModulePageFactory

pytestmark = pytest.mark.browser


def violations_while(page, visit):
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    visit()
    page.wait_for_load_state("networkidle")
    return seen


@pytest.mark.django_db(transaction=True)
def test_public_pages_and_the_page_editor_run_under_the_policy(
    page,
    finland,  # noqa: F811
    django_user_model,
):
    module = ModulePageFactory(parent=finland, title="Health care")
    response = page.goto(module.url)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "camera=()" in response.headers["permissions-policy"]
    for path in (module.url, "/ar/", "/fi/learn/", "/en/accounts/login/", "/en/search/?q=health"):
        assert violations_while(page, lambda path=path: page.goto(path)) == [], path

    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    log_in(page, "admin")
    editor = f"/admin/pages/{module.pk}/edit/"
    found = violations_while(page, lambda: page.goto(editor))
    assert found == []
    assert page.locator("[data-contentpath=body_en]").first.is_visible()
