"""Impact figures: the KPI formula language and period arithmetic (pure, no Django)."""

from sadari_core.impact.formula import (
    FUNCTIONS,
    Formula,
    FormulaError,
    Measure,
    evaluate,
    parse_formula,
)
from sadari_core.impact.periods import Period, PeriodKind, last_periods, parse_period, period_of

__all__ = [
    "FUNCTIONS",
    "Formula",
    "FormulaError",
    "Measure",
    "Period",
    "PeriodKind",
    "evaluate",
    "last_periods",
    "parse_formula",
    "parse_period",
    "period_of",
]
