"""POST data for the page editor, as the browser sends it (StreamFields included)."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

RICH_TEXT_BLOCKS = {"paragraph", "trainer_notes"}


def stream(blocks):
    """[(type, value)] as the StreamField editor posts it (rich text as Draftail JSON)."""
    return streamfield(
        [(kind, rich_text(value) if kind in RICH_TEXT_BLOCKS else value) for kind, value in blocks]
    )


def module_form_data(*, title, slug, body=(), **fields):
    """The fields of a module's editor form. ``body`` is [(block type, value)]; extra
    ``fields`` (``title_ar``, ``body_ar`` …) are sent as given, StreamFields as lists."""
    data = {
        "title_en": title,
        "slug_en": slug,
        "summary_en": "Where to get help.",
        "key_messages_en": "Call 112 in an emergency.",
        "duration_minutes": 60,
        "body_en": stream(body),
        "comments": inline_formset([]),
    }
    for name, value in fields.items():
        data[name] = stream(value) if isinstance(value, list) else value
    return nested_form_data(data)
