import os
from pathlib import Path

import pytest

from sadari_core.skills import OnetData, TitleClassifier, to_english

pytestmark = pytest.mark.core

OCCUPATIONS = [
    ("15-1252.00", "Software Developers", "Develop software applications and systems."),
    ("15-1254.00", "Web Developers", "Develop and design websites and web applications."),
    ("15-2051.00", "Data Scientists", "Develop and implement methods to analyze data."),
    ("29-1141.00", "Registered Nurses", "Assess patient health problems and provide care."),
    ("43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks", "Compute and record data."),
    ("13-2011.00", "Accountants and Auditors", "Examine financial records."),
    ("11-9111.00", "Medical and Health Services Managers", "Plan and direct medical services."),
    ("35-2014.00", "Cooks, Restaurant", "Prepare and cook food in restaurants."),
]
ALTERNATES = [
    ("15-1252.00", "Software Engineer"), ("15-1252.00", "Application Developer"),
    ("15-1252.00", "Backend Software Engineer"), ("15-1252.00", "Senior Software Engineer"),
    ("15-1254.00", "Web Developer"), ("15-1254.00", "Front End Developer"),
    ("15-1254.00", "Back End Developer"), ("15-2051.00", "Data Scientist"),
    ("15-2051.00", "Machine Learning Scientist"), ("29-1141.00", "Nurse"),
    ("29-1141.00", "Staff Nurse"), ("29-1141.00", "Registered Nurse (RN)"),
    ("43-3031.00", "Accounting Clerk"), ("43-3031.00", "Bookkeeper"),
    ("13-2011.00", "Accountant"), ("13-2011.00", "Staff Accountant"),
    ("11-9111.00", "Nursing Director"), ("11-9111.00", "Director of Nursing"),
    ("35-2014.00", "Line Cook"), ("35-2014.00", "Cook"),
]  # fmt: skip


@pytest.fixture(scope="module")
def onet() -> OnetData:
    return OnetData.from_rows(
        occupations=[
            {"O*NET-SOC Code": c, "Title": t, "Description": d} for c, t, d in OCCUPATIONS
        ],
        alternate_titles=[
            {"O*NET-SOC Code": c, "Alternate Title": t, "Short Title": "n/a", "Source(s)": "08"}
            for c, t in ALTERNATES
        ],
        tasks=[{"O*NET-SOC Code": "35-2014.00", "Task": "Grill meat and fry potatoes."}],
    )


@pytest.fixture(scope="module")
def classifier(onet) -> TitleClassifier:
    return TitleClassifier(onet)


@pytest.mark.parametrize(
    ("_case", "title", "code"),
    [
        ("exact alternate title", "Staff Nurse", "29-1141.00"),
        ("abbreviation", "Sr. Software Eng", "15-1252.00"),
        ("plural and case", "registered nurses", "29-1141.00"),
        ("head noun decides", "Nursing Director", "11-9111.00"),
        ("words only in the tasks", "grill and fry", "35-2014.00"),
        ("Korean", "백엔드 개발자", "15-1254.00"),
        ("Korean with particle and noise", "[신입] 간호사를 모집합니다", "29-1141.00"),
        ("Korean compound without space", "데이터사이언티스트", "15-2051.00"),
        ("mixed scripts", "SW 엔지니어", "15-1252.00"),
    ],
)
def test_classify_finds_the_occupation(classifier, _case, title, code):
    (matches,) = classifier.classify([title], k=3)

    assert matches[0].code == code


def test_classify_returns_k_ranked_rows_per_title(classifier):
    results = classifier.classify(["Software Engineer", "zzzz qqqq", ""], k=5)

    assert [len(r) for r in results] == [5, 5, 5]
    assert [m.rank for m in results[0]] == [1, 2, 3, 4, 5]
    scores = [m.score for m in results[0]]
    assert scores == sorted(scores, reverse=True)
    assert results[0][0].evidence == "Software Engineer"
    assert all(m.score == 0 for m in results[1])
    assert [m.code for m in results[1]] == sorted(m.code for m in results[1])


def test_excluded_titles_are_not_in_the_index(onet):
    held_out = TitleClassifier(onet, exclude_titles=["Staff Nurse"])

    (matches,) = held_out.classify(["Staff Nurse"], k=1)

    assert matches[0].evidence != "Staff Nurse"
    assert matches[0].code == "29-1141.00"


def test_k_larger_than_the_occupations_is_capped(classifier):
    (matches,) = classifier.classify(["Cook"], k=50)

    assert len(matches) == len(OCCUPATIONS)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("백엔드 개발자", "back end developer"),
        ("회계 담당자를", "accounting specialist"),
        ("[경력] 데이터 분석가 채용", "data analyst"),
        ("AI 엔지니어", "ai engineer"),
    ],
)
def test_to_english_translates_korean_titles(korean, english):
    assert to_english(korean) == english


def _data_dir() -> Path:
    return Path(os.environ.get("SADARI_DATA_DIR", Path(__file__).parents[3] / "shared" / "data"))


@pytest.mark.skipif(
    not (_data_dir() / "onet-29.2" / "occupation_data.tsv.gz").exists(),
    reason="the O*NET files are not under SADARI_DATA_DIR (../shared/data)",
)
def test_classify_with_the_real_onet_tables():
    import csv
    import gzip

    def rows(name):
        with gzip.open(_data_dir() / "onet-29.2" / f"{name}.tsv.gz", "rt", encoding="utf-8") as f:
            return list(csv.DictReader(f, delimiter="\t"))

    onet = OnetData.from_rows(
        occupations=rows("occupation_data"), alternate_titles=rows("alternate_titles_dev")
    )
    classifier = TitleClassifier(onet)

    results = classifier.classify(["Registered Nurse", "간호사", "Accounting Clerk", "경리"], k=5)

    assert [r[0].code for r in results] == ["29-1141.00", "29-1141.00", "43-3031.00", "43-3031.00"]


class _FakeEncoder:
    """One-hot vectors: ``synonyms`` share a dimension, every other text gets its own."""

    def __init__(self, synonyms: set[str]) -> None:
        self.synonyms = synonyms
        self.dims: dict[str, int] = {}

    def encode(self, texts):
        import numpy as np

        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            key = "*" if text in self.synonyms else text
            out[row, self.dims.setdefault(key, len(self.dims) % 256)] = 1.0
        return out


def test_attached_encoder_votes_for_titles_without_a_shared_word(onet):
    plain = TitleClassifier(onet)
    semantic = TitleClassifier(onet)
    semantic.attach_encoder(_FakeEncoder({"chef de partie", "Line Cook"}).encode)

    (before,) = plain.classify(["chef de partie"], k=1)
    (after,) = semantic.classify(["chef de partie"], k=1)

    assert before[0].code != "35-2014.00"
    assert after[0].code == "35-2014.00"
    assert 0 < after[0].score <= 1


def test_attach_encoder_rejects_vectors_of_another_index(classifier):
    import numpy as np

    with pytest.raises(ValueError, match="one per indexed title"):
        classifier.attach_encoder(lambda texts: np.zeros((len(texts), 4)), np.zeros((3, 4)))
