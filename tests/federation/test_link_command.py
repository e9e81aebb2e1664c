import csv
import gzip
import io

import pytest
from django.core.management import CommandError, call_command

from sadari.federation.management.commands.link import decode_bytes

pytestmark = pytest.mark.integration

PEOPLE_LEFT = [
    ("p1", "김민준", "서울 강남구", "19850312"),
    ("p2", "이서연", "경기 고양시", "19900701"),
    ("p3", "박지훈", "부산 해운대구", "19781130"),
    ("p4", "최수아", "인천 연수구", "19950224"),
    ("p5", "정하준", "대전 유성구", "19881009"),
    ("p6", "강지우", "광주 북구", "19920515"),
]
PEOPLE_RIGHT = [
    ("r6", "강지우", "광주 북구", "19920515"),
    ("r1", "김민준", "서울 강남구", "19850321"),
    ("r3", "박지훈", "부산 해운대", "19781130"),
    ("r2", "이서연", "경기도 고양시", "19900701"),
    ("r9", "윤도현", "제주 제주시", "19700101"),
    ("r5", "정하준", "대전 유성구", "19881009"),
]


def _write(path, header, rows, *, encoding="utf-8", delimiter=",", gz=False):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _read_out(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_link_command_writes_header_and_only_matches(tmp_path):
    left = _write(
        tmp_path / "left.csv", ["id", "이름", "주소", "생년월일"], PEOPLE_LEFT, encoding="cp949"
    )
    right = _write(tmp_path / "right.csv", ["no", "이름", "주소", "생년월일"], PEOPLE_RIGHT)
    out = tmp_path / "pairs.csv"
    stdout = io.StringIO()

    call_command(
        "link",
        str(left),
        str(right),
        "--left-id",
        "id",
        "--right-id",
        "no",
        "--out",
        str(out),
        stdout=stdout,
    )
    rows = _read_out(out)

    assert rows[0] == ["left_id", "right_id", "score"]
    assert {(a, b) for a, b, _ in rows[1:]} == {
        ("p1", "r1"),
        ("p2", "r2"),
        ("p3", "r3"),
        ("p5", "r5"),
        ("p6", "r6"),
    }
    assert all(0.5 <= float(score) <= 1.0 for _, _, score in rows[1:])
    assert "5 matches" in stdout.getvalue()


def test_link_command_reads_gzipped_tsv_and_on_pairs(tmp_path):
    left = _write(
        tmp_path / "companies.tsv.gz",
        ["기업ID", "기업명"],
        [("1", "(주)카카오"), ("2", "삼성전자 주식회사"), ("3", "현대자동차"), ("4", "엘지전자")],
        delimiter="\t",
        gz=True,
    )
    right = _write(
        tmp_path / "registry.csv",
        ["corp_id", "name_en"],
        [
            ("a", "Kakao Corp."),
            ("b", "Samsung Electronics Co., Ltd."),
            ("c", "LG Electronics"),
            ("d", "Naver"),
        ],
    )
    out = tmp_path / "pairs.csv"

    call_command(
        "link",
        str(left),
        str(right),
        "--left-id",
        "기업ID",
        "--right-id",
        "corp_id",
        "--on",
        "기업명=name_en",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )

    assert {(a, b) for a, b, _ in _read_out(out)[1:]} == {("1", "a"), ("2", "b"), ("4", "c")}


def test_link_command_missing_id_column_names_the_columns(tmp_path):
    left = _write(tmp_path / "l.csv", ["id", "name"], [("1", "a")])
    right = _write(tmp_path / "r.csv", ["id", "name"], [("1", "a")])

    with pytest.raises(
        CommandError, match="no column 'key' in the right file; its columns are: id, name"
    ):
        call_command(
            "link",
            str(left),
            str(right),
            "--left-id",
            "id",
            "--right-id",
            "key",
            "--out",
            str(tmp_path / "o.csv"),
        )


def test_link_command_missing_on_column_is_an_error(tmp_path):
    left = _write(tmp_path / "l.csv", ["id", "name"], [("1", "a")])
    right = _write(tmp_path / "r.csv", ["id", "title"], [("1", "a")])

    with pytest.raises(CommandError, match="no column 'nam' in the left file"):
        call_command(
            "link", str(left), str(right), "--left-id", "id", "--right-id", "id", "--on", "nam=title",
            "--out", str(tmp_path / "o.csv"),
        )  # fmt: skip


def test_link_command_without_shared_columns_asks_for_on(tmp_path):
    left = _write(tmp_path / "l.csv", ["id", "name"], [("1", "a")])
    right = _write(tmp_path / "r.csv", ["id", "title"], [("1", "a")])

    with pytest.raises(CommandError, match="--on LCOL=RCOL"):
        call_command(
            "link",
            str(left),
            str(right),
            "--left-id",
            "id",
            "--right-id",
            "id",
            "--out",
            str(tmp_path / "o.csv"),
        )


def test_link_command_with_no_match_writes_only_the_header(tmp_path):
    left = _write(tmp_path / "l.csv", ["id", "name"], [("1", "alpha beta"), ("2", "gamma delta")])
    right = _write(tmp_path / "r.csv", ["id", "name"], [("x", "zzz qqq"), ("y", "www vvv")])
    out = tmp_path / "o.csv"

    call_command(
        "link",
        str(left),
        str(right),
        "--left-id",
        "id",
        "--right-id",
        "id",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )

    assert _read_out(out) == [["left_id", "right_id", "score"]]


@pytest.mark.parametrize(
    ("_case", "data", "text"),
    [
        ("utf-8 bom", "\ufeff이름,a".encode(), "이름,a"),
        ("cp949", "이름,주소".encode("cp949"), "이름,주소"),
        ("latin-1 falls back to cp1252", "café,naïve".encode("latin-1"), "café,naïve"),
        ("utf-16 with a bom (Excel's unicode text)", "이름\t주소".encode("utf-16"), "이름\t주소"),
    ],
)
def test_decode_bytes(_case, data, text):
    assert decode_bytes(data) == text


def test_link_command_matches_column_names_case_insensitively(tmp_path):
    left = _write(tmp_path / "l.csv", ["ID", "Name"], [("1", "Sadari Tech"), ("2", "Haneul Drone")])
    right = _write(tmp_path / "r.csv", ["id", "name"], [("a", "SADARI TECH"), ("b", "Kakao")])
    out = tmp_path / "o.csv"

    call_command(
        "link", str(left), str(right), "--left-id", "id", "--right-id", "ID", "--on", "name=NAME",
        "--out", str(out), stdout=io.StringIO(),
    )  # fmt: skip

    assert _read_out(out)[1][:2] == ["1", "a"]


def test_a_few_broken_bytes_in_a_utf8_file_are_replaced_with_a_warning(tmp_path):
    text = "id,이름\n" + "".join(f"{i},홍길동{i}\n" for i in range(50))
    data = text.encode("utf-8").replace("홍길동7".encode(), "홍길동7".encode()[:-2] + b"\xff")
    warnings: list[str] = []

    decoded = decode_bytes(data, warnings.append)

    assert "홍길동1" in decoded
    assert "홍길동49" in decoded
    assert "\ufffd" in decoded
    assert len(warnings) == 1
    assert "line 9" in warnings[0]


def test_link_command_reads_semicolons_utf16_and_warns_of_repeated_ids(tmp_path):
    left = tmp_path / "left.csv"
    left.write_bytes("id;이름\n1;사다리테크\n1;하늘드론\n".encode())
    right = tmp_path / "right.csv"
    right.write_bytes("id\t이름\na;사다리테크\nb;하늘드론\n".replace(";", "\t").encode("utf-16"))
    out = tmp_path / "pairs.csv"
    stderr = io.StringIO()

    call_command(
        "link", str(left), str(right), "--left-id", "id", "--right-id", "id", "--out", str(out),
        stdout=io.StringIO(), stderr=stderr,
    )  # fmt: skip

    assert ("1", "a") in {(row[0], row[1]) for row in _read_out(out)[1:]}
    assert "1 repeated id(s) in the left file's 'id' column" in stderr.getvalue()


def test_link_command_links_korean_people_to_their_english_records(tmp_path):
    left = _write(tmp_path / "l.csv", ["id", "이름", "주소", "생년월일", "전화"], [
        ("1", "박서연", "서울특별시 강남구", "1990-03-05", "010-1234-5678"),
        ("2", "이민준", "부산광역시 해운대구", "1985-12-01", "010-2222-3333"),
        ("3", "박서연", "경기도 고양시", "1992-07-14", ""),
        ("4", "최지우", "서울특별시 마포구", "1979-01-30", "010-9999-0000"),
    ])  # fmt: skip
    right = _write(tmp_path / "r.csv", ["no", "name", "region", "dob", "phone"], [
        ("a", "Seo-yeon Park", "Gangnam-gu, Seoul", "05.03.1990", "+82-10-1234-5678"),
        ("b", "LEE Min-jun", "Haeundae-gu, Busan", "01.12.1985", "+82 10 2222 3333"),
        ("c", "Seoyeon Pak", "Goyang-si, Gyeonggi-do", "14.07.1992", ""),
        ("d", "Ji-woo Choi", "Mapo-gu, Seoul", "30.01.1979", "+82-10-9999-0000"),
    ])  # fmt: skip
    out = tmp_path / "pairs.csv"
    stdout = io.StringIO()

    call_command(
        "link", str(left), str(right), "--left-id", "id", "--right-id", "no",
        "--on", "이름=name", "주소=region", "생년월일=dob", "전화=phone", "--out", str(out),
        stdout=stdout,
    )  # fmt: skip

    assert {(row[0], row[1]) for row in _read_out(out)[1:]} == {
        ("1", "a"), ("2", "b"), ("3", "c"), ("4", "d"),
    }  # fmt: skip
    assert "전화=phone (code)" in stdout.getvalue()


def test_a_quote_never_closed_is_reported(tmp_path):
    from pathlib import Path

    from sadari.federation.management.commands.link import read_table

    path = tmp_path / "broken.csv"
    path.write_text('id,name\n1,"Sadari Tech\n' + "".join(f"{i},Name {i}\n" for i in range(2, 12)))
    warnings: list[str] = []

    _header, rows = read_table(Path(path), warnings.append)

    assert len(rows) == 1
    assert len(warnings) == 1
    assert "a quote never closed?" in warnings[0]
