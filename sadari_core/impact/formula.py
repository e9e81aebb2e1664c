"""The KPI formula language: measures over recorded events combined by arithmetic.

A formula is an arithmetic expression (``+ - * /``, parentheses, numbers) over *measures*:

- ``count(kind)``    — how many events of that kind;
- ``sum(kind)``      — the sum of their amounts (KRW);
- ``qty(kind)``      — the sum of their quantities (hours, people …);
- ``distinct(kind)`` — how many distinct organizations they concern.

``count(hire_attributed) / count(trainee_followed) * 100`` is the platform's employment rate.
The text is parsed with :mod:`ast` and every node is checked against a whitelist; nothing is
ever ``eval``-ed. A division by zero gives ``None`` (shown as "—"), never an error.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

FUNCTIONS: tuple[str, ...] = ("count", "sum", "qty", "distinct")
MAX_LENGTH = 500
MAX_NODES = 200


@dataclass(frozen=True, slots=True)
class Measure:
    """One aggregate a formula needs: ``Measure("count", "trainee_hired")``."""

    function: str
    kind: str

    def __str__(self) -> str:
        return f"{self.function}({self.kind})"


class FormulaError(ValueError):
    """A formula that cannot be used, with a code the UI translates and a 1-based column.

    Codes: ``empty``, ``too_long``, ``syntax``, ``not_allowed`` (an operator or construct outside
    the language), ``unknown_function``, ``bad_arguments``, ``unknown_kind``.
    """

    def __init__(self, code: str, position: int, detail: str = "") -> None:
        self.code = code
        self.position = position
        self.detail = detail
        super().__init__(f"{code} at column {position}" + (f": {detail}" if detail else ""))


@dataclass(frozen=True, slots=True)
class Formula:
    """A parsed, validated formula; ``measures`` lists what evaluation needs, in order."""

    text: str
    tree: ast.expr
    measures: tuple[Measure, ...]


def _column(node: ast.AST) -> int:
    return int(getattr(node, "col_offset", 0)) + 1


def parse_formula(text: str, *, kinds: Collection[str] | None = None) -> Formula:
    """Parses and validates ``text``.

    Args:
        text: the formula, e.g. ``"count(trainee_hired) / count(trainee_followed) * 100"``.
        kinds: the event kinds a measure may name (``None``: any identifier).

    Returns:
        The :class:`Formula`; ``parse_formula("sum(funding_round)").measures ==
        (Measure("sum", "funding_round"),)``.

    Raises:
        FormulaError: with a code and the 1-based column of the offending part.
    """
    stripped = text.strip()
    if not stripped:
        raise FormulaError("empty", 1)
    if len(stripped) > MAX_LENGTH:
        raise FormulaError("too_long", MAX_LENGTH + 1, str(MAX_LENGTH))
    offset = len(text) - len(text.lstrip())
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        raise FormulaError("syntax", offset + int(exc.offset or 1), exc.msg or "") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError("too_long", 1, str(MAX_NODES))
    measures: list[Measure] = []
    _check(tree.body, kinds, measures, offset)
    return Formula(text=stripped, tree=tree.body, measures=tuple(dict.fromkeys(measures)))


def _check(
    node: ast.expr, kinds: Collection[str] | None, measures: list[Measure], offset: int
) -> None:
    column = offset + _column(node)
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            raise FormulaError("not_allowed", column, type(node.op).__name__)
        _check(node.left, kinds, measures, offset)
        _check(node.right, kinds, measures, offset)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise FormulaError("not_allowed", column, type(node.op).__name__)
        _check(node.operand, kinds, measures, offset)
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError("not_allowed", column, repr(node.value))
        if not math.isfinite(node.value):
            raise FormulaError("not_allowed", column, repr(node.value))
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            raise FormulaError("unknown_function", column, name)
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise FormulaError("bad_arguments", column, node.func.id)
        kind = node.args[0].id
        if kinds is not None and kind not in kinds:
            raise FormulaError("unknown_kind", offset + _column(node.args[0]), kind)
        measures.append(Measure(node.func.id, kind))
    elif isinstance(node, ast.Name):
        raise FormulaError("bad_arguments", column, node.id)
    else:
        raise FormulaError("not_allowed", column, type(node).__name__)


def evaluate(formula: Formula, values: Mapping[Measure, float | int | None]) -> float | None:
    """The formula's value given each measure's value (a missing measure counts as 0).

    Returns ``None`` when a division by zero (or a ``None`` measure) makes it undefined:
    ``evaluate(parse_formula("count(a) / count(b)"), {Measure("count", "a"): 3}) is None``.
    """
    return _eval(formula.tree, values)


def _eval(node: ast.expr, values: Mapping[Measure, float | int | None]) -> float | None:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # parse_formula checked it
        return float(node.value)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)  # parse_formula checked both
        assert isinstance(node.args[0], ast.Name)
        value = values.get(Measure(node.func.id, node.args[0].id), 0)
        return None if value is None else float(value)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        if operand is None:
            return None
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _eval(node.left, values)
        right = _eval(node.right, values)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return None if right == 0 else left / right
    raise FormulaError("not_allowed", _column(node), type(node).__name__)
