"""Participants trained as tables people can read: a pivot by quarter and destination
down, sex and age group across, with totals, and small cells suppressed.

Refugee groups are small: a count of 1 or 2 for "Eritrean women aged 60+ trained in
Hatay in Q3" points at a person. Everything that leaves the system (exports, the
quarterly pack, the public figures page) shows counts below
``settings.PDO_SMALL_CELL_THRESHOLD`` as "<5", and suppresses further cells where a
row or column total would reveal a suppressed one (secondary suppression).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _

from courses.curricula.choices import Destination
from courses.training.models.summaries import SEX_LABELS, AgeGroup
from courses.training.periods import quarter_label

SEXES = ["female", "male", "other"]
AGE_GROUPS = [value for value, _label in AgeGroup.choices]
COLUMNS = [(sex, age) for sex in SEXES for age in AGE_GROUPS]
BREAKDOWNS = ("location", "nationality")


@dataclass
class PivotRow:
    key: tuple
    labels: list  # quarter, destination (and location or nationality)
    counts: list  # one per COLUMNS, then the row total
    shown: list = field(default_factory=list)  # counts as text, suppression applied

    @property
    def cells(self):
        """(count, shown text) per column and the total, for templates."""
        return [(str(count), shown) for count, shown in zip(self.counts, self.shown, strict=True)]


@dataclass
class Pivot:
    rows: list
    totals: list  # per column, then the grand total
    shown_totals: list = field(default_factory=list)
    suppressed: bool = False

    @property
    def total_cells(self):
        return [
            (str(count), shown) for count, shown in zip(self.totals, self.shown_totals, strict=True)
        ]

    @property
    def column_headings(self):
        return [(str(SEX_LABELS[sex]), str(AgeGroup(age).label)) for sex, age in COLUMNS]

    @property
    def sex_headings(self):
        return [(str(SEX_LABELS[sex]), len(AGE_GROUPS)) for sex in SEXES]

    @property
    def age_headings(self):
        return [str(AgeGroup(age).label) for _sex, age in COLUMNS]


def pivot(queryset, breakdown=None):
    """The pivot of TrainedCount rows in ``queryset`` (already scoped and filtered)."""
    extra = {"location": "location__site_name", "nationality": "nationality"}.get(breakdown)
    group = ["quarter", "destination", *([extra] if extra else []), "sex", "age_group"]
    cells = defaultdict(lambda: [0] * (len(COLUMNS) + 1))
    for row in queryset.order_by().values(*group).annotate(total=Sum("count")):
        key = (row["quarter"], row["destination"], *([row[extra]] if extra else []))
        column = COLUMNS.index((row["sex"], row["age_group"]))
        cells[key][column] += row["total"]
    rows = []
    for key in sorted(cells, key=lambda k: (-k[0].toordinal(), *k[1:])):
        counts = cells[key]
        counts[-1] = sum(counts[:-1])
        labels = [quarter_label(key[0]), destination_label(key[1]), *map(str, key[2:])]
        rows.append(PivotRow(key, labels, counts))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(COLUMNS) + 1)]
    return Pivot(rows, totals)


def destination_label(value):
    return str(Destination(value).label) if value in Destination.values else value


def suppressed_cells(matrix, threshold):
    """{(row, column)} of a table with totals in its last row and column to hide.

    Primary: every count from 1 to ``threshold`` − 1. Secondary: where a line (a row
    or a column, with its total) has exactly one hidden cell, it could be worked out
    from the others, so the smallest other non-zero cell of that line is hidden too;
    repeated until no line gives one away.
    """
    height, width = len(matrix), len(matrix[0]) if matrix else 0
    hidden = {(r, c) for r in range(height) for c in range(width) if 0 < matrix[r][c] < threshold}
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = bool(hidden)
    while changed:
        changed = False
        for line in lines:
            if sum(1 for cell in line if cell in hidden) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and matrix[cell[0]][cell[1]]]
            if not candidates:
                continue
            # Prefer a count over a total, then the smallest: the least information lost.
            last_row, last_column = height - 1, width - 1
            candidates.sort(
                key=lambda cell: (
                    cell[0] == last_row or cell[1] == last_column,
                    matrix[cell[0]][cell[1]],
                )
            )
            hidden.add(candidates[0])
            changed = True
    return hidden


def apply_suppression(table, threshold=None):
    """Fill ``shown`` of a Pivot: counts as text, small and revealing cells as "<5"."""
    threshold = settings.PDO_SMALL_CELL_THRESHOLD if threshold is None else threshold
    matrix = [row.counts for row in table.rows] + [table.totals]
    hidden = suppressed_cells(matrix, threshold) if threshold > 1 else set()
    mark = _("<%(threshold)d") % {"threshold": threshold}
    texts = [
        [mark if (r, c) in hidden else str(value) for c, value in enumerate(line)]
        for r, line in enumerate(matrix)
    ]
    for row, shown in zip(table.rows, texts, strict=False):
        row.shown = shown
    table.shown_totals = texts[-1]
    table.suppressed = bool(hidden)
    return table


def pivot_export_rows(table, breakdown=None):
    """Header and rows of a suppressed pivot, for CSV and XLSX."""
    header = [_("Quarter"), _("Destination")]
    if breakdown == "location":
        header.append(_("Location"))
    elif breakdown == "nationality":
        header.append(_("Nationality"))
    header += [f"{sex} {age}" for sex, age in table.column_headings] + [_("Total")]
    rows = [[*row.labels, *row.shown] for row in table.rows]
    padding = [""] * (len(header) - len(COLUMNS) - 2)
    rows.append([_("Total"), *padding, *table.shown_totals])
    return header, rows
