"""The admin works without internet: nothing on the dashboard reaches outside the site."""

import pytest


@pytest.mark.django_db
def test_dashboard_fetches_no_avatar_and_no_release_feed(client, admin_user):
    assert admin_user.email, "Gravatar URLs are made from the e-mail address"
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    # The account menu still shows an avatar: the default image served by the site.
    assert "wagtailadmin/images/default-user-avatar" in html
    assert "gravatar.com" not in html
    # The upgrade panel is what fetches releases.wagtail.io from the browser.
    assert 'data-controller="w-upgrade' not in html
    assert "releases.wagtail.io" not in html
