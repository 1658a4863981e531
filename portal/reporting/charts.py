"""Server-drawn SVG charts: no JavaScript, no network, readable on a closed network.

Each function takes plain numbers and returns SVG markup marked safe; every
label is escaped. Every chart on a page has its table beside it, so the
charts carry a title for screen readers and nothing that is not in the table.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.core.formatting import format_number, format_percent

BAR = "#0f5c4d"
SECOND = "#c77d1a"
TARGET = "#a3122a"
INK = "#1b2a2f"
GRID = "#d9ddd8"


def _fmt(value: float, percent: bool) -> str:
    return format_percent(value, 1) if percent else format_number(value)


def bar_chart_svg(
    items: list[tuple[str, float]],
    *,
    title: str,
    percent: bool = False,
    width: int = 560,
    max_items: int = 20,
) -> SafeString:
    """Horizontal bars, one per (label, value), largest scale at the widest bar.

    Args:
        items: (label, value) pairs, drawn in the order given.
        title: the accessible title of the chart.
        percent: values are percentages (the scale runs to 100).
        max_items: draw at most this many bars (the table beside it has them all).
    """
    items = items[:max_items]
    row_h, label_w, pad = 26, 170, 8
    height = max(1, len(items)) * row_h + 2 * pad
    top = 100.0 if percent else max([v for _label, v in items] + [1])
    bar_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        w = 0 if top == 0 else max(0.0, value) / top * bar_w
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{BAR}" rx="2"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 17}" font-size="12" '
            f'fill="{INK}">{escape(_fmt(value, percent))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every interpolated label is escaped


def shares_by_year_svg(
    rows: list[tuple[int, float | None, float | None]],
    *,
    title: str,
    first_label: str,
    second_label: str,
    first_target: dict[int, float] | None = None,
    second_target: dict[int, float] | None = None,
    target_label: str = "",
    width: int = 560,
) -> SafeString:
    """Two bars per year (e.g. share of women, share of youth), 0 to 100 %, with target ticks.

    Args:
        rows: (year, first share, second share); a None share draws no bar.
        first_target, second_target: year → target percent, drawn as a red tick.
    """
    first_target = first_target or {}
    second_target = second_target or {}
    height, left, bottom, top_pad = 240, 40, 40, 24
    plot_h = height - bottom - top_pad
    n = max(1, len(rows))
    slot = (width - left - 10) / n
    bar = min(34.0, slot / 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for pct in (0, 25, 50, 75, 100):
        y = top_pad + plot_h * (1 - pct / 100)
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{pct}</text>'
        )
    for i, (year, first, second) in enumerate(rows):
        x0 = left + i * slot + (slot - 2 * bar) / 2
        for j, (value, colour, targets) in enumerate(
            ((first, BAR, first_target), (second, SECOND, second_target))
        ):
            x = x0 + j * bar
            if value is not None:
                h = plot_h * min(100.0, max(0.0, value)) / 100
                parts.append(
                    f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar - 2:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>'
                    f'<text x="{x + bar / 2 - 1:.1f}" y="{top_pad + plot_h - h - 4:.1f}" '
                    f'text-anchor="middle" font-size="10" fill="{INK}">{value:.0f}</text>'
                )
            if year in targets:
                ty = top_pad + plot_h * (1 - float(targets[year]) / 100)
                parts.append(
                    f'<line x1="{x - 2:.1f}" x2="{x + bar:.1f}" y1="{ty:.1f}" y2="{ty:.1f}" '
                    f'stroke="{TARGET}" stroke-width="3"/>'
                )
        parts.append(
            f'<text x="{x0 + bar:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{year}</text>'
        )
    ly = height - 10
    parts.append(
        f'<rect x="{left}" y="{ly - 10}" width="12" height="12" fill="{BAR}"/>'
        f'<text x="{left + 16}" y="{ly}" font-size="12" fill="{INK}">{escape(first_label)}</text>'
        f'<rect x="{left + 150}" y="{ly - 10}" width="12" height="12" fill="{SECOND}"/>'
        f'<text x="{left + 166}" y="{ly}" font-size="12" fill="{INK}">{escape(second_label)}</text>'
        f'<line x1="{left + 300}" x2="{left + 318}" y1="{ly - 4}" y2="{ly - 4}" '
        f'stroke="{TARGET}" stroke-width="3"/>'
        f'<text x="{left + 322}" y="{ly}" font-size="12" fill="{INK}">{escape(target_label)}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every interpolated label is escaped
