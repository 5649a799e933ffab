"""The parental-protection figures this app uses, read from `chaiqin.rules` (rules/data/protection.toml).

Kept as module constants because the services and selectors read them by these names; the
numbers and citations themselves live only in the rules engine.
"""

from __future__ import annotations

from chaiqin import rules
from chaiqin.rules.leave import add_months as months_later  # noqa: F401 - the name the services use

_F = rules.protection_figures()

LACTATION_CHILD_MONTHS = _F.lactation_child_months
LACTATION_DAILY_MINUTES = _F.lactation_daily_minutes
LACTATION_OVERTIME_THRESHOLD_MINUTES = _F.lactation_overtime_threshold_minutes
LACTATION_OVERTIME_EXTRA_MINUTES = _F.lactation_overtime_extra_minutes
LACTATION_CITATION = _F.lactation_citation

CHILDCARE_CHILD_MONTHS = _F.childcare_child_months
CHILDCARE_REDUCE_MINUTES = _F.childcare_reduce_minutes
CHILDCARE_CITATION = _F.childcare_citation
NO_REFUSAL_CITATION = _F.no_refusal_citation

NIGHT_CITATION = _F.night_citation

lactation_minutes = rules.lactation_minutes
