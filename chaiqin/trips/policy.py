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

_SIGNATURES = (
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
)


def max_attachment_bytes() -> int:
    return table()["attachments"]["max_bytes"]


def sniff(data: bytes, name: str = "") -> str:
    """The content type of an upload judged by its first bytes, not its name.

    Raises ChaiqinError for an empty file, a file over the size limit, or anything that is
    not a PDF, JPEG or PNG (a renamed .exe or .docx is refused whatever its extension).
    """
    shown = f"「{name}」" if name else ""
    if not data:
        raise ChaiqinError(f"附件{shown}是空的檔案，請重新選擇。", field="attachment")
    limit = max_attachment_bytes()
    if len(data) > limit:
        raise ChaiqinError(f"附件{shown}超過 {limit // (1024 * 1024)} MB 上限，請壓縮後再上傳。", field="attachment")
    for magic, content_type, _ in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    raise ChaiqinError(f"附件{shown}不是 PDF、JPEG 或 PNG 檔（依檔案內容判斷），請改以這三種格式上傳。", field="attachment")
