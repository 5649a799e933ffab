"""The API's parser of JSON bodies and query strings: every date in them must lie in 1950–2100.

The API's schemas type many fields as `date` or `datetime` (pydantic reads `9999-12-31`
happily, and a computation that adds a day to it then crashes with OverflowError). Rather than
a validator on each of those fields, in every app, the parser refuses, before any schema sees
it, any value that is written as an ISO date or date-time and falls outside the range of
chaiqin.dates.check_in_range: every operation, today's and tomorrow's, inherits the bound. A text
that merely contains a date is left alone; only a whole value shaped like one is checked.
"""

from __future__ import annotations

import json
import re
from datetime import date

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from chaiqin.apierrors import field_label
from chaiqin.dates import DateInputError, check_in_range
from chaiqin.errors import ChaiqinError

_ISO = re.compile(r"^\s*([+-]?\d{4,})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def _check(value, field: str) -> None:
    if isinstance(value, str):
        m = _ISO.match(value)
        if m is None:
            return
        year, month, day = (int(g) for g in m.groups())
        try:
            check_in_range(date(year, month, day), value.strip())
        except ValueError as exc:  # DateInputError, or a year/month/day no date has
            message = str(exc) if isinstance(exc, DateInputError) else f"日期「{value.strip()}」不存在。"
            raise ChaiqinError(f"{field_label(field)}：{message}" if field else message, field=field) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(item, str(key))
    elif isinstance(value, list):
        for item in value:
            _check(item, field)


class BoundedDatesParser(Parser):
    """Ninja's parser, with every date of the body and the query checked (module docstring)."""

    def parse_body(self, request: HttpRequest):
        data = json.loads(request.body)
        _check(data, "")
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest):
        result = super().parse_querydict(data, list_fields, request)
        _check(result, "")
        return result
