"""English left in a translated page is isolated: lang="en" dir="ltr" per field and block."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from materials import rendering
from materials.models import Variant
from tests.curricula.factories import ModulePageFactory

ENGLISH_BODY = [
    {"type": "heading", "value": "Two phones"},
    {"type": "paragraph", "value": "<p>Bring two phones (switched off).</p>"},
    {"type": "key_message", "value": "One participant plays the officer."},
    {
        "type": "activity",
        "value": {
            "title": "Packing a bag",
            "duration_minutes": 20,
            "materials": "",
            "steps": ["Show the pictures.", "Ask what goes in hand luggage."],
            "expected_outcome": "Participants know what to carry.",
        },
    },
]
DARI_HEADING = "دو تیلفون"
DARI_MESSAGE = "یک اشتراک‌کننده نقش مامور را بازی می‌کند."


def dari_body():
    """The Dari body: the heading and the key message translated, the rest still English."""
    body = [dict(block) for block in ENGLISH_BODY]
    body[0] = {"type": "heading", "value": DARI_HEADING}
    body[2] = {"type": "key_message", "value": DARI_MESSAGE}
    return body


@pytest.fixture
def smuggling(curricula):
    finland = curricula[1]
    finland.title_ar = "التوجيه قبل السفر: فنلندا"
    finland.save_revision().publish()
    module = ModulePageFactory(parent=curricula[1], title="Safety on the first day")
    module.body_en = ENGLISH_BODY
    module.body_prs = dari_body()
    module.title_ar = "السلامة في اليوم الأول"
    module.summary_ar = "أين تجد المساعدة."
    module.key_messages_ar = "اتصل بالرقم 112 في حالات الطوارئ."
    module.body_ar = [
        {"type": "heading", "value": "هاتفان"},
        {"type": "paragraph", "value": "<p>أحضر هاتفين (مغلقين).</p>"},
        {"type": "key_message", "value": "يلعب أحد المشاركين دور الموظف."},
        {
            "type": "activity",
            "value": {
                "title": "تجهيز حقيبة",
                "duration_minutes": 20,
                "materials": "",
                "steps": ["اعرض الصور.", "اسأل عما يوضع في حقيبة اليد."],
                "expected_outcome": "يعرف المشاركون ما يحملونه.",
            },
        },
    ]
    module.save_revision().publish()
    return module


def module_body(html):
    return BeautifulSoup(html, "html.parser").select_one(".module-body")


def english_blocks(body):
    return [element for element in body.select('[lang="en"]') if element.get("dir") == "ltr"]


@pytest.mark.django_db
def test_a_partly_translated_dari_page_isolates_its_english_blocks(client, smuggling):
    with translation.override("prs"):
        url = smuggling.get_url()
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == "prs" and soup.html["dir"] == "rtl"
    body = soup.select_one(".module-body")
    # The body has a Dari version: the container itself is not marked English.
    assert body.get("lang") is None
    isolated = english_blocks(body)
    texts = [element.get_text(" ", strip=True) for element in isolated]
    assert len(isolated) == 2
    assert "Bring two phones (switched off)." in texts[0]
    assert "Packing a bag" in texts[1] and "Ask what goes in hand luggage." in texts[1]
    # The translated blocks are not marked, and are not inside a marked element.
    heading = body.find(string=DARI_HEADING).parent
    message = body.find(string=lambda s: s and DARI_MESSAGE in s).parent
    for translated in (heading, message):
        assert translated.find_parent(attrs={"lang": "en"}) is None
    # The title, summary and key messages fall back to English: each is marked too.
    assert soup.h1["lang"] == "en" and soup.h1["dir"] == "ltr"
    assert soup.select_one(".lead")["lang"] == "en"
    # The key messages' list is marked, not their heading, which is in Dari.
    assert soup.select_one(".key-messages ul")["lang"] == "en"
    assert soup.select_one(".key-messages h2").find_parent(attrs={"lang": "en"}) is None
    # Only part of the body is English: the "not translated" notice is the partial one.
    notices = soup.select(".notice")
    assert len(notices) == 1
    assert "It is also available in" not in notices[0].get_text()


@pytest.mark.django_db
def test_a_fully_translated_arabic_page_has_no_english_blocks(client, smuggling):
    with translation.override("ar"):
        url = smuggling.get_url()
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    main = soup.select_one("main") or soup
    assert main.select('[lang="en"]') == []
    assert soup.select(".notice") == []
    assert "Bring two phones" not in main.get_text()


@pytest.mark.django_db
def test_a_page_wholly_english_in_a_language_says_so_once_with_its_languages(client, smuggling):
    with translation.override("fa"):
        url = smuggling.get_url()
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    notices = soup.select(".notice")
    assert len(notices) == 1
    links = {a["hreflang"]: a["href"] for a in notices[0].select("a[hreflang]")}
    assert set(links) == {"en", "ar", "prs"}
    assert links["ar"].startswith("/ar/") and links["prs"].startswith("/prs/")
    assert client.get(links["prs"]).status_code == 200
    # The whole body is English: the container says so once for all its blocks.
    body = soup.select_one(".module-body")
    assert body["lang"] == "en" and body["dir"] == "ltr"


@pytest.mark.django_db
def test_a_body_of_untranslated_copies_counts_as_wholly_english(client, smuggling):
    smuggling.body_fa = ENGLISH_BODY
    smuggling.save_revision().publish()
    with translation.override("fa"):
        url = smuggling.get_url()
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    assert len(soup.select(".notice a[hreflang]")) == 3
    assert len(english_blocks(module_body(str(soup)))) == len(ENGLISH_BODY)


@pytest.mark.django_db
def test_the_printed_dari_module_isolates_the_same_blocks(smuggling):
    html = rendering.render_html(smuggling, Variant.HANDOUT, "prs")
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one(".module-body")
    texts = [element.get_text(" ", strip=True) for element in english_blocks(body)]
    assert len(texts) == 2
    assert "Bring two phones (switched off)." in texts[0]
    assert DARI_HEADING in body.get_text() and DARI_MESSAGE in body.get_text()
    arabic = BeautifulSoup(rendering.render_html(smuggling, Variant.HANDOUT, "ar"), "html.parser")
    assert arabic.select_one(".module-body").select('[lang="en"]') == []
