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
        shown = _number(value)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(label[:10])}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="#3a6ea5"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12">{shown} {escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def chart_with_table(bars: list[tuple[str, float]], *, unit: str, title: str, caption: str = "",
                     width: int = 340) -> SafeString:
    """`bar_chart` in a figure followed by the same figures as a table (for screen readers and for
    reading exact values), or a line saying there is nothing to chart. The narrower drawing keeps
    its text legible in a dashboard column or on a phone."""
    shown = [(label, float(value)) for label, value in bars if value]
    if not shown:
        return mark_safe(f'<figure class="chart-figure" style="margin:0"><figcaption>{escape(title)}</figcaption>'
                         f'<p class="muted">{escape(caption or "本期間尚無資料。")}</p></figure>')
    rows = "".join(f"<tr><td>{escape(label)}</td><td>{_number(value)} {escape(unit)}</td></tr>" for label, value in shown)
    return mark_safe(f'<figure class="chart-figure" style="margin:0">{bar_chart(shown, unit=unit, title=title, width=width)}'
                     f'<details><summary>以表格檢視：{escape(title)}</summary><div style="overflow-x:auto">'
                     f'<table class="list"><thead><tr><th scope="col">項目</th><th scope="col">數值</th></tr></thead>'
                     f'<tbody>{rows}</tbody></table></div></details></figure>')
