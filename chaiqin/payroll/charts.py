"""Bar charts drawn on the server as inline SVG (no script, no library): labels are escaped
text, so a unit or leave name prints as itself."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def bar_chart(bars: list[tuple[str, float]], *, unit: str, title: str, width: int = 560) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest; empty when no value."""
    bars = [(label, float(value)) for label, value in bars if value]
    if not bars:
        return mark_safe("")
    top = max(v for _l, v in bars)
    row, label_w, pad = 26, 130, 60
    height = row * len(bars) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {width} {height}" class="chart" width="100%">',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    span = width - label_w - pad
    for i, (label, value) in enumerate(bars):
        y = 28 + i * row
        w = max(1.0, span * value / top)
        shown = f"{value:,.1f}".rstrip("0").rstrip(".")
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(label[:10])}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="#3a6ea5"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12">{shown} {escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
