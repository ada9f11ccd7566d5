import re

import pytest

from django.test import Client

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from pdo_site.demo import DEMO_DIR, read_translations
from pdo_site.models import HomePage

HOME_TEXT = read_translations(DEMO_DIR / "home")


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, direction", [("en", "ltr"), ("fi", "ltr"), ("ar", "rtl"), ("prs", "rtl"), ("ti", "ltr")]
)
def test_home_page_is_served_in_each_language_with_lang_and_dir(client, home_page, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{code}"' in html_tag(html)
    assert f'dir="{direction}"' in html_tag(html)
    assert f"<h1>{HOME_TEXT[code]['title']}</h1>" in html


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_every_language(client, home_page):
    html = client.get("/ar/").content.decode()
    for code in [
        "en",
        "fi",
        "sv",
        "is",
        "ar",
        "prs",
        "fa",
        "ckb",
        "kmr",
        "ps",
        "so",
        "ti",
        "fr",
        "sw",
    ]:
        assert f'href="/{code}/" hreflang="{code}" lang="{code}"' in html
    assert 'hreflang="ar" lang="ar" dir="rtl" aria-current="true"' in html


@pytest.mark.django_db
def test_root_redirects_to_a_language(client, home_page):
    response = Client(headers={"accept-language": "fi"}).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/"


@pytest.mark.django_db
def test_unknown_page_gives_a_translated_404(client, home_page):
    response = client.get("/fi/no-such-page/")
    assert response.status_code == 404
    assert 'lang="fi"' in response.content.decode()


class TestHomePageType(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_home_page_renders_and_is_the_site_root(self):
        # (Wagtail's assertPageIsRoutable does not know URL language prefixes; routing
        # is covered through real requests above.)
        from pdo_site.demo import ensure_site_tree

        home = ensure_site_tree()
        self.assertPageIsRenderable(home)
        assert Site.objects.get(is_default_site=True).root_page_id == home.pk
