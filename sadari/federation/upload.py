"""Files into batches: CSV/TSV/XLSX (UTF-8 or CP949, Korean or English headers) or JSON become
the same records a push sends, so uploads and scheduled pulls share the ingest pipeline."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from sadari.directory.importing import ImportFileError, guess_field, normalize_label, parse_file
from sadari.federation.models import Source
from sadari.federation.schemas import PROPERTIES

ID_HEADERS = {"id", "sourceid", "기관id", "관리번호", "고유번호", "식별번호", "레코드id"}


def _json_cell(value: Any) -> Any:
    """Parsed cells keep XLSX dates; a batch is stored as JSON, so dates become ISO strings."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _field_for(source: Source, kind: str, header: str) -> str | None:
    mapped = (source.field_mapping or {}).get(header)
    if mapped:
        return mapped
    if normalize_label(header) in ID_HEADERS:
        return "id"
    key = header.strip()
    if key in PROPERTIES[kind] or "." in key:
        return key
    if kind == "organization":
        return guess_field(header)
    return None


def records_from_file(
    source: Source, kind: str, data: bytes, filename: str
) -> list[dict[str, Any]]:
    """The records of an uploaded file; ImportFileError when it cannot be read. Each record
    carries ``_row``, its row number in the file, for error reports."""
    if filename.lower().endswith(".json"):
        try:
            body = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFileError(
                f"JSON을 읽을 수 없습니다: {exc}", f"Not valid JSON: {exc}"
            ) from None
        records = body.get("records") if isinstance(body, dict) else body
        if not isinstance(records, list):
            raise ImportFileError(
                'JSON은 {"records": [...]} 또는 레코드 목록이어야 합니다.',
                'JSON must be {"records": [...]} or a list of records.',
            )
        return [
            r if not isinstance(r, dict) or "kind" in r else {"kind": kind, **r} for r in records
        ]
    parsed = parse_file(data, filename)
    fields = [_field_for(source, kind, h) for h in parsed.headers]
    out = []
    for row_number, cells in parsed.rows:
        values: dict[str, Any] = {}
        record_id = None
        for name, cell in zip(fields, cells, strict=False):
            cell = _json_cell(cell)
            if name is None or cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            if name == "id":
                record_id = str(cell).strip()
            elif "." in name:  # company.business_number → {"company": {"business_number": …}}
                head, _, tail = name.partition(".")
                values.setdefault(head, {})[tail] = str(cell).strip()
            else:
                values[name] = cell
        if record_id is None:
            record_id = str(
                values.get("business_number")
                or values.get("name_ko")
                or values.get("title_ko")
                or values.get("name_en")
                or f"row-{row_number}"
            )
        out.append(
            {"kind": kind, "id": re.sub(r"\s+", " ", record_id), "data": values, "_row": row_number}
        )
    return out
