"""Import a session's participants from a case list (XLSX or CSV).

Columns (English or Finnish header, any order, case-insensitive):

    case_reference / tapausnumero     required, e.g. TUR-24-012345
    household / kotitalous            optional household or case group
    sex / sukupuoli                   female|male|other  (nainen|mies|muu)
    year_of_birth / syntymävuosi      e.g. 1987
    nationality / kansalaisuus        e.g. Syrian
    preferred_language / kieli        a site language code (ar, prs, ...) or empty
    destination / kohdemaa            finland|iceland (suomi|islanti); default: the session's
    track / ryhmä                     children|youth|adults (lapset|nuoret|aikuiset);
                                      default: from the age
    name / nimi                       optional, only where names are collected

Nothing is saved unless every row is valid; importing the same list again updates
the participants and their rows instead of adding them twice.
"""

import csv
import io
from dataclasses import dataclass, field

import openpyxl

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import summaries
from courses.training.attendance import enrol
from courses.training.models import Enrolment, Participant
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
REQUIRED = ["case_reference", "sex", "year_of_birth", "nationality"]
VALUES = {
    "sex": {
        "female": "female",
        "nainen": "female",
        "male": "male",
        "mies": "male",
        "other": "other",
        "muu": "other",
    },
    "destination": {
        "finland": "finland",
        "suomi": "finland",
        "iceland": "iceland",
        "islanti": "iceland",
    },
    "track": {
        "children": "children",
        "lapset": "children",
        "youth": "youth",
        "nuoret": "youth",
        "adults": "adults",
        "aikuiset": "adults",
    },
}
MAX_ROWS = 2000


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ImportRow:
    line: int
    values: dict
    errors: list = field(default_factory=list)


def read_table(uploaded):
    """Rows of cell strings from an .xlsx or .csv upload."""
    name = (uploaded.name or "").lower()
    content = uploaded.read()
    if name.endswith(".xlsx"):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable Excel (.xlsx) file.")) from error
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Save the CSV file as UTF-8 and try again.")) from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ImportFileError(_("Upload an .xlsx or .csv file."))


def map_header(header):
    columns = {}
    for index, title in enumerate(header):
        key = title.strip().lower().replace("-", "_")
        for field_name, names in HEADERS.items():
            if key in names or key.replace("_", " ") in names:
                columns[field_name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return columns


def parse(uploaded):
    table = [row for row in read_table(uploaded) if any(cell for cell in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    columns = map_header(table[0])
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("A case list can have at most %(max)d rows.") % {"max": MAX_ROWS})
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {
            name: (cells[index] if index < len(cells) else "").strip()
            for name, index in columns.items()
        }
        rows.append(ImportRow(line=line, values=values))
    return rows


def validate(rows, session, user):
    """Check every row; return the rows with their errors and normalised values."""
    language_codes = {code for code, _name in settings.LANGUAGES}
    this_year = timezone.localdate().year
    seen = {}
    references = [row.values.get("case_reference", "").upper() for row in rows]
    existing = {
        p.case_reference: p for p in Participant.objects.filter(case_reference__in=references)
    }
    visible = set(
        Participant.objects.for_user(user)
        .filter(case_reference__in=references, location=session.location)
        .values_list("case_reference", flat=True)
    )
    for row in rows:
        values = row.values
        reference = values.get("case_reference", "").upper()
        values["case_reference"] = reference
        try:
            validate_case_reference(reference)
        except ValidationError as error:
            row.errors.extend(error.messages)
        if reference in seen:
            row.errors.append(
                _("The same case reference is on row %(line)d.") % {"line": seen[reference]}
            )
        seen.setdefault(reference, row.line)
        if reference in existing and reference not in visible:
            row.errors.append(
                _(
                    "This case reference is registered at another location; ask a programme "
                    "manager to move the participant."
                )
            )
        for name in ("sex", "destination", "track"):
            raw = values.get(name, "").lower()
            if not raw:
                continue
            if raw not in VALUES[name]:
                row.errors.append(
                    _("Unknown value “%(value)s” in column %(column)s.")
                    % {"value": values[name], "column": name}
                )
            else:
                values[name] = VALUES[name][raw]
        if not values.get("sex"):
            row.errors.append(_("Sex is required."))
        if not values.get("destination"):
            values["destination"] = session.destination
        year = values.get("year_of_birth", "")
        if year.endswith(".0"):  # spreadsheets store years as numbers
            year = year[:-2]
        if not (year.isdigit() and 1900 <= int(year) <= this_year):
            row.errors.append(
                _("Year of birth must be a year from 1900 to %(year)d.") % {"year": this_year}
            )
        values["year_of_birth"] = year
        if not values.get("nationality"):
            row.errors.append(_("Nationality is required."))
        language = values.get("preferred_language", "")
        if language and language not in language_codes:
            row.errors.append(_("Unknown language code “%(code)s”.") % {"code": language})
        if values.get("name") and not settings.PDO_COLLECT_PARTICIPANT_NAMES:
            values["name"] = ""
    return rows


def apply(rows, session):
    """Save a fully valid case list in one transaction. Returns (created, updated)."""
    if any(row.errors for row in rows):
        raise ValueError("Only a list without errors can be imported.")
    created = updated = 0
    updated_ids = []
    with transaction.atomic():
        for row in rows:
            values = row.values
            defaults = {
                "household": values.get("household", ""),
                "sex": values["sex"],
                "year_of_birth": int(values["year_of_birth"]),
                "nationality": values["nationality"],
                "preferred_language": values.get("preferred_language", ""),
                "destination": values["destination"],
                "location": session.location,
            }
            if "name" in values:
                defaults["name"] = values["name"]
            participant, was_created = Participant.objects.update_or_create(
                case_reference=values["case_reference"], defaults=defaults
            )
            created += was_created
            updated += not was_created
            if not was_created:
                updated_ids.append(participant.pk)
            enrol(session, participant, track=values.get("track") or None, refresh_summary=False)
        summaries.participants_changed(updated_ids)
        summaries.sessions_changed([session.pk])
    return created, updated


TRACKS = dict(Enrolment.Track.choices)
