"""Business trips (出差, 公出) and travel abroad: what a trip kind may claim, the principal's
outbound notification, the mainland return report and the default school breaks.

Sources, encoded in `rules/data/trips.toml`:

- 國內出差旅費報支要點第3點: travel expenses are 交通費, 住宿費 and 雜費; the 「公務出差、研習出差與
  公假之區別暨認定原則說明簡表」: 研習出差 claims no 雜費, 公出 and 公假 claim no travel expenses
  (公假 may claim the return fare where a rule says so) (`trip_kind`, `trip_expense_items`).
- 前教育部中部辦公室99年8月13日教中(人)字第0990513754號書函 and 教育部及所屬機關學校因公派員出國案件
  處理要點第5點: a principal's trip to the mainland, Hong Kong or Macao is notified by letter and
  e-mail all year; elsewhere by e-mail, except during the legislature's budget review
  (September to December), when the trip is reported for approval instead (`principal_notice_route`).
- 臺灣地區與大陸地區人民關係條例第9條: the mainland application and the return report, due a
  number of days after the return that the agency practises (`mainland_rules`).
- The default winter and summer breaks when the school has set none (`default_school_breaks`).

Pure functions: dates in, frozen dataclasses out; an unknown trip kind is a RuleInputError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ._tables import load_table, rows_in_force
from .errors import RuleInputError

__all__ = [
    "TripKind",
    "NoticeRoute",
    "MainlandRules",
    "trip_kind",
    "trip_kinds",
    "trip_expense_items",
    "principal_notice_route",
    "principal_notice_contact",
    "mainland_rules",
    "default_school_breaks",
]


@dataclass(frozen=True)
class TripKind:
    """A kind of trip: its Chinese `name`, the `form` it is filed on, the `nature` recorded,
    the expense items it `pays` (of 交通費/住宿費/雜費) and whether it has a claim sheet."""

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


@dataclass(frozen=True)
class NoticeRoute:
    """How a principal's trip abroad is notified: `letter_and_email`, `email` or `budget_review`."""

    code: str
    label: str
    citation: str

    @property
    def notify(self) -> bool:
        return self.code != "budget_review"


@dataclass(frozen=True)
class MainlandRules:
    """The mainland return report's due days after the return, and the forms' citations."""

    return_report_due_days: int
    return_report_citation: str
    form_citation: str
    hkmo_citation: str


def _table() -> dict:
    return load_table("trips")


def _kind_rows(on: date) -> list[dict]:
    return rows_in_force(_table()["kinds"], on, what="公差性質")


def trip_kinds(on: date) -> list[TripKind]:
    """Every trip kind in force on `on`, in the table's order (公務出差, 研習出差, 公出, 公假)."""
    return [_kind(row) for row in _kind_rows(on)]


def _kind(row: dict) -> TripKind:
    return TripKind(row["code"], row["name"], row["form"], row["nature"], tuple(row["pays"]), row["claim_sheet"],
                    row["citation"])


def trip_kind(code: str, on: date) -> TripKind:
    """The trip kind `code` in force on `on`; RuleInputError (Chinese) for an unknown code."""
    for row in _kind_rows(on):
        if row["code"] == code:
            return _kind(row)
    names = "、".join(row["name"] for row in _kind_rows(on))
    raise RuleInputError(f"未知的公差性質「{code}」：請選擇{names}。")


def trip_expense_items(code: str, on: date) -> list[dict]:
    """Each expense item with whether trip kind `code` may claim it: [{item, label, paid}]."""
    kind = trip_kind(code, on)
    return [{"item": item, "label": label, "paid": kind.pays_item(item)} for item, label in _table()["items"].items()]


def _notice(on: date) -> dict:
    return rows_in_force(_table()["principal_notice"], on, what="校長出境案件通報")[-1]


def principal_notice_route(destination: str, start: date) -> NoticeRoute:
    """How the personnel office notifies the K-12 Administration of a principal's trip that
    starts on `start`: mainland / hkmo always by letter and e-mail; elsewhere by e-mail,
    except in the budget-review months, when the trip is reported for approval instead."""
    notice = _notice(start)
    if destination in ("mainland", "hkmo"):
        code = "letter_and_email"
    elif start.month in notice["budget_review_months"]:
        code = "budget_review"
    else:
        code = "email"
    return NoticeRoute(code, notice["routes"][code]["label"], notice["citation"])


def principal_notice_contact(on: date) -> dict:
    """Where the notification goes: {recipient, email, phone}, as the form prints them."""
    notice = _notice(on)
    return {"recipient": notice["recipient"], "email": notice["email"], "phone": notice["phone"]}


def mainland_rules(on: date) -> MainlandRules:
    row = rows_in_force(_table()["mainland"], on, what="赴大陸地區申請")[-1]
    return MainlandRules(row["return_report_due_days"], row["return_report_citation"], row["form_citation"],
                         row["hkmo_citation"])


def default_school_breaks(school_year: int) -> tuple[dict[str, tuple[date, date]], str]:
    """The default winter and summer break of ROC school year `school_year` (8/1 to 7/31), and
    the citation: winter in the calendar year school_year + 1912 (Jan–Feb), summer at its end."""
    year = school_year + 1912
    b = rows_in_force(_table()["breaks"], date(year, 1, 1), what="寒暑假預設期間")[-1]
    return ({"winter": (date(year, *b["winter_start"]), date(year, *b["winter_end"])),
             "summer": (date(year, *b["summer_start"]), date(year, *b["summer_end"]))}, b["citation"])
