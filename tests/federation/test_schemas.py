"""The compiled schemas (fastjsonschema) are only a fast path: whatever they accept,
jsonschema — which words the errors and decides — must accept too. Checked on every kind with
each field replaced by values of every JSON type, fields missing and fields added."""

import itertools

import fastjsonschema
import pytest
from jsonschema import Draft202012Validator

from sadari.federation.schemas import KINDS, record_errors, record_schema

VALID = {
    "organization": {"name_ko": "가나다", "name_en": "Ganada", "employees": 12,
                     "homepage": "https://ganada.kr", "founded_on": "2020-01-01",
                     "business_number": "220-81-62517", "industry": "ai", "stage": "seed",
                     "district": "강남구", "aliases": ["가나"]},
    "program": {"title_ko": "지원사업", "host": {"name_ko": "재단"}, "capacity": 10,
                "starts_on": "2026-01-01", "url": "https://a.kr/p"},
    "space": {"name_ko": "회의실", "host": {"id": "H1"}, "kind": "meeting_room", "capacity": 8,
              "equipment": ["TV"]},
    "funding_round": {"company": {"business_number": "220-81-62517"}, "round_type": "seed",
                      "announced_on": "2026-03-01", "amount_krw": 300000000,
                      "investors": [{"name_ko": "스파크랩", "is_lead": True}]},
    "support_award": {"recipient": {"name_ko": "가나다"}, "program_title": "실증",
                      "starts_on": "2026-03-01", "amount_krw": "3억"},
    "job_posting": {"employer": {"name_ko": "가나다"}, "title": "백엔드 개발자",
                    "required_skills": ["Python"], "salary_min_krw": 40000000},
    "event": {"title_ko": "데모데이", "host": {"name_ko": "재단"}, "starts_on": "2026-05-01"},
}  # fmt: skip
ODD_VALUES = [None, True, 0, -1, 1.5, "", "x" * 5000, "2026-13-45", "not a url", [], ["a", 1],
              {}, {"id": 1}, {"unexpected": "key"}]  # fmt: skip


def _mutations(kind):
    base = {"kind": kind, "id": "R1", "data": VALID[kind]}
    yield base
    for field, odd in itertools.product(VALID[kind], ODD_VALUES):
        yield {**base, "data": {**VALID[kind], field: odd}}
    for field in VALID[kind]:
        yield {**base, "data": {k: v for k, v in VALID[kind].items() if k != field}}
    yield {**base, "data": {**VALID[kind], "unknown_field": 1}}
    for key, odd in itertools.product(("id", "data", "observed_at"), ODD_VALUES):
        yield {**base, key: odd}
    yield {**base, "extra": 1}


@pytest.mark.parametrize("kind", KINDS)
def test_the_compiled_schema_never_accepts_what_jsonschema_refuses(kind):
    fast = fastjsonschema.compile(record_schema(kind))
    slow = Draft202012Validator(record_schema(kind))
    accepted = refused = 0

    for record in _mutations(kind):
        try:
            fast(record)
        except fastjsonschema.JsonSchemaException:
            refused += 1
            continue
        accepted += 1
        assert slow.is_valid(record), record

    assert accepted > 1
    assert refused > 10


@pytest.mark.parametrize("kind", KINDS)
def test_record_errors_agree_with_jsonschema(kind):
    slow = Draft202012Validator(record_schema(kind))

    for record in _mutations(kind):
        assert (record_errors(record) == []) == slow.is_valid(record), record
