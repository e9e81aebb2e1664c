"""``manage.py link LEFT RIGHT`` (``sadari link``): link two files of records without labels.

``sadari link LEFT.csv RIGHT.csv --left-id COL --right-id COL [--on LCOL=RCOL ...] --out PAIRS.csv``

Inputs are .csv or .tsv (the delimiter is also sniffed), gzipped or not, UTF-8, UTF-16 with a
BOM or CP949 (a UTF-8 file with a few broken bytes stays UTF-8, with a warning; other 8-bit files
are read as Windows-1252). Warnings go to stderr (broken bytes, repeated ids, a quote never
closed). Without ``--on`` the same-named columns are compared.
The output has the header ``left_id,right_id,score`` and only the predicted matches. The engine
is ``sadari_core.resolution.link_tables`` (unsupervised Fellegi–Sunter, see its docstring).
"""

import codecs
import csv
import gzip
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari_core.resolution import link_tables


def decode_bytes(data: bytes, warn: Callable[[str], None] | None = None) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 (with or without BOM), else CP949 when
    it reads as Korean, else UTF-8 with a few broken bytes replaced (``warn`` is told where),
    else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text:
        foreign = [c for c in text if ord(c) > 127]
        hangul = sum(1 for c in foreign if "\uac00" <= c <= "\ud7a3")
        if hangul >= 0.9 * len(foreign):
            return text
    # Mostly UTF-8 with a few bytes that are not: keep it UTF-8 and mark the bad bytes.
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd")
    readable = sum(1 for c in text if ord(c) > 127) - broken  # characters UTF-8 did decode
    if readable >= 20 * broken:
        if warn is not None:
            line = data[:first_bad].count(b"\n") + 1
            warn(
                f"{broken} character(s) that are not UTF-8 replaced by \ufffd (first on line {line})"
            )
        return text
    return data.decode("cp1252", errors="replace")


def read_table(
    path: Path, warn: Callable[[str], None] | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a .csv/.tsv file, gzipped or not. CommandError when unreadable;
    ``warn`` hears of what was read with a doubt (broken bytes, duplicate ids are the caller's)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read ({exc.strerror})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise CommandError(f"{path}: broken gzip file") from exc
    text = decode_bytes(data, None if warn is None else lambda m: warn(f"{path}: {m}"))
    first_line = text.split("\n", 1)[0]
    suffixes = [s.lower() for s in path.suffixes]
    if ".tsv" in suffixes or ".tab" in suffixes:
        delimiter = "\t"
    elif ".csv" in suffixes:
        delimiter = ","
        if first_line.count(",") == 0:  # a ".csv" written with tabs or semicolons
            delimiter = max((",", "\t", ";"), key=first_line.count)
    else:
        delimiter = max(("\t", ",", ";", "|"), key=first_line.count)
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CommandError(f"{path}: the file is empty") from None
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        spans = max((v.count("\n") for v in values), default=0) + 1
        if warn is not None and spans > 6:
            # A quote opened and never closed swallows the lines after it into one field.
            warn(
                f"{path}: a field of the record ending on line {reader.line_num} spans "
                f"{spans} lines (a quote never closed?)"
            )
        rows.append({h: (values[i] if i < len(values) else "") for i, h in enumerate(header)})
    return header, rows


def parse_on(items: list[str], left: list[str], right: list[str]) -> list[tuple[str, str]]:
    """``LCOL=RCOL`` items (``COL`` alone means the same name on both sides)."""
    pairs = []
    for item in items:
        lcol, sep, rcol = item.partition("=")
        lcol, rcol = lcol.strip(), (rcol if sep else lcol).strip()
        if not lcol or not rcol:
            raise CommandError(f"--on expects LCOL=RCOL, got {item!r}")
        pairs.append((require_column(lcol, left, "left"), require_column(rcol, right, "right")))
    return pairs


def require_column(column: str, header: list[str], side: str) -> str:
    """The header's spelling of ``column`` (exact, else the one case-insensitive match)."""
    if column in header:
        return column
    folded = [h for h in header if h.casefold() == column.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise CommandError(
        f"no column {column!r} in the {side} file; its columns are: {', '.join(header)}"
    )


class Command(BaseCommand):
    help = (
        "Link two files of records (CSV/TSV, gzipped or not, UTF-8 or CP949) without labels; "
        "writes left_id,right_id,score for the predicted matches."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", help="left file (.csv/.tsv, optionally .gz)")
        parser.add_argument("right", help="right file (.csv/.tsv, optionally .gz)")
        parser.add_argument("--left-id", required=True, help="id column of the left file")
        parser.add_argument("--right-id", required=True, help="id column of the right file")
        parser.add_argument(
            "--on",
            action="extend",
            nargs="+",
            default=[],
            metavar="LCOL=RCOL",
            help="column pairs to compare (default: the columns both files have)",
        )
        parser.add_argument("--out", required=True, help="output CSV: left_id,right_id,score")

    def _warn(self, message: str) -> None:
        self.stderr.write(f"warning: {message}")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        left_header, left_rows = read_table(Path(str(options["left"])), self._warn)
        right_header, right_rows = read_table(Path(str(options["right"])), self._warn)
        left_id, right_id = str(options["left_id"]), str(options["right_id"])
        left_id = require_column(left_id, left_header, "left")
        right_id = require_column(right_id, right_header, "right")
        for side, rows, column in (("left", left_rows, left_id), ("right", right_rows, right_id)):
            ids = [row[column] for row in rows]
            if len(set(ids)) < len(ids):
                repeated = len(ids) - len(set(ids))
                self._warn(f"{repeated} repeated id(s) in the {side} file's {column!r} column")
        on_items = [str(x) for x in options["on"]]
        if on_items:
            on = parse_on(on_items, left_header, right_header)
        else:
            on = [(c, c) for c in left_header if c in right_header and c not in {left_id, right_id}]
            if not on:
                raise CommandError(
                    "the files share no column besides the ids; name the columns to compare with "
                    "--on LCOL=RCOL"
                )
        result = link_tables(left_rows, right_rows, left_id=left_id, right_id=right_id, on=on)
        out = Path(str(options["out"]))
        with out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["left_id", "right_id", "score"])
            for lid, rid, score in result.pairs:
                writer.writerow([lid, rid, f"{score:.4f}"])
        fields = ", ".join(f"{spec.label} ({spec.kind})" for spec in result.fields)
        self.stdout.write(
            f"{len(result.pairs)} matches from {result.pairs_compared} pairs compared "
            f"({len(left_rows)} × {len(right_rows)} records; {fields}; "
            f"{'one-to-one' if result.one_to_one else 'many-to-one allowed'}) "
            f"in {time.perf_counter() - started:.1f} s → {out}"
        )
