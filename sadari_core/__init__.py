"""Sadari's pure core: no Django, no I/O."""

from sadari_core import eligibility

__all__ = ["eligibility"]
