"""Spreadsheet exports that are safe to open in Excel, for every admin export.

Wagtail's CSV export (``SpreadsheetExportMixin``, behind every listing, report and
history export of the admin) writes cells as they are. Two things go wrong in the
office's Excel: a cell beginning with ``=``, ``+``, ``-``, ``@`` (a participant's
nationality typed as ``=HYPERLINK(...)``) runs as a formula, and a file without a
byte-order mark shows Arabic as mojibake. ``install`` makes every CSV export start
with a BOM and neutralise formula cells; Wagtail's XLSX export already types cells
and never writes formulas.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()  # Wagtail streams the CSV as UTF-8 bytes


def neutralise(value):
    """A text cell that Excel would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def _stream_csv_with_bom(self, queryset, _stream_csv=SpreadsheetExportMixin.stream_csv):
    for number, line in enumerate(_stream_csv(self, queryset)):
        yield BOM + line if number == 0 else line


def install():
    """Patch Wagtail's export mixin once (called from the site app's ``ready``)."""
    if getattr(SpreadsheetExportMixin, "pdo_safe_csv", False):
        return
    SpreadsheetExportMixin.write_csv_row = _write_csv_row
    SpreadsheetExportMixin.stream_csv = _stream_csv_with_bom
    SpreadsheetExportMixin.pdo_safe_csv = True
