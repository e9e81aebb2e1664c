"""Reading the O*NET and Korean posting files under ``SADARI_DATA_DIR`` (no Django imports).

The parsing lives in :mod:`sadari_core.skills`; this module only finds and reads the files, so
that the commands and the benchmarks read them the same way.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from sadari_core.skills import OnetData

ONET_DIR = "onet-29.2"
POSTINGS_DIR = "kr-job-postings"
_ONET_FILES = {
    "occupations": "occupation_data",
    "alternate_titles": "alternate_titles_dev",
    "tasks": "task_statements",
    "technology_skills": "technology_skills",
}


class DataFileError(Exception):
    """A data file or directory is missing or unreadable; the message says which and why."""


def _open_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise DataFileError(f"{path}: broken gzip file") from exc
    return data.decode("utf-8-sig", errors="replace")


def _find(directory: Path, stem: str) -> Path | None:
    for suffix in (".tsv.gz", ".tsv", ".txt.gz", ".txt"):
        candidate = directory / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    # the O*NET download names the full alternate-titles file without "_dev"
    if stem.endswith("_dev"):
        return _find(directory, stem.removesuffix("_dev"))
    return None


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file (gzipped or not) keyed by its header."""
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(_open_text(path), newline=""), delimiter="\t")
    return [dict(row) for row in reader]


def onet_dir(data_dir: Path) -> Path:
    """``data_dir/onet-29.2``, or ``data_dir`` itself when it holds the O*NET files."""
    for candidate in (data_dir / ONET_DIR, data_dir):
        if _find(candidate, _ONET_FILES["occupations"]) is not None:
            return candidate
    raise DataFileError(
        f"no O*NET files under {data_dir} (expected {data_dir / ONET_DIR}/occupation_data.tsv.gz;"
        " set SADARI_DATA_DIR to the folder that holds onet-29.2)"
    )


def load_onet(data_dir: Path, *, technology: bool = True) -> OnetData:
    """The O*NET tables under ``data_dir`` (see :func:`onet_dir`).

    Occupations are required; alternate titles, tasks and technology skills are read when
    present. Raises DataFileError with the path when something required is missing.
    """
    directory = onet_dir(data_dir)
    tables: dict[str, list[dict[str, str]]] = {}
    for key, stem in _ONET_FILES.items():
        if key == "technology_skills" and not technology:
            continue
        path = _find(directory, stem)
        if path is None:
            if key == "occupations":
                raise DataFileError(f"{directory}: no {stem}.tsv(.gz)")
            continue
        tables[key] = read_tsv(path)
    return OnetData.from_rows(**tables)


def read_postings(data_dir: Path) -> dict[str, list[dict[str, str]]]:
    """The Korean posting files (``kr-job-postings/*.csv.gz``) by file stem; {} when absent."""
    directory = data_dir / POSTINGS_DIR
    out: dict[str, list[dict[str, str]]] = {}
    if not directory.is_dir():
        return out
    csv.field_size_limit(sys.maxsize)
    for path in sorted(directory.glob("*.csv*")):
        reader = csv.DictReader(io.StringIO(_open_text(path), newline=""))
        out[path.name.split(".")[0]] = [dict(row) for row in reader]
    return out
