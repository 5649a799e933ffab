"""Template filters that show dates the way people in Taiwan read them.

    {% load roc %}
    {{ leave.start|roc }}          → 115-03-09
    {{ leave.start|roc_long }}     → 民國115年3月9日（一）
    {{ leave.start|weekday_zh }}   → 一
    {{ punch.at|roc_datetime }}    → 115-03-09 08:00
    {{ leave.minutes|dhm }}        → 2日4時 (days of 8 hours, chaiqin.durations.format_minutes)
    {{ slot.minutes|hm }}          → 3時30分 (overtime hours, chaiqin.durations.format_hours)
    {{ first|roc_year }}           → 民國115年
    {{ cap.citation|own_words:agency }} → 本府同仁懷孕…規範第3點 (a rule the agency sets itself)

Aware datetimes are shown in Asia/Taipei. Empty values (None, "") show as "" so a template
need not guard them; a value that is not a date is shown unchanged.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from chaiqin import dates, durations
from chaiqin.org.wording import in_own_words

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime):
        return value.astimezone(dates.TAIPEI).date() if value.tzinfo else value.date()
    return value


@register.filter
def roc(value):
    """`115-03-09`."""
    value = _as_date(value)
    return dates.format_roc(value) if isinstance(value, date) else (value if value is not None else "")


@register.filter
def roc_long(value):
    """`民國115年3月9日（一）`."""
    value = _as_date(value)
    return dates.format_roc_long(value) if isinstance(value, date) else (value if value is not None else "")


@register.filter
def weekday_zh(value):
    """`一` … `日`."""
    value = _as_date(value)
    return dates.weekday_zh(value) if isinstance(value, date) else ""


@register.filter
def roc_datetime(value):
    """`115-03-09 08:00` (Asia/Taipei)."""
    if isinstance(value, datetime):
        return dates.format_roc_datetime(value)
    return roc(value)


@register.filter
def roc_year(value):
    """`民國115年` for a date or a Gregorian year number."""
    year = value.year if isinstance(value, date) else value
    try:
        return f"民國{int(year) - 1911}年"
    except (TypeError, ValueError):
        return value if value is not None else ""


@register.filter
def dhm(minutes):
    """Minutes as days of 8 hours and hours (`2日4時`); '' for None or ''."""
    return "" if minutes is None or minutes == "" else durations.format_minutes(int(minutes))


@register.filter
def hm(minutes):
    """Minutes as hours and minutes (`3時30分`); '' for None or ''."""
    return "" if minutes is None or minutes == "" else durations.format_hours(int(minutes))


@register.filter
def own_words(text, agency):
    """A citation of a rule the agency sets itself (「本機關…」) in the agency's own word."""
    if not text or agency is None:
        return text or ""
    return in_own_words(str(text), agency)
