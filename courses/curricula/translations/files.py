"""Translator files: the missing and stale texts of a curriculum (or one module) for one
language, as XLIFF 2.0 (translate-toolkit) or PO (polib), and their import.

A unit is named ``p<page id>.<key>`` (XLIFF 2.0 has no msgctxt, so the context travels
in the id; PO carries the same name as msgctxt). A target marked for review — fuzzy in
PO, ``state="initial"`` in XLIFF, which is how translation-memory suggestions and stale
translations are exported — is not imported until the translator confirms it.
"""

import re
from dataclasses import dataclass, field

import polib
from lxml import etree
from translate.storage import xliff2

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Page

from courses.curricula.models import CurriculumPage, GlossaryTerm
from courses.curricula.translations.checks import problems
from courses.curricula.translations.memory import offer_suggestions
from courses.curricula.translations.segments import MISSING, STALE, current_translations
from courses.curricula.translations.service import save_translation, segments_with_state
from pdo_site.translated_fields import SOURCE_LANGUAGE, TARGET_LANGUAGES

FORMATS = ("xliff", "po")
UNIT_ID = re.compile(r"^p(\d+)\.(.+)$")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"


class TranslationFileError(ValueError):
    """A file that cannot be read at all (not a single unit can be trusted)."""


@dataclass
class Change:
    line: int
    page: object
    key: str
    source: str
    old: str
    new: str
    errors: list = field(default_factory=list)


def pages_of(page):
    """A curriculum with its modules (aliases excluded: they follow their original)."""
    page = page.specific
    pages = [page]
    if isinstance(page, CurriculumPage):
        pages += [m.specific for m in page.get_children().filter(alias_of__isnull=True)]
    return [p.get_latest_revision_as_object() for p in pages]


def export_units(page, language):
    """(page, segment) for every missing or stale text, with memory suggestions."""
    units = []
    for each in pages_of(page):
        segments = [s for s in segments_with_state(each, language) if s.state != "done"]
        offer_suggestions(segments, language)
        units += [(each, s) for s in segments]
    return units


def glossary_for(units, language):
    """(English term, approved translation) of the glossary terms the texts use."""
    text = " ".join(s.source for _p, s in units).casefold()
    return [
        (term, translated or "")
        for term, translated in GlossaryTerm.objects.values_list(
            f"term_{SOURCE_LANGUAGE}", f"term_{language}"
        )
        if term and term.casefold() in text
    ]


def _context(page, segment):
    parts = [page.title, segment.label]
    if segment.heading:
        parts.append(_("under the heading “%(heading)s”") % {"heading": segment.heading})
    if segment.max_length:
        parts.append(_("at most %(limit)d characters") % {"limit": segment.max_length})
    return " · ".join(str(p) for p in parts if p)


def _prefill(segment):
    """The target to pre-fill and why ('' when none)."""
    if segment.state == STALE:
        return segment.target, _("The English changed since this was translated: review it.")
    if segment.suggestion:
        return segment.suggestion, _("From the translation memory: review it.")
    return "", ""


def write_po(page, language):
    units = export_units(page, language)
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": page.title,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    glossary = glossary_for(units, language)
    if glossary:
        catalog.header = _("Glossary") + ":\n" + "\n".join(f"{t} = {g}" for t, g in glossary)
    for each, segment in units:
        target, note = _prefill(segment)
        entry = polib.POEntry(
            msgctxt=f"p{each.pk}.{segment.key}",
            msgid=segment.source,
            msgstr=target,
            comment=note,
            tcomment=_context(each, segment),
        )
        if target:
            entry.flags.append("fuzzy")
        catalog.append(entry)
    return str(catalog).encode("utf-8")


def write_xliff(page, language):
    units = export_units(page, language)
    store = xliff2.Xliff2File(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=language)
    for each, segment in units:
        unit = store.addsourceunit(segment.source)
        unit.setid(f"p{each.pk}.{segment.key}")
        target, note = _prefill(segment)
        if target:
            unit.target = target
        unit.addnote(_context(each, segment), origin="developer")
        if note:
            unit.addnote(note, origin="translator")
    root = etree.fromstring(bytes(store))
    # translate-toolkit writes <notes> inside <segment>; XLIFF 2.0 wants them first in <unit>.
    for notes in root.iter(f"{{{XLIFF_NS}}}notes"):
        unit = notes.getparent().getparent()
        unit.insert(0, notes)
    glossary = glossary_for(units, language)
    if glossary:
        file_node = root.find(f"{{{XLIFF_NS}}}file")
        notes = etree.Element(f"{{{XLIFF_NS}}}notes")
        for term, translated in glossary:
            note = etree.SubElement(notes, f"{{{XLIFF_NS}}}note", category="glossary")
            note.text = f"{term} = {translated}"
        file_node.insert(0, notes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_file(page, language, file_format):
    writer = write_xliff if file_format == "xliff" else write_po
    return writer(page, language)


def _read_po(content):
    try:
        catalog = polib.pofile(content.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError) as error:
        raise TranslationFileError(_("Not a PO file: %(error)s") % {"error": error}) from error
    language = catalog.metadata.get("Language", "")
    entries = [
        (e.linenum, e.msgctxt or "", e.msgid, e.msgstr)
        for e in catalog
        if e.msgstr and not e.fuzzy and not e.obsolete
    ]
    return language, entries


def _read_xliff(content):
    # Translator files come from outside: no document types, so no entity expansion.
    if b"<!DOCTYPE" in content.upper() or b"<!ENTITY" in content.upper():
        raise TranslationFileError(_("XLIFF files with a document type are not accepted."))
    try:
        store = xliff2.Xliff2File.parsestring(content)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise TranslationFileError(_("Not an XLIFF file: %(error)s") % {"error": error}) from error
    entries = []
    for unit in store.units:
        # The unit's element is its <segment>, which carries the state.
        if unit.target and unit.xmlelement.get("state") != "initial":
            entries.append(
                (unit.xmlelement.sourceline, unit.getid(), str(unit.source), str(unit.target))
            )
    return store.gettargetlanguage() or "", entries


def read_file(content, name=""):
    """(language, [(line, unit id, source, translation)]) of the confirmed translations."""
    looks_xml = content.lstrip()[:5] in (b"<?xml", b"<xlif")
    if name.endswith((".xlf", ".xliff")) or looks_xml:
        return _read_xliff(content)
    return _read_po(content)


def plan_import(content, name="", user=None):
    """(language, changes, file errors): what importing the file would change.

    Nothing is saved. Each change carries its file line and the problems that refuse it;
    a user (in the admin) must be allowed to edit every page the file touches.
    """
    language, entries = read_file(content, name)
    if language not in TARGET_LANGUAGES:
        return language, [], [_("The file names no site language (%(code)s).") % {"code": language}]
    pages, segments_by_page, changes, errors = {}, {}, [], []
    for line, unit_id, source, translation in entries:
        match = UNIT_ID.match(unit_id)
        page = _page_for(match, pages, user) if match else None
        if page is None:
            message = _("Line %(line)d: unknown text “%(id)s”.")
            errors.append(message % {"line": line, "id": unit_id})
            continue
        if page.pk not in segments_by_page:
            segments_by_page[page.pk] = {s.key: s for s in segments_with_state(page, language)}
        segment = segments_by_page[page.pk].get(match.group(2))
        if segment is None or segment.source != source:
            errors.append(
                _("Line %(line)d: the English text changed since the export; export again.")
                % {"line": line}
            )
            continue
        old = segment.target if segment.state != MISSING else ""
        if translation == old:
            continue
        change = Change(line, page, segment.key, source, old, translation)
        change.errors = [
            _("Line %(line)d: %(problem)s") % {"line": line, "problem": p}
            for p in problems(segment, translation)
        ]
        changes.append(change)
    return language, changes, errors


def _page_for(match, pages, user):
    page_id = int(match.group(1))
    if page_id not in pages:
        found = Page.objects.filter(pk=page_id).first()
        found = found.specific if found else None
        allowed = (
            found is not None
            and hasattr(found, "translated_content_fields")
            and (user is None or found.permissions_for_user(user).can_edit())
        )
        pages[page_id] = found.get_latest_revision_as_object() if allowed else None
    return pages[page_id]


def apply_import(language, changes, user=None):
    """Save every change as new draft revisions, all or nothing. Returns the pages."""
    by_page = {}
    for change in changes:
        by_page.setdefault(change.page.pk, (change.page, []))[1].append(change)
    with transaction.atomic():
        for page, page_changes in by_page.values():
            texts = current_translations(segments_with_state(page, language))
            texts.update({c.key: c.new for c in page_changes})
            save_translation(page, language, texts, user)
    return [page for page, _c in by_page.values()]
