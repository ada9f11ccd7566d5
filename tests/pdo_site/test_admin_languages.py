import pytest

from django.conf import settings

from wagtail.users.models import UserProfile


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, dashboard_word",
    [("en", "Pages"), ("fi", "Sivut"), ("sv", "Sidor"), ("ar", "الصفحات")],
)
def test_admin_speaks_the_language_each_user_picks(client, admin_user, language, dashboard_word):
    assert language in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert f'lang="{language}"' in html
    assert dashboard_word in html
    assert ('dir="rtl"' in html) is (language == "ar")
