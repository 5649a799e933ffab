"""Who decides for a decider who is away (代理簽核).

A decider may name a delegate for a period (a Delegation row). Without one, while the decider is
away on an approved form that names an agent (a leave request's 職務代理人), the steps waiting for
them go to that agent. The forms that name agents register an `AwayProvider` in their
AppConfig.ready (the leave app does); the workflow does not know their models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from .models import Delegation

# agent id, moment -> ids of the people away at that moment on an approved form naming that agent
AwayProvider = Callable[[int, datetime], set[int]]
_PROVIDERS: list[AwayProvider] = []


def register_away_provider(provider: AwayProvider) -> None:
    _PROVIDERS.append(provider)


def acting_for(person_id: int, at: datetime) -> set[int]:
    """The deciders whose waiting steps `person_id` may decide at `at`.

    Their named delegate: everyone whose Delegation to them covers `at`. Their agent: everyone
    away on an approved form naming them as agent, unless that person named a delegate (anyone)
    for `at`. Two queries, plus one per provider.
    """
    named = set(Delegation.objects.filter(delegate_id=person_id, start__lte=at, end__gte=at)
                .values_list("person_id", flat=True))
    away: set[int] = set()
    for provider in _PROVIDERS:
        away |= provider(person_id, at)
    away.discard(person_id)
    if away:
        away -= set(Delegation.objects.filter(person_id__in=away, start__lte=at, end__gte=at)
                    .values_list("person_id", flat=True))
    return named | away
