import pytest

from sadari_core.skills import OnetData, SkillVocabulary

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def vocabulary() -> SkillVocabulary:
    return SkillVocabulary.default()


@pytest.mark.parametrize(
    ("_case", "text", "skills"),
    [
        ("object particle", "파이썬을 다룰 수 있는 분", ("Python",)),
        ("conjunctive particle", "자바와 스프링 경험", ("Java", "Spring")),
        ("compound noun", "파이썬개발자 모집", ("Python",)),
        ("longer word wins", "자바스크립트 능숙자", ("JavaScript",)),
        ("mixed scripts", "Django를 활용한 백엔드 개발", ("Django", "Back-end development")),
        ("slash pair", "C/C++ 및 Node.js", ("C", "C++", "Node.js")),
        ("vendor name", "Microsoft Excel and Oracle Java", ("Excel", "Java")),
        ("inside a compound", "웹프론트엔드 개발", ("Front-end development",)),
    ],
)
def test_extract_finds_skills_in_korean_and_english(vocabulary, _case, text, skills):
    assert vocabulary.skills_in(text) == skills


@pytest.mark.parametrize(
    ("_case", "text"),
    [
        ("lower-case go is a verb", "we go home"),
        ("R&D is not R", "R&D 센터"),
        ("thanks is not audit", "감사합니다"),
        ("a word merely starting with a short skill", "자바라 모양"),
    ],
)
def test_extract_ignores_ordinary_words(vocabulary, _case, text):
    assert vocabulary.skills_in(text) == ()


def test_extract_spans_point_into_the_text(vocabulary):
    text = "파이썬과 Django를 활용한 백엔드 개발"

    mentions = vocabulary.extract(text)

    assert [(m.skill, text[m.start : m.end]) for m in mentions] == [
        ("Python", "파이썬"),
        ("Django", "Django"),
        ("Back-end development", "백엔드"),
    ]


@pytest.mark.parametrize(
    ("label", "canonical"),
    [("파이썬", "Python"), ("python", "Python"), ("React.js", "React"), ("딥 러닝", "Deep learning"),
     ("리액트", "React"), ("Structured query language SQL", "SQL"), ("unknown thing", None)],
)  # fmt: skip
def test_canonical_maps_any_spelling(vocabulary, label, canonical):
    assert vocabulary.canonical(label) == canonical


def test_build_links_onet_examples_and_posting_labels():
    onet = OnetData.from_rows(
        occupations=[{"O*NET-SOC Code": "15-1252.00", "Title": "Software Developers"}],
        technology_skills=[
            {"O*NET-SOC Code": "15-1252.00", "Example": "Oracle Java", "Hot Technology": "Y"},
            {"O*NET-SOC Code": "15-1252.00", "Example": "Autodesk Revit"},
        ],
    )

    built = SkillVocabulary.build(
        onet, ["Spring Framework|GCP(Google Cloud Platform)|None", "사내툴"]
    )

    assert built.skills["Java"].occupations == frozenset({"15-1252.00"})
    assert built.skills["Java"].is_hot
    assert built.canonical("Spring Framework") == "Spring"
    assert built.canonical("GCP(Google Cloud Platform)") == "Google Cloud"
    assert built.skills_in("Autodesk Revit으로 도면 작성, 사내툴 사용") == (
        "Autodesk Revit",
        "사내툴",
    )
    assert "None" not in built
    assert len(built) == len(SkillVocabulary.default()) + 2
