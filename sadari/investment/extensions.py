"""Extension points for apps above investment (which it must not import): extra sections on a
funding round's page, registered by those apps in ``AppConfig.ready`` — federation adds which
institution fed which value."""

from collections.abc import Callable
from typing import Any

# fn(request, funding_round) -> rendered HTML (or "" for nothing)
RoundSection = Callable[[Any, Any], str]
_round_sections: list[RoundSection] = []


def register_round_section(fn: RoundSection) -> RoundSection:
    if fn not in _round_sections:
        _round_sections.append(fn)
    return fn


def round_sections(request: Any, funding_round: Any) -> list[str]:
    return [html for fn in _round_sections if (html := fn(request, funding_round))]
