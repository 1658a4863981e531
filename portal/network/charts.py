"""Server-drawn SVG charts: plain data in, markup out; no ORM, no network requests.

The chart is inline SVG with text labels, readable without JavaScript, printable,
and safe on a closed network (no map tiles, no fonts or scripts from elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    display: str = ""  # the value as shown when withheld, e.g. "<5"; else the number


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    width: int = 480,
    bar_height: int = 28,
    gap: int = 8,
    label_width: int = 160,
) -> SafeString:
    """An accessible horizontal bar chart as an ``<svg>`` element.

    Args:
        bars: one bar per row, drawn in the order given.
        title: read by screen readers (``<title>``) and shown as a tooltip.
        description: a longer text alternative (``<desc>``).

    Returns:
        Markup safe to put straight in a template; every label is escaped.
    """
    value_width = 60
    plot_width = max(width - label_width - value_width, 40)
    height = max(len(bars), 1) * (bar_height + gap) + gap
    largest = max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description or title)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        length = round(plot_width * bar.value / largest) if bar.value > 0 else 0
        text_y = y + bar_height / 2
        shown = bar.display or str(bar.value)
        # A bar whose number is withheld is drawn pale: its length is not a count.
        rect_class = "bar-rect bar-withheld" if bar.display else "bar-rect"
        parts.append(
            f'<g class="bar"><text x="{label_width - 8}" y="{text_y}" text-anchor="end" '
            f'dominant-baseline="middle" class="bar-label">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" height="{bar_height}" '
            f'rx="4" class="{rect_class}">'
            f"<title>{escape(bar.label)}: {escape(shown)}</title></rect>"
            f'<text x="{label_width + max(length, 2) + 6}" y="{text_y}" '
            f'dominant-baseline="middle" class="bar-value">{escape(shown)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every interpolated text is escaped above


def suppress_small(value: int, *, minimum: int) -> str:
    """A count for public figures: below ``minimum`` it reads "<minimum"."""
    if 0 < value < minimum:
        return f"<{minimum}"
    return str(value)
