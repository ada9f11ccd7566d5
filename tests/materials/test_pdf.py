"""The documents themselves: rendered to PDF and read back as a reader's software would."""

import re

import pytest

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from materials import rendering
from materials.models import Variant
from tests.curricula.factories import ModulePageFactory
from tests.materials.conftest import render

pytestmark = pytest.mark.django_db


def squeeze(text):
    return " ".join(text.split())


def block_values(page, block_type, language="en"):
    return [
        block.value for block in getattr(page, f"body_{language}") if block.block_type == block_type
    ]


# Logical order: an Arabic (or Dari) sentence with a Latin name, a number and an acronym.
MIXED_LINES = {
    "ar": "اتصلوا بالسيدة Anna Virtanen على الرقم 0401234567 أو بمكتب IOM في المطار.",
    "prs": "با خانم Anna Virtanen به شماره 0401234567 تماس بگیرید یا به دفتر IOM بروید.",
}


@pytest.fixture
def multilingual_module(demo_pages):
    """A module with text in scripts and letters the fonts must cover."""
    finland, _arrival = demo_pages
    module = ModulePageFactory(parent=finland, title="Languages", slug="languages")
    texts = {
        "fi": "Hyvää päivää! Äiti ja isä asuvat Åbo Akademin lähellä, kesällä Vårdössä.",
        "is": "Þingvellir og Ísafjörður: þú sérð ð og þ á hverjum degi.",
        "ti": "ሰላም፡ ብዛዕባ ፊንላንድ ንምፍላጥ ትግርኛ ጽሑፍ።",
        **MIXED_LINES,
    }
    for language, text in texts.items():
        setattr(module, f"title_{language}", f"[{language}] {text.split()[0]}")
        setattr(module, f"summary_{language}", text)
        setattr(module, f"body_{language}", [{"type": "paragraph", "value": f"<p>{text}</p>"}])
    module.save_revision().publish()
    return module, texts


def test_arabic_handout_holds_the_arabic_title_as_text(demo_pages):
    _finland, arrival = demo_pages
    html, document = render(arrival, "ar", Variant.HANDOUT)
    assert '<html lang="ar" dir="rtl">' in html
    assert arrival.title_ar == "الرحلة والوصول"
    assert arrival.title_ar in document.text
    assert document.reader.trailer["/Root"]["/Lang"] == "ar"


@pytest.mark.parametrize("language", ["ar", "prs"])
def test_latin_names_and_numbers_inside_right_to_left_text_keep_their_order(
    multilingual_module, language
):
    module, _texts = multilingual_module
    _html, document = render(module, language, Variant.HANDOUT)
    line = next(line for line in document.text.splitlines() if "Virtanen" in line)
    # Each left-to-right run reads left to right ...
    assert "Anna Virtanen" in line
    assert "0401234567" in line
    assert "IOM" in line
    # ... and the runs follow each other from right to left, as the sentence is read:
    # the name comes first (rightmost), then the number, then the acronym (leftmost).
    # pypdf gives a line's text from left to right.
    assert line.index("IOM") < line.index("0401234567") < line.index("Anna Virtanen")


@pytest.mark.parametrize(
    "language, expected_font",
    [
        ("fi", "PDO-Noto-Sans"),
        ("is", "PDO-Noto-Sans"),
        ("ti", "PDO-Noto-Sans-Ethiopic"),
        ("ar", "PDO-Noto-Naskh-Arabic"),
    ],
)
def test_every_script_uses_the_bundled_embedded_fonts(multilingual_module, language, expected_font):
    module, texts = multilingual_module
    _html, document = render(module, language, Variant.HANDOUT)
    fonts = document.fonts
    assert expected_font in fonts, fonts
    assert all(fonts.values()), f"not embedded: {fonts}"
    # Only our fonts: a system fallback (DejaVu ...) would mean a glyph we do not bundle.
    assert all(name.startswith("PDO-Noto") for name in fonts), fonts
    if language in ("fi", "is", "ti"):
        assert squeeze(texts[language]) in squeeze(document.text)


def test_finnish_and_icelandic_letters_come_out_as_text(multilingual_module):
    module, _texts = multilingual_module
    finnish = render(module, "fi", Variant.HANDOUT)[1].text
    icelandic = render(module, "is", Variant.HANDOUT)[1].text
    for letter in "äöåÄÅ":
        assert letter in finnish
    for letter in "þðÞÍ":
        assert letter in icelandic


def test_trainer_notes_and_answers_only_in_the_trainer_guide(demo_pages):
    _finland, arrival = demo_pages
    note = squeeze(strip_tags(block_values(arrival, "trainer_notes")[0].source))[:60]
    explanation = squeeze(block_values(arrival, "self_check")[0]["explanation"])[:60]
    question = squeeze(block_values(arrival, "self_check")[0]["question"])[:40]

    handout_html, handout = render(arrival, "en", Variant.HANDOUT)
    _guide_html, guide = render(arrival, "en", Variant.TRAINER)

    assert note not in squeeze(handout.text) and 'class="trainer-notes"' not in handout_html
    assert explanation not in squeeze(handout.text)
    assert question in squeeze(handout.text)
    assert note in squeeze(guide.text)
    assert explanation in squeeze(guide.text)
    # Handouts are set in larger type than trainer guides.
    assert '<body class="handout single-module">' in handout_html


def test_untranslated_content_is_marked_english(demo_pages):
    _finland, arrival = demo_pages
    arrival.body_ar = None
    html = rendering.render_html(arrival, Variant.HANDOUT, "ar")
    assert '<div class="module-body" lang="en" dir="ltr">' in html


def test_footer_shows_title_language_page_numbers_and_revision(demo_pages):
    _finland, arrival = demo_pages
    _html, document = render(arrival, "fi", Variant.HANDOUT, revision_id=4242)
    total = len(document.pages)
    first, last = squeeze(document.pages[0]), squeeze(document.pages[-1])
    assert arrival.title_fi in last
    # The footer speaks the document's language.
    with translation.override("fi"):
        revision = gettext("Revision %(id)s") % {"id": 4242}
        page_of = gettext("Page %(page)s of %(pages)s")
    assert revision != "Revision 4242"
    assert "suomi" in last and revision in last
    assert page_of % {"page": 1, "pages": total} in first
    assert page_of % {"page": total, "pages": total} in last


@pytest.mark.slow
def test_table_of_contents_page_numbers_match_the_headings(demo_pages):
    finland, _arrival = demo_pages
    _html, document = render(finland, "en", Variant.TRAINER)
    toc_page = next(i for i, text in enumerate(document.pages) if text.startswith("Contents"))
    entries = re.findall(
        r"^(.+?)\s*(?:\d+ h(?: \d+ min)?)?\s*\.{3,}\s*(\d+)$", document.pages[toc_page], re.M
    )
    assert len(entries) > 20, document.pages[toc_page]
    for title, number in entries:
        number = int(number)
        body_pages = [
            i + 1
            for i, text in enumerate(document.pages)
            if i > toc_page and title.strip() in [line.strip() for line in text.splitlines()]
        ]
        assert body_pages and body_pages[0] == number, (title, number, body_pages)


def test_letter_paper_by_setting(settings, demo_pages):
    from materials import documents

    _finland, arrival = demo_pages
    settings.PDO_PAPER_SIZE = "letter"
    document = documents.ensure_built(arrival, "en", Variant.HANDOUT)
    box = ReadBox(document.file)
    assert (round(box.width), round(box.height)) == (612, 792)


class ReadBox:
    def __init__(self, file):
        from pypdf import PdfReader

        with file.open("rb") as stream:
            box = PdfReader(stream).pages[0].mediabox
            self.width, self.height = float(box.width), float(box.height)


def test_images_are_printed_from_the_storage(demo_pages):
    from io import BytesIO

    from PIL import Image as PILImage

    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    finland, _arrival = demo_pages
    buffer = BytesIO()
    PILImage.new("RGB", (400, 300), "#3366aa").save(buffer, "PNG")
    image = Image.objects.create(title="Map", file=ImageFile(buffer, name="map.png"))
    module = ModulePageFactory(
        parent=finland,
        body=[
            {"type": "image", "value": {"image": image.pk, "alt_text": "A map", "caption": "Map"}}
        ],
    )
    _html, document = render(module, "en", Variant.HANDOUT)
    images = [
        name
        for page in document.reader.pages
        for name, xobject in page["/Resources"].get("/XObject", {}).items()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert images


def test_the_fetcher_loads_nothing_from_the_network():
    from materials.url_fetcher import PrintURLFetcher

    fetcher = PrintURLFetcher("http://localhost/")
    with pytest.raises(ValueError):
        fetcher.fetch("http://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


def test_translated_page_counter_keeps_word_order():
    css = rendering.css_content(
        '%(pages)s "x" %(page)s', page="counter(page)", pages="counter(pages)"
    )
    assert css == 'counter(pages) " \\"x\\" " counter(page)'
    assert rendering.css_string("a</style>") == '"a\\3C /style>"'


def test_blocks_print_for_paper(demo_pages):
    from courses.curricula.models import GlossaryTerm

    finland, _arrival = demo_pages
    term = GlossaryTerm.objects.order_by("key").first()
    module = ModulePageFactory(
        parent=finland,
        body=[
            {"type": "heading", "value": "On paper"},
            {
                "type": "video",
                "value": {
                    "video": "https://www.youtube.com/watch?v=abc",
                    "title": "Arriving",
                    "offline_alternative": "A family walks through the airport.",
                },
            },
            {
                "type": "activity",
                "value": {
                    "title": "Packing game",
                    "duration_minutes": 25,
                    "materials": "",
                    "steps": ["STEP-FOR-TRAINERS"],
                    "expected_outcome": "Done.",
                },
            },
            {"type": "glossary_term", "value": term.pk},
            {
                "type": "destination",
                "value": {
                    "destination": "iceland",
                    "content": [{"type": "paragraph", "value": "<p>ONLY-ICELAND</p>"}],
                },
            },
        ],
    )
    handout = rendering.render_html(module, Variant.HANDOUT, "en")
    guide = rendering.render_html(module, Variant.TRAINER, "en")
    # A video becomes its description; no player, no embed.
    assert "A family walks through the airport." in handout and "<iframe" not in handout
    # Activities are the trainer's script.
    assert "STEP-FOR-TRAINERS" not in handout and "STEP-FOR-TRAINERS" in guide
    assert "25 minutes" in guide
    # The glossary at the end lists the terms the module uses.
    assert 'id="glossary"' in handout and term.term in handout
    # Content for the other destination stays out, as on the site.
    assert "ONLY-ICELAND" not in handout + guide
