"""The demo's Somali and Tigrinya modules: loaded whole, read as pages and as a PDF."""

import html
import io
import re

import pytest

from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from courses.curricula.models import CurriculumPage, GlossaryTerm, ModulePage
from materials.models import Variant
from tests.materials.conftest import render

LANGUAGES = ["so", "ti"]
MODULES = ["journey-and-arrival", "health-care"]
# Somali has the whole Finland curriculum; Tigrinya the two modules above.
SOMALI_ONLY = [
    "finland-and-its-society",
    "housing",
    "education-and-work",
    "rights-duties-and-services",
    "money-and-daily-life",
]
CASES = [(slug, language) for slug in MODULES for language in LANGUAGES] + [
    (slug, "so") for slug in SOMALI_ONLY
]
# Keys whose values are structure, not text: the same in every language.
STRUCTURE_KEYS = {"type", "id", "destination"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for this module by `load_demo` and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", "--without-training-records", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def finland_module(slug):
    finland = CurriculumPage.objects.get(slug="pdo-finland")
    return ModulePage.objects.child_of(finland).get(slug=slug)


def texts(value, path=()):
    """{path: text} for every string in stored StreamField data (block ids and types left out)."""
    found = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in STRUCTURE_KEYS:
                found.update(texts(item, (*path, key)))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            found.update(texts(item, (*path, position)))
    elif isinstance(value, str):
        found[path] = value
    return found


def body_texts(module, language):
    return texts(getattr(module, f"body_{language}").get_prep_value())


def pieces(text):
    """The runs of text between tags, unescaped and with whitespace squeezed."""
    runs = (" ".join(html.unescape(run).split()) for run in re.split(r"<[^>]+>", text))
    return [run for run in runs if run]


def page_text(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def glossary_keys(module):
    return [block.value.pk for block in module.body_en if block.block_type == "glossary_term"]


@pytest.mark.django_db
@pytest.mark.parametrize("slug, language", CASES)
def test_every_text_of_the_module_is_translated(demo, language, slug):
    module = finland_module(slug)
    for field in ("title", "summary", "key_messages"):
        english, translated = getattr(module, f"{field}_en"), getattr(module, f"{field}_{language}")
        assert translated and translated != english, field
    assert len(module.key_messages_en.splitlines()) == len(
        getattr(module, f"key_messages_{language}").splitlines()
    )
    english, translated = body_texts(module, "en"), body_texts(module, language)
    # The same blocks in the same order: a translator translated the texts, not the structure.
    assert translated.keys() == english.keys()
    assert len(english) > 25
    for path, source in english.items():
        if source:
            assert translated[path] and translated[path] != source, (path, source[:60])
    for term in GlossaryTerm.objects.filter(pk__in=glossary_keys(module)):
        assert getattr(term, f"term_{language}"), term.key  # a name (Kela) may stay as it is
        assert getattr(term, f"definition_{language}") not in ("", term.definition), term.key


PAGES = [
    (curriculum, slug, language)
    for curriculum in ("pdo-finland", "pdo-iceland")
    for slug, language in CASES
    if slug in MODULES
] + [("pdo-finland", slug, "so") for slug in SOMALI_ONLY]


@pytest.mark.django_db
@pytest.mark.parametrize("curriculum, slug, language", PAGES)
def test_module_page_reads_with_no_english_left(demo, client, author, language, slug, curriculum):
    """As a trainer sees it (trainer notes too), in the Finland module and the Iceland alias."""
    module = ModulePage.objects.child_of(CurriculumPage.objects.get(slug=curriculum)).get(slug=slug)
    source = finland_module(slug)
    with translation.override(language):
        url = module.url
    assert url == f"/{language}/curricula/{curriculum}/{slug}/"
    client.force_login(author)
    response = client.get(url)
    assert response.status_code == 200
    markup = response.content.decode()
    assert 'class="notice"' not in markup  # no "not translated" notice
    assert 'lang="en"' not in markup.split("<main", 1)[1]
    shown = page_text(markup)
    translated = body_texts(source, language)
    other = "iceland" if curriculum == "pdo-finland" else "finland"
    for path, text in translated.items():
        block = source.body_en.get_prep_value()[path[0]]
        if block["type"] == "destination" and block["value"]["destination"] == other:
            continue
        for run in pieces(text):
            assert run in shown, (path, run)
    # Names and numbers the translation keeps (Kela, 116117, terveysasema) are not English left.
    kept = {run for text in translated.values() for run in pieces(text)}
    english = [
        source.title_en,
        source.summary_en,
        *source.key_messages_en.splitlines(),
        *body_texts(source, "en").values(),
    ]
    left = [run for text in english for run in pieces(text) if run not in kept and run in shown]
    assert left == []


@pytest.mark.django_db
@pytest.mark.parametrize("variant", [Variant.HANDOUT, Variant.TRAINER])
def test_tigrinya_module_pdf_is_set_in_the_ethiopic_font(demo, variant):
    module = finland_module("health-care")
    _html, document = render(module, "ti", variant)
    fonts = document.fonts
    assert "PDO-Noto-Sans-Ethiopic" in fonts, fonts
    assert all(fonts.values()), f"not embedded: {fonts}"
    assert all(name.startswith("PDO-Noto") for name in fonts), fonts
    text = " ".join(document.text.split())
    assert module.title_ti in text
    for heading in ("ክንክን ጥዕና ብኸመይ ይሰርሕ", "ህጹጽ ሓደጋታትን ህጹጽ ክንክንን", "ክንክን ጥዕና ኣብ ፊንላንድ"):
        assert heading in text
    assert "How health care works" not in text
    assert "Health care in Iceland" not in text
