"""The shipped common occupations (used when the O*NET files are absent)."""

import re

from sadari_core.skills import TitleClassifier
from sadari_core.skills.fallback import COMMON_OCCUPATIONS, fallback_onet


def test_codes_are_onet_soc_codes_with_titles():
    onet = fallback_onet()

    assert len(onet.occupations) == len(COMMON_OCCUPATIONS) == 47
    assert all(re.fullmatch(r"\d\d-\d{4}\.\d\d", o.code) and o.title for o in onet.occupations)
    assert {a.code for a in onet.alternate_titles} <= set(COMMON_OCCUPATIONS)


def test_the_academy_roles_are_classified_offline():
    classifier = TitleClassifier(fallback_onet())
    roles = {
        "백엔드 개발자": "15-1254.00",
        "서버 개발자": "15-1252.00",
        "데이터 분석가": "15-2051.01",
        "머신러닝 엔지니어": "15-2051.00",
        "UI/UX 디자이너": "15-1255.00",
        "서비스 기획자": "15-1299.09",
        "간호사": "29-1141.00",
    }

    top = [matches[0].code for matches in classifier.classify(list(roles), k=1)]

    assert top == list(roles.values())
