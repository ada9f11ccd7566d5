import pytest

from django.conf import settings
from django.db import connection
from django.utils.translation import check_for_language, get_language_info

from modeltranslation.translator import translator

from pdo_site.languages import LANGUAGE_CODES, RTL_LANGUAGE_CODES

EXPECTED_LANGUAGES = [
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
]


def test_site_content_and_modeltranslation_languages_come_from_one_list():
    assert LANGUAGE_CODES == EXPECTED_LANGUAGES
    assert [code for code, _ in settings.LANGUAGES] == EXPECTED_LANGUAGES
    assert list(settings.MODELTRANSLATION_LANGUAGES) == EXPECTED_LANGUAGES
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == "en"


@pytest.mark.parametrize("code", EXPECTED_LANGUAGES)
def test_every_language_has_django_language_info(code):
    info = get_language_info(code)
    assert info["code"] == code
    assert info["name"] and info["name_local"]
    assert info["bidi"] is (code in {"ar", "prs", "fa", "ckb", "ps"})


def test_right_to_left_languages():
    assert {"ar", "prs", "fa", "ckb", "ps"} == RTL_LANGUAGE_CODES


@pytest.mark.parametrize("code", EXPECTED_LANGUAGES)
def test_every_language_has_a_compiled_catalog(code):
    # Without a catalog Django silently serves /prs/ and /ti/ in English.
    assert check_for_language(code)


@pytest.mark.django_db
def test_test_database_has_every_translation_column():
    """The schema under test is the one `migrate` gives production, translation columns included."""
    missing = []
    with connection.cursor() as cursor:
        for model in translator.get_registered_models(abstract=False):
            if model._meta.proxy:
                continue
            table = model._meta.db_table
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            for field_name in translator.get_options_for_model(model).get_field_names():
                for code in EXPECTED_LANGUAGES:
                    field = model._meta.get_field(f"{field_name}_{code}")
                    if field.concrete and field.model is model and field.column not in columns:
                        missing.append(f"{table}.{field.column}")
    assert not missing
    page_columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "wagtailcore_page"
        )
    }
    for code in EXPECTED_LANGUAGES:
        for field in ("title", "slug", "url_path", "seo_title", "search_description"):
            assert f"{field}_{code}" in page_columns


@pytest.mark.parametrize("code", [c for c in EXPECTED_LANGUAGES if c != "en"])
def test_every_user_interface_string_is_translated(code):
    import polib

    catalog = polib.pofile(str(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    assert catalog.percent_translated() == 100
