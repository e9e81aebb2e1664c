"""Skills and occupations: a Korean/English skill vocabulary, skill extraction, job titles → O*NET.

Contract (pure: the caller reads the files and passes rows):

- ``SkillVocabulary.default()`` — the shipped skills (``catalog.SKILLS``, Korean and English
  spellings); ``SkillVocabulary.build(onet, labels)`` adds O*NET technology examples (with the
  occupations that use them) and postings' tech-stack labels. ``canonical(label)`` maps any
  spelling to the canonical name (``"파이썬"`` → ``"Python"``); ``extract(text)`` returns
  ``SkillMention``s with spans, Korean particles and mixed scripts handled; ``skills_in(text)``
  the canonical names in order.
- ``OnetData.from_rows(...)`` turns O*NET table rows into records;
  ``related_occupations_from_rows(rows)`` O*NET's related occupations (code → codes).
- ``TitleClassifier(onet).classify(titles, k)`` → per title ``k`` ``TitleMatch``es (O*NET-SOC
  code, occupation, score in 0..1, the indexed title that matched), best first; Korean titles
  are translated word by word (``to_english``).
"""

from sadari_core.skills.onet import (
    AlternateTitle,
    Occupation,
    OnetData,
    TechnologySkill,
    related_occupations_from_rows,
)
from sadari_core.skills.titles import TitleClassifier, TitleMatch, to_english
from sadari_core.skills.vocabulary import Skill, SkillMention, SkillVocabulary

__all__ = [
    "AlternateTitle",
    "Occupation",
    "OnetData",
    "Skill",
    "SkillMention",
    "SkillVocabulary",
    "TechnologySkill",
    "TitleClassifier",
    "TitleMatch",
    "related_occupations_from_rows",
    "to_english",
]
