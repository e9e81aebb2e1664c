"""Exports opened in spreadsheets: user-written text must stay text.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) is run as a formula by Excel
and LibreOffice when the CSV is opened ("=HYPERLINK(…)" as a company name or item title), and
openpyxl stores such a string as a formula. CSV cells get a leading apostrophe; XLSX cells are
typed as strings.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe_row(row: list[Any]) -> list[Any]:
    return [csv_safe(v) for v in row]


def append_text(sheet: Any, row: list[Any]) -> None:
    """``sheet.append`` (openpyxl) keeping every string a string, never a formula."""
    sheet.append(row)
    # ``append`` tracks the row it wrote; ``max_row`` would rescan every cell (quadratic).
    index = getattr(sheet, "_current_row", None) or sheet.max_row
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=index, column=column).data_type = "s"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    *, fmt: str, header: list[str], rows: Iterable[list[Any]], name: str, sheet_title: str = ""
) -> Any:
    """An attachment of ``header`` and ``rows``: CSV (UTF-8 with a BOM, so Excel reads Korean)
    or XLSX, formula-safe either way. ``fmt`` is "csv" or "xlsx" (the caller checked it)."""
    import csv
    import io

    from django.http import HttpResponse

    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(csv_safe_row(list(row)) for row in rows)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        if sheet_title:
            sheet.title = sheet_title
        append_text(sheet, header)
        for row in rows:
            append_text(sheet, list(row))
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
