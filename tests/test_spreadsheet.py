"""Exports keep user-written text as text in spreadsheets (no formula injection)."""

import io

import openpyxl

from sadari.common.spreadsheet import append_text, csv_safe, csv_safe_row
from sadari.directory.importing import RowIssue, error_report_csv


def test_formula_like_text_gets_an_apostrophe_and_numbers_stay_numbers():
    assert csv_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_safe_row(["+1", "-2", "@a", "\tb", "드론랩", -3, 4.5, None]) == [
        "'+1", "'-2", "'@a", "'\tb", "드론랩", -3, 4.5, None,
    ]  # fmt: skip


def test_xlsx_cells_that_look_like_formulas_are_strings():
    book = openpyxl.Workbook()
    append_text(book.active, ["=1+1", "text", 3])
    out = io.BytesIO()
    book.save(out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert [c.value for c in sheet[1]] == ["=1+1", "text", 3]
    assert sheet["A1"].data_type == "s"


def test_import_error_report_guards_user_written_columns():
    issue = RowIssue(row=2, field="name_ko", column="=cmd|' /C calc'!A0", code="required",
                     message="비어 있음", message_en="empty")  # fmt: skip
    report = error_report_csv([issue])
    assert "'=cmd" in report
