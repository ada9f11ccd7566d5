"""Demo content for the site itself: the home page in every language we have text for.

The text lives in ``pdo_site/demo/home/<language>.json`` so translators can work
on it without touching code.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils import translation

from wagtail.models import Locale, Page, Site

from pdo_site.languages import LANGUAGE_CODES, SOURCE_LANGUAGE
from pdo_site.models import HomePage

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def read_translations(folder):
    """{language code: parsed JSON} for every site language with a file in ``folder``."""
    texts = {}
    for code in LANGUAGE_CODES:
        path = folder / f"{code}.json"
        if path.exists():
            texts[code] = json.loads(path.read_text(encoding="utf-8"))
    return texts


def home_body(text):
    return [
        {"type": "section", "value": {"title": s["title"], "text": s["text"], "page": None}}
        for s in text.get("sections", [])
    ]


@transaction.atomic
def ensure_home_page():
    """Return the site's HomePage, creating it (and replacing Wagtail's welcome page) if needed.

    An existing home page is left as editors made it.
    """
    home = HomePage.objects.first()
    if home is not None:
        return home, False

    texts = read_translations(DEMO_DIR / "home")
    source = texts[SOURCE_LANGUAGE]
    root = Page.get_first_root_node()
    with translation.override(SOURCE_LANGUAGE):
        home = HomePage(title=source["title"], slug="home")
        for code, text in texts.items():
            setattr(home, f"title_{code}", text["title"])
            setattr(home, f"slug_{code}", "home")
            setattr(home, f"intro_{code}", text.get("intro", ""))
            setattr(home, f"search_description_{code}", text.get("search_description", ""))
            setattr(home, f"body_{code}", home_body(text))
        # Wagtail's initial migration made a "Welcome" page at the root's first slot
        # with slug "home": move it out of the way before the real home page takes it.
        for welcome in root.get_children().exact_type(Page):
            welcome.delete()
        root.refresh_from_db()
        root.add_child(instance=home)
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="PDO training",
        )
    else:
        site.root_page = home
        site.site_name = "PDO training"
        site.save()
    return home, True


def ensure_site_tree():
    """Locale, root page, home page and Site: what Wagtail's migrations and `load_demo` make.

    Used by `load_demo` and by tests whose database was flushed.
    """
    Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
    if not Page.objects.filter(depth=1).exists():
        root = Page(title="Root", slug="root", title_en="Root", slug_en="root")
        Page.add_root(instance=root)
    home, _created = ensure_home_page()
    return home


def load(stdout):
    home, created = ensure_home_page()
    stdout.write(f"Home page {'created' if created else 'kept'}: {home.title}")
