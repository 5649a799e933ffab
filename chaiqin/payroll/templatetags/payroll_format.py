"""Money and hours as the payroll sheets print them: 「1,234.50」, 「3.50」 hours."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    return "" if value is None else f"{Decimal(value):,.2f}"


@register.filter
def as_hours(minutes) -> str:
    minutes = minutes or 0
    return f"{Decimal(minutes) / 60:.2f}" if minutes else "—"


@register.filter
def kind_hours(minutes_by_kind, kind) -> str:
    return as_hours(minutes_by_kind.get(kind, 0))
