"""The one shape of a refused action, for every app (STYLE.md habit 5).

A service raises ChaiqinError with a Chinese message naming the rule and, where the law is
the reason, its citation. Views turn it into a page message, the API into a 400/409 body.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from chaiqin.rules.errors import RuleInputError

P = ParamSpec("P")
R = TypeVar("R")


class ChaiqinError(Exception):
    """A domain refusal: `message` (Chinese), optional `citation` (e.g. 勞動基準法第38條), `field`."""

    def __init__(self, message: str, *, citation: str = "", field: str | None = None, code: str = ""):
        super().__init__(message)
        self.message = message
        self.citation = citation
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return f"{self.message}（{self.citation}）" if self.citation else self.message


def refuses_rule_input(service: Callable[P, R]) -> Callable[P, R]:
    """A service's boundary: a `RuleInputError` from the rules leaves it as a `ChaiqinError`.

    Pages and the API then catch one type only (`web.refusals.attempt`, the API's handler).
    The rules' message is already Chinese and names what is wrong; it is kept word for word.
    """

    @functools.wraps(service)
    def bounded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except RuleInputError as exc:
            raise ChaiqinError(str(exc), code="rule") from exc

    return bounded
