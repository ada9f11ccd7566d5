"""Reading wagtail-modeltranslation fields: one column per language (``title_ar``).

Shared by the page types, the printed materials and the coverage report: which
language versions a field has, and which fall back to the source language.
"""

from django.conf import settings

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def field_value(obj, field, language):
    """The value of ``field`` in ``language`` exactly as stored (no fallback)."""
    return getattr(obj, f"{field}_{language}", None)


def is_filled(value):
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return len(value) > 0


def falls_back(obj, field, language):
    """True when a reader of ``language`` sees the source-language text of ``field``."""
    return (
        language != SOURCE_LANGUAGE
        and not is_filled(field_value(obj, field, language))
        and is_filled(field_value(obj, field, SOURCE_LANGUAGE))
    )


def languages_with_content(objects, fields_of):
    """The source language and every language any of ``objects`` has text in.

    ``fields_of(obj)`` names the translated fields of each object.
    """
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == SOURCE_LANGUAGE
        or any(is_filled(field_value(obj, f, code)) for obj in objects for f in fields_of(obj))
    ]


def allow_sorting_search_by_translated_titles():
    """Let the admin's page search sort by title (it answered 500 on "sort by title").

    wagtail-modeltranslation sorts by the active language's column (``title_en``),
    which the search backend allows only for declared filter fields of Page.
    """
    # Imported here: Page is a model, loaded only once the apps are ready.
    from wagtail.models import Page  # noqa: PLC0415
    from wagtail.search import index  # noqa: PLC0415

    declared = {
        field.field_name for field in Page.search_fields if isinstance(field, index.FilterField)
    }
    Page.search_fields = [
        *Page.search_fields,
        *(
            index.FilterField(f"title_{code}")
            for code, _name in settings.LANGUAGES
            if f"title_{code}" not in declared
        ),
    ]
