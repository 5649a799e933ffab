"""The trips app's data (trips/data/trips.toml) read once, and the pure decisions built on it:
what a trip kind pays, the default school breaks, the principal's notification route, and
what an uploaded file really is. No database here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from chaiqin.errors import ChaiqinError

DATA = Path(__file__).parent / "data" / "trips.toml"


@lru_cache(maxsize=1)
def table() -> dict:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class TripKind:
    code: str
    name: str
    form: str
    nature: str
    pays: tuple[str, ...]
    claim_sheet: bool
    citation: str

    def pays_item(self, item: str) -> bool:
        return item in self.pays

    @property
    def miscellaneous(self) -> bool:
        return "miscellaneous" in self.pays


def trip_kind(code: str) -> TripKind:
    row = table()["kinds"].get(code)
    if row is None:
        raise ChaiqinError(f"未知的公差性質「{code}」：請選擇公務出差、研習出差或公出。", field="nature")
    return TripKind(code, row["name"], row["form"], row["nature"], tuple(row["pays"]), row["claim_sheet"], row["citation"])


def trip_kinds() -> list[TripKind]:
    return [trip_kind(code) for code in table()["kinds"]]


def item_label(item: str) -> str:
    return table()["items"][item]


def expense_items(code: str) -> list[dict]:
    """Each expense item with whether this trip kind may claim it: [{item, label, paid}]."""
    kind = trip_kind(code)
    return [{"item": item, "label": label, "paid": kind.pays_item(item)} for item, label in table()["items"].items()]


# --- school breaks -------------------------------------------------------------------------

def default_breaks(school_year: int) -> dict[str, tuple[date, date]]:
    """The default winter and summer break of ROC school year `school_year` (8/1 to 7/31).

    Winter falls in the calendar year school_year + 1912 (Jan–Feb), summer at its end (Jul–Aug).
    """
    b = table()["breaks"]
    year = school_year + 1912
    return {
        "winter": (date(year, *b["winter_start"]), date(year, *b["winter_end"])),
        "summer": (date(year, *b["summer_start"]), date(year, *b["summer_end"])),
    }


def break_citation() -> str:
    return table()["breaks"]["citation"]


# --- the principal's outbound notification ---------------------------------------------------

@dataclass(frozen=True)
class NoticeRoute:
    code: str  # "letter_and_email", "email", "budget_review"
    label: str
    citation: str

    @property
    def notify(self) -> bool:
        return self.code != "budget_review"


def principal_notice_route(destination: str, start: date) -> NoticeRoute:
    """How the personnel office notifies the K-12 Administration of a principal's trip (seed 002).

    mainland / hkmo: always a formal letter and e-mail; elsewhere: e-mail, except when the trip
    starts during the legislature's budget review (September to December), when this e-mail
    route does not apply (the trip is reported for approval under 處理要點第5點 instead).
    """
    notice = table()["principal_notice"]
    if destination in ("mainland", "hkmo"):
        code = "letter_and_email"
    elif start.month in notice["budget_review_months"]:
        code = "budget_review"
    else:
        code = "email"
    return NoticeRoute(code, notice["routes"][code]["label"], notice["citation"])


def notice_contact() -> dict:
    notice = table()["principal_notice"]
    return {"recipient": notice["recipient"], "email": notice["email"], "phone": notice["phone"]}


def mainland() -> dict:
    return table()["mainland"]


# --- attachments -----------------------------------------------------------------------------
# One upload check for every form: chaiqin/uploads.py.

from chaiqin.uploads import max_bytes as max_attachment_bytes  # noqa: E402,F401


def sniff(data: bytes, name: str = "") -> str:
    """The content type of an upload judged by its first bytes (see chaiqin.uploads.sniff)."""
    from chaiqin.uploads import sniff as _sniff

    return _sniff(data, name, field="attachment")
