"""Charts drawn on the server as inline SVG (no JavaScript, no CDN), each with a title and a
description for screen readers and a text label per bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def bar_chart(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    fmt: Callable[[float | None], str],
    width: int = 360,
    height: int = 120,
) -> SafeString:
    """Vertical bars, one per period (oldest left); an empty period has no bar and a "—"."""
    if not points:
        return mark_safe("")
    top = max((v for _l, v in points if v is not None), default=0.0) or 1.0
    if top < 0:
        top = 1.0
    n = len(points)
    slot = width / n
    bar = max(2.0, slot * 0.7)
    base = height - 18
    parts = []
    for i, (label, value) in enumerate(points):
        x = i * slot + (slot - bar) / 2
        h = 0.0 if value is None or value <= 0 else (base - 12) * value / top
        text = f"{label}: {fmt(value)}"
        parts.append(
            f"<g><title>{escape(text)}</title>"
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{"#2f6fb5" if i == n - 1 else "#9dbde3"}"></rect></g>'
        )
        if i in (0, n - 1) or n <= 6:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 4}" text-anchor="middle" '
                f'font-size="9" fill="#555">{escape(label)}</text>'
            )
    last_label, last_value = points[-1]
    summary = ", ".join(f"{label} {fmt(v)}" for label, v in points)
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" class="impact-chart" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>"
        + "".join(parts)
        + f'<text x="{width}" y="10" text-anchor="end" font-size="9" fill="#555">'
        f"{escape(last_label)}: {escape(fmt(last_value))}</text></svg>"
    )
    return mark_safe(svg)  # noqa: S308 (every text is escaped above)


def funnel_chart(
    stages: Sequence[tuple[str, float | None]], *, title: str, width: int = 360
) -> SafeString:
    """Horizontal bars, one per stage, longest first, with the count and the conversion from
    the stage before."""
    if not stages:
        return mark_safe("")
    top = max((v or 0 for _l, v in stages), default=0) or 1
    row = 26
    height = row * len(stages) + 4
    parts = []
    previous: float | None = None
    for i, (label, value) in enumerate(stages):
        v = value or 0
        w = max(1.0, (width - 150) * v / top)
        conversion = f" ({100 * v / previous:.0f}%)" if previous else ""
        text = f"{label}: {v:,.0f}{conversion}"
        parts.append(
            f"<g><title>{escape(text)}</title>"
            f'<text x="0" y="{i * row + 17}" font-size="9" fill="#555">{escape(label)}</text>'
            f'<rect x="110" y="{i * row + 4}" width="{w:.1f}" height="{row - 8}" fill="#2f6fb5">'
            f'</rect><text x="{110 + w + 4:.1f}" y="{i * row + 17}" font-size="9" fill="#555">'
            f"{v:,.0f}{escape(conversion)}</text></g>"
        )
        previous = v
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" class="impact-chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 (every text is escaped above)
