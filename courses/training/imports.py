"""Import a session's participants from a case list (XLSX or CSV).

Columns (a header row in English or Finnish, any order, case-insensitive):

    case_reference / tapausnumero     required, e.g. TUR-24-012345
    household / kotitalous            optional household or case group
    sex / sukupuoli                   female, male, other in any site language, or F / M / O
    year_of_birth / syntymävuosi      a year, or a full date (15/03/1985, 1990-07-01, a date cell)
    nationality / kansalaisuus        e.g. Syrian
    preferred_language / kieli        a site language code (ar, prs, ...) or empty
    destination / kohdemaa            finland|iceland (suomi|islanti); default: the session's
    track / ryhmä                     children|youth|adults (lapset|nuoret|aikuiset);
                                      default: from the age
    name / nimi                       optional, only where names are collected

A new participant needs case reference, sex, year of birth and nationality. For one
already registered only the columns present and filled change: a list with fewer
columns, or an empty cell, leaves the rest as it is. The preview says which rows are
new and what changes (old → new) in the others. Nothing is saved unless every row is
valid. Rows are numbered as in the file (the header is row 1), blank lines included.
"""

import csv
import io
from dataclasses import dataclass, field

import openpyxl

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import summaries
from courses.training.import_values import CHOICES, cell_text, choice_words, year_of
from courses.training.models import Enrolment, Participant, TrainingSession
from courses.training.models.participants import validate_case_reference

HEADERS = {
    "case_reference": {"case_reference", "case reference", "tapausnumero"},
    "household": {"household", "kotitalous"},
    "sex": {"sex", "sukupuoli"},
    "year_of_birth": {"year_of_birth", "year of birth", "syntymävuosi"},
    "nationality": {"nationality", "kansalaisuus"},
    "preferred_language": {"preferred_language", "preferred language", "language", "kieli"},
    "destination": {"destination", "kohdemaa"},
    "track": {"track", "age track", "ryhmä"},
    "name": {"name", "nimi"},
}
REQUIRED_FOR_NEW = ["sex", "year_of_birth", "nationality"]
PARTICIPANT_FIELDS = [
    "household",
    "name",
    "sex",
    "year_of_birth",
    "nationality",
    "preferred_language",
    "destination",
]
MAX_ROWS = 2000


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ImportRow:
    line: int
    values: dict
    errors: list = field(default_factory=list)
    participant_id: int | None = None
    changes: list = field(default_factory=list)  # [(column label, old, new)]

    @property
    def is_new(self):
        return self.participant_id is None


def read_table(uploaded):
    """(row number in the file, cells) for every row of an .xlsx or .csv upload."""
    limit = settings.PDO_IMPORT_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ImportFileError(
            _("The file is larger than %(limit)s. Split the case list and import the parts.")
            % {"limit": filesizeformat(limit)}
        )
    name = (uploaded.name or "").lower()
    content = uploaded.read()
    if name.endswith(".xlsx"):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            return [(n, [cell_text(c) for c in row]) for n, row in enumerate(rows, start=1)]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable Excel (.xlsx) file.")) from error
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Save the CSV file as UTF-8 and try again.")) from error
        # Excel writes ";" where the decimal separator is a comma (Finnish, Turkish): the
        # header row, which has no quoted commas, tells which one the file uses.
        header = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=header.count)
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        return [(n, [cell.strip() for cell in row]) for n, row in enumerate(reader, start=1)]
    raise ImportFileError(_("Upload an .xlsx or .csv file."))


def map_header(header):
    columns = {}
    for index, title in enumerate(header):
        key = title.strip().lower().replace("-", "_")
        for field_name, names in HEADERS.items():
            if key in names or key.replace("_", " ") in names:
                columns[field_name] = index
    if "case_reference" not in columns:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": "case_reference"}
        )
    return columns


def parse(uploaded):
    """The rows of a case list, numbered as in the file; blank rows are left out."""
    table = [(line, cells) for line, cells in read_table(uploaded) if any(cells)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("A case list can have at most %(max)d rows.") % {"max": MAX_ROWS})
    columns = map_header(table[0][1])
    rows = []
    for line, cells in table[1:]:
        values = {
            name: (cells[index] if index < len(cells) else "").strip()
            for name, index in columns.items()
        }
        rows.append(ImportRow(line=line, values=values))
    return rows


def column_label(name):
    return (
        str(Participant._meta.get_field(name).verbose_name) if name != "track" else _("Age track")
    )


def _check_lengths(row, values):
    for name in ("case_reference", "household", "name", "nationality"):
        limit = Participant._meta.get_field(name).max_length
        if len(values.get(name, "")) > limit:
            row.errors.append(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": column_label(name).capitalize(), "limit": limit}
            )


def _check_choices(row, values, words):
    for name in ("sex", "destination", "track"):
        raw = values.get(name, "")
        if not raw:
            continue
        value = words[name].get(raw.casefold())
        if value is None:
            row.errors.append(
                _("Unknown value “%(value)s” in column %(column)s.")
                % {"value": raw, "column": name}
            )
        else:
            values[name] = value


def _check_year(row, values, this_year):
    raw = values.get("year_of_birth", "")
    if not raw:
        return
    year = year_of(raw)
    if year is None or not 1900 <= year <= this_year:
        row.errors.append(
            _("Year of birth must be a year from 1900 to %(year)d, or a date.")
            % {"year": this_year}
        )
    else:
        values["year_of_birth"] = str(year)


def validate(rows, session, user):
    """Check every row, normalise its values and say what it would change."""
    language_codes = {code for code, _name in settings.LANGUAGES}
    this_year = timezone.localdate().year
    words = {name: choice_words(name) for name in CHOICES}
    for row in rows:
        row.values["case_reference"] = row.values.get("case_reference", "").upper()
        row.errors, row.changes, row.participant_id = [], [], None
    references = [row.values["case_reference"] for row in rows]
    existing = {
        p.case_reference: p for p in Participant.objects.filter(case_reference__in=references)
    }
    visible = set(
        Participant.objects.for_user(user)
        .filter(case_reference__in=references, location=session.location)
        .values_list("case_reference", flat=True)
    )
    seen = {}
    for row in rows:
        values = row.values
        reference = values["case_reference"]
        try:
            validate_case_reference(reference)
        except ValidationError as error:
            row.errors.extend(error.messages)
        if reference in seen:
            row.errors.append(
                _("The same case reference is on row %(line)d.") % {"line": seen[reference]}
            )
        seen.setdefault(reference, row.line)
        participant = existing.get(reference)
        if participant is not None and reference not in visible:
            row.errors.append(
                _(
                    "This case reference is registered at another location; ask a programme "
                    "manager to move the participant."
                )
            )
            participant = None
        _check_lengths(row, values)
        _check_choices(row, values, words)
        _check_year(row, values, this_year)
        language = values.get("preferred_language", "")
        if language and language not in language_codes:
            row.errors.append(_("Unknown language code “%(code)s”.") % {"code": language})
        if values.get("name") and not settings.PDO_COLLECT_PARTICIPANT_NAMES:
            values["name"] = ""
        if participant is None and reference not in existing:
            for name in REQUIRED_FOR_NEW:
                if not values.get(name):
                    row.errors.append(
                        _("%(column)s is required for a new participant.")
                        % {"column": column_label(name).capitalize()}
                    )
        elif participant is not None:
            row.participant_id = participant.pk
            row.changes = changes_of(participant, values)
    return rows


def changes_of(participant, values):
    """[(column label, old, new)] that importing ``values`` would make."""
    changes = []
    for name in PARTICIPANT_FIELDS:
        new = values.get(name, "")
        if not new:
            continue
        old = getattr(participant, name)
        if str(old) != new:
            changes.append((column_label(name), str(old) if old not in (None, "") else "–", new))
    return changes


def apply(rows, session):
    """Save a fully valid case list in one transaction. Returns (created, updated).

    New participants get every value given (destination default: the session's);
    registered ones change only where the file has a value. Everyone is put on the
    session's sheet (at the next row numbers) once.
    """
    if any(row.errors for row in rows):
        raise ValueError("Only a list without errors can be imported.")
    with transaction.atomic():
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        references = [row.values["case_reference"] for row in rows]
        existing = {
            p.case_reference: p for p in Participant.objects.filter(case_reference__in=references)
        }
        new, changed = [], []
        for row in rows:
            participant = existing.get(row.values["case_reference"])
            if participant is None:
                participant = Participant(
                    case_reference=row.values["case_reference"],
                    location=session.location,
                    destination=session.destination,
                )
                new.append(participant)
            elif not changes_of(participant, row.values):
                continue
            else:
                changed.append(participant)
            for name in PARTICIPANT_FIELDS:
                if row.values.get(name):
                    setattr(participant, name, row.values[name])
            participant.year_of_birth = int(participant.year_of_birth)
        Participant.objects.bulk_create(new)
        if changed:
            Participant.objects.bulk_update(changed, PARTICIPANT_FIELDS)
        existing.update({p.case_reference: p for p in new})
        _enrol_all(session, rows, existing)
        summaries.participants_changed([p.pk for p in changed])
        summaries.sessions_changed([session.pk])
    return len(new), len(changed)


def _enrol_all(session, rows, participants):
    enrolments = {e.participant_id: e for e in Enrolment.objects.filter(session=session)}
    number = Enrolment.objects.filter(session=session).aggregate(last=Max("number"))["last"] or 0
    reference_day = session.first_day or timezone.localdate()
    to_create, to_update = [], []
    for row in rows:
        participant = participants[row.values["case_reference"]]
        track = row.values.get("track")
        enrolment = enrolments.get(participant.pk)
        if enrolment is None:
            number += 1
            age = reference_day.year - participant.year_of_birth
            to_create.append(
                Enrolment(
                    session=session,
                    participant=participant,
                    number=number,
                    track=track or Enrolment.track_for_age(age),
                )
            )
        elif track and enrolment.track != track:
            enrolment.track = track
            to_update.append(enrolment)
    Enrolment.objects.bulk_create(to_create)
    if to_update:
        Enrolment.objects.bulk_update(to_update, ["track"])


TRACKS = dict(Enrolment.Track.choices)
