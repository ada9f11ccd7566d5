"""What a translation must keep of its English source: placeholders, markup, length.

Used by the translation view and by the import of translator files, so both refuse
the same mistakes with the same messages.
"""

import re
from collections import Counter
from html.parser import HTMLParser

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.open = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        link = dict(attrs).get("href") or dict(attrs).get("id") or ""
        self.tags[(tag, link)] += 1
        if tag not in {"br", "hr", "img"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def markup_of(text):
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags, parser.balanced and not parser.open


def problems(segment, translation):
    """Translated messages saying why ``translation`` cannot replace ``segment.source``."""
    if not translation.strip():
        return []
    found = []
    if Counter(PLACEHOLDER.findall(translation)) != Counter(PLACEHOLDER.findall(segment.source)):
        found.append(
            _("Keep the placeholders of the English exactly: %(placeholders)s")
            % {"placeholders": " ".join(PLACEHOLDER.findall(segment.source)) or "—"}
        )
    source_tags, _balanced = markup_of(segment.source)
    target_tags, balanced = markup_of(translation)
    if source_tags != target_tags or not balanced:
        found.append(_("Keep the markup of the English: the same tags and links, each closed."))
    if segment.max_length and len(translation) > segment.max_length:
        found.append(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": segment.max_length, "count": len(translation)}
        )
    return found
