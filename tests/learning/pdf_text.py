"""Reading certificate text back from a PDF."""

import io

from pypdf import PdfReader


def first_page_text(content):
    return PdfReader(io.BytesIO(content)).pages[0].extract_text()


def reads(text, phrase):
    """Whether one line of the page holds every word of ``phrase``. pypdf returns a
    right-to-left line's runs in visual order ("4 ساعت و 20 دقیقه" comes back as
    "دقیقه20  ساعت و4"), so the words are looked for, not the phrase."""
    words = phrase.split()
    return any(all(word in line for word in words) for line in text.splitlines())
