from django import template

from chaiqin.leave.ledger import format_minutes

register = template.Library()


@register.filter
def dhm(minutes):
    """Minutes as days and hours of 8 h (`2日4時`); '' for None."""
    return "" if minutes is None or minutes == "" else format_minutes(int(minutes))
