"""Matching in the platform: both directions across Korean and English, startups → open
challenges, explanations that never carry confidential words, and stored vectors."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from sadari.techtrade import matching
from sadari.techtrade.deals import challenge_create
from sadari.techtrade.models import MatchVector
from sadari.techtrade.services import listing_update, need_create, technology_create
from sadari_core.matching import available_encoders

pytestmark = pytest.mark.django_db


class FakeEncoder:
    """Deterministic 8-dim vectors from the text's bytes; counts what it encodes."""

    name = "fake"
    dim = 8

    def __init__(self):
        self.encoded: list[str] = []

    def encode(self, texts):
        self.encoded.extend(texts)
        rows = []
        for text in texts:
            v = np.zeros(self.dim, dtype=np.float32)
            for i, b in enumerate(text.encode()):
                v[i % self.dim] += b
            rows.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(rows, dtype=np.float32).reshape(-1, self.dim)


@pytest.fixture
def fake_encoder(monkeypatch):
    encoder = FakeEncoder()
    monkeypatch.setattr(matching, "current_encoder", lambda: encoder)
    matching.clear_cache()
    return encoder


def test_korean_need_finds_the_english_technology_with_reasons(market):
    technology_create(
        owner=market["startup"], title_en="Restaurant POS analytics", fields=["commerce"]
    )

    rows = matching.technologies_for_need(need=market["need"], k=5)

    assert rows[0].item == market["tech"]
    explanation = rows[0].result.explanation
    assert explanation.shared_terms  # bilingual terms bridge 배터리 ↔ battery
    assert "climate" in [f.lower() for f in explanation.field_overlap]
    assert rows[0].result.rank == 1
    assert rows[0].reasons()


def test_english_technology_finds_the_korean_need(market):
    need_create(owner=market["corp"], title_ko="매장 발주 자동화", fields=["commerce"])

    rows = matching.needs_for_technology(technology=market["tech"], k=5)

    assert rows[0].item == market["need"]


def test_explanations_never_carry_confidential_words(market):
    need = need_create(
        owner=market["corp"], by=market["corporate"], title_ko="드론 라이다 측량",
        teaser_ko="라이다 기반 지형 측량 기술", fields=["drone"],
    )  # fmt: skip
    tech = technology_create(
        owner=market["startup"], by=market["founder"], title_en="Drone photogrammetry",
        teaser_en="Aerial photo mapping", fields=["drone"],
        details_en="our secret sauce is lidar fusion; 라이다 측량 정밀도 2cm",
    )  # fmt: skip

    rows = matching.technologies_for_need(need=need, k=10)

    row = next(r for r in rows if r.item == tech)
    words = " ".join(row.result.explanation.shared_terms).lower()
    assert "라이다" not in words
    assert "lidar" not in words
    assert "secret" not in row.summary


def test_drafts_and_closed_items_are_not_matched(market):
    draft = technology_create(
        owner=market["startup"], title_en="Battery diagnosis draft", status="draft"
    )
    closed = technology_create(
        owner=market["startup"], title_en="Battery diagnosis closed", status="closed"
    )

    items = {r.item for r in matching.technologies_for_need(need=market["need"], k=50)}

    assert draft not in items
    assert closed not in items


def test_startup_finds_open_challenges(market):
    today = timezone.localdate()
    open_one = challenge_create(
        host=market["corp"], title_ko="배터리 재사용 챌린지", summary_ko="사용 후 배터리 진단",
        fields=["climate"], opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=9),
    )  # fmt: skip
    closed = challenge_create(
        host=market["corp"], title_ko="지난 배터리 챌린지", fields=["climate"],
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1),
    )  # fmt: skip

    rows = matching.challenges_for_organization(organization=market["startup"], k=5)

    assert [r.item for r in rows] == [open_one]
    assert closed not in [r.item for r in rows]


def test_vectors_are_stored_and_recomputed_only_when_the_text_changes(market, fake_encoder):
    assert matching.vector_refresh(kind="technology", object_id=market["tech"].pk) is True
    stored = MatchVector.objects.get(kind="technology", object_id=market["tech"].pk)
    assert matching.vector_refresh(kind="technology", object_id=market["tech"].pk) is False

    listing_update(item=market["tech"], by=market["founder"], details_en="new secret only")
    unchanged = matching.vector_refresh(kind="technology", object_id=market["tech"].pk)
    listing_update(item=market["tech"], by=market["founder"], teaser_en="A new public teaser")
    changed = matching.vector_refresh(kind="technology", object_id=market["tech"].pk)

    fresh = MatchVector.objects.get(kind="technology", object_id=market["tech"].pk)
    assert (stored.encoder, stored.dim, len(bytes(stored.vector))) == ("fake", 8, 32)
    assert unchanged is False  # confidential details are not encoded
    assert changed is True
    assert fresh.text_hash != stored.text_hash
    assert not any("new secret only" in t for t in fake_encoder.encoded)


def test_matching_reuses_stored_vectors(market, fake_encoder):
    matching.technologies_for_need(need=market["need"], k=5)
    first = len(fake_encoder.encoded)
    matching.clear_cache()

    rows = matching.technologies_for_need(need=market["need"], k=5)

    assert first == 2  # the technology and the need, once each
    assert len(fake_encoder.encoded) == first  # the second run read them from the database
    assert rows[0].result.explanation.semantic is not None


@pytest.mark.skipif(not available_encoders(), reason="no sentence encoder installed")
def test_with_the_installed_encoder(market, settings):
    settings.SADARI_MATCH_ENCODER = "auto"
    matching.clear_cache()

    rows = matching.technologies_for_need(need=market["need"], k=3)

    assert rows[0].item == market["tech"]
    assert rows[0].result.explanation.semantic is not None
    assert MatchVector.objects.filter(kind="technology").count() == 1


def test_unknown_encoder_setting_falls_back_to_lexical(market, settings):
    settings.SADARI_MATCH_ENCODER = "no-such-encoder"
    matching.clear_cache()

    rows = matching.technologies_for_need(need=market["need"], k=3)

    assert rows[0].item == market["tech"]
    assert rows[0].result.explanation.semantic is None
