"""CSV and XLSX files of tables the training app builds itself (the pivot, the quarterly
pack), with the same safeguards as the admin's exports (pdo_site.exports)."""

import csv
import io

import openpyxl

from django.http import HttpResponse

from pdo_site.exports import neutralise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def typed(value):
    """A cell for XLSX: whole numbers as numbers, everything else ("<5") as text."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def csv_bytes(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *rows]:
        writer.writerow([neutralise(str(cell)) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets):
    """An XLSX workbook of [(sheet title, header, rows)]."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([str(cell) for cell in header])
        for row in rows:
            sheet.append([typed(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(header, rows, filename, spreadsheet_format):
    if spreadsheet_format == "xlsx":
        response = HttpResponse(xlsx_bytes([("Sheet1", header, rows)]), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
