"""The DGPA's yearly gender-friendly survey (法定性別友善事項) and its achievement rate, seed 004.

The items of a year live in `rules/data/survey_<ROC year>.toml` (115 = 2026); next year's
survey is a new file, nothing here changes. Year 115 (行政院人事行政總處115年2月26日
總處綜字第11510004101號書函) has 19 items; its 檢核表 notes say:

- 說明一: for items 1–4 and 16 the headcount (受僱總人數) is taken on 115-09-01 and includes
  staff, teachers, contract staff, workers, drivers, guards, temporary staff and people on
  leave without pay. Items 1 and 2 apply from 10 employees (10–29: a complaint channel;
  30+: full prevention, complaint and discipline rules), 16 from 30, 3 and 4 from 100
  (性別平等工作法第13條、第19條、第23條).
- 說明二: 達成率 = agencies that completed the items / all agencies (the supervising agency
  and the agencies under it) × 100%.
- 說明三: items 15 and 16 are reverse items: answering 否 completes them. For the other
  items 是 completes and 依法無須辦理 counts as completed.

Decisions, stated so they can be challenged:
- An agency is completed when every item of the year is completed. An item missing from
  an agency's answers (or answered None) is NOT completed: the 檢核表 asks every row, and
  依法無須辦理 is the explicit answer for an item that does not apply at the agency's size,
  so a blank is an unfinished survey, not an exemption.
- For the reverse items only 否 completes, as 說明三 says; 依法無須辦理 on item 15 or 16 is
  therefore not completed (an agency under 30 people that never refused reduced hours
  answers 否 to item 16). Flag this to the DGPA reading if an agency disputes it.
- A year may be given as ROC (115) or Gregorian (2026). Functions whose fixed signature
  has no year (`survey_item_completed`, `achievement_rate`) use the newest survey on file
  unless `year=` is passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from decimal import ROUND_HALF_UP, Decimal

from ._tables import DATA_DIR, load_table
from .errors import RuleInputError

__all__ = [
    "ANSWER_YES",
    "ANSWER_NO",
    "ANSWER_NOT_REQUIRED",
    "SurveyTier",
    "SurveyItem",
    "Survey",
    "Achievement",
    "survey_years",
    "survey_info",
    "survey_items",
    "survey_item_completed",
    "survey_required_items",
    "survey_achievement",
    "achievement_rate",
]

ANSWER_YES = "是"
ANSWER_NO = "否"
ANSWER_NOT_REQUIRED = "依法無須辦理"
_ANSWERS = (ANSWER_YES, ANSWER_NO, ANSWER_NOT_REQUIRED)

_ROC_OFFSET = 1911


@dataclass(frozen=True)
class SurveyTier:
    """What an item requires from `from_headcount` to `to_headcount` (None: no upper end)."""

    from_headcount: int
    to_headcount: int | None
    requirement: str


@dataclass(frozen=True)
class SurveyItem:
    """One item of a year's survey.

    `title` is the 調查項目 text, `citation` the abbreviated legal basis, `basis` the
    說明／法令依據 text as the DGPA quotes it. `reverse`: 否 completes it. `min_headcount`:
    the item applies only from that many employees (None: always). `change`: "new" or
    "amended" against the previous year's survey, else None.
    """

    year: int
    number: int
    title: str
    citation: str
    basis: str
    reverse: bool
    min_headcount: int | None = None
    tiers: tuple[SurveyTier, ...] = ()
    change: str | None = None

    def applies_at(self, headcount: int) -> bool:
        """True if the item applies to an agency of `headcount` employees."""
        return self.min_headcount is None or headcount >= self.min_headcount

    def requirement_at(self, headcount: int) -> str | None:
        """The tier's requirement at `headcount` (items 1 and 2), or None without tiers."""
        for tier in self.tiers:
            if headcount >= tier.from_headcount and (
                tier.to_headcount is None or headcount <= tier.to_headcount
            ):
                return tier.requirement
        return None


@dataclass(frozen=True)
class Survey:
    """A year's survey: its items and the notes of its 檢核表."""

    year: int
    title: str
    issued_by: str
    reference: str
    report_from: date
    report_to: date
    headcount_date: date
    headcount_items: frozenset[int]
    headcount_includes: tuple[str, ...]
    headcount_citation: str
    achievement_citation: str
    items: tuple[SurveyItem, ...]


@dataclass(frozen=True)
class Achievement:
    """The achievement rate of a supervising agency and those under it.

    `rate` is a percent with 2 decimals (ROUND_HALF_UP); `incomplete` maps each agency not
    completed to the item numbers it has not completed (missing answers included).
    """

    year: int
    total: int
    completed: int
    rate: Decimal
    incomplete: dict[str, list[int]]
    citation: str


def _roc_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year < 1:
        raise RuleInputError(f"調查年度必須是民國或西元年（整數），收到 {year!r}。")
    return year - _ROC_OFFSET if year > _ROC_OFFSET else year


def survey_years() -> list[int]:
    """The ROC years that have a gender-friendly survey on file (seed 004: 115), oldest first."""
    years = []
    for path in DATA_DIR.glob("survey_*.toml"):
        suffix = path.stem.removeprefix("survey_")
        if suffix.isdigit():
            years.append(int(suffix))
    return sorted(years)


def _latest_year() -> int:
    years = survey_years()
    if not years:  # pragma: no cover - the package ships at least year 115
        raise RuleInputError("沒有任何年度的法定性別友善事項調查資料。")
    return years[-1]


def survey_info(year: int) -> Survey:
    """The survey of `year` (ROC or Gregorian): items and the 檢核表 notes (seed 004).

    RuleInputError for a year with no survey on file.
    """
    return _survey(_roc_year(year))


@cache
def _survey(roc: int) -> Survey:
    # Cached: the result is immutable, and achievement_rate asks for it once per answer.
    try:
        data = load_table(f"survey_{roc}")
    except FileNotFoundError:
        on_file = "、".join(str(y) for y in survey_years()) or "無"
        raise RuleInputError(
            f"沒有民國 {roc} 年度的法定性別友善事項調查資料（現有年度：{on_file}）。"
        ) from None
    meta = data["survey"]
    items = tuple(
        SurveyItem(
            year=roc, number=row["number"], title=row["title"], citation=row["citation"],
            basis=row["basis"], reverse=row["reverse"], min_headcount=row.get("min_headcount"),
            tiers=tuple(SurveyTier(t["from"], t.get("to"), t["requirement"])
                        for t in row.get("tiers", ())),
            change=row.get("change"),
        )
        for row in sorted(data["items"], key=lambda r: r["number"])
    )
    return Survey(
        year=roc, title=meta["title"], issued_by=meta["issued_by"], reference=meta["reference"],
        report_from=meta["report_from"], report_to=meta["report_to"],
        headcount_date=data["headcount"]["date"],
        headcount_items=frozenset(data["headcount"]["items"]),
        headcount_includes=tuple(data["headcount"]["includes"]),
        headcount_citation=data["headcount"]["citation"],
        achievement_citation=data["achievement"]["citation"],
        items=items,
    )


def survey_items(year: int) -> list[SurveyItem]:
    """The items of the survey of `year` (ROC 115 or 2026), in number order.

    Seed 004 (year 115): 19 items, each with its 法令依據; 15 and 16 reverse. RuleInputError
    for a year with no survey on file.
    """
    return list(survey_info(year).items)


def _item(number: object, year: int) -> SurveyItem:
    if isinstance(number, bool) or not isinstance(number, int):
        raise RuleInputError(f"調查項目編號必須是整數，收到 {number!r}。")
    for item in survey_info(year).items:
        if item.number == number:
            return item
    raise RuleInputError(f"民國 {_roc_year(year)} 年度調查沒有編號 {number} 的項目。")


def _check_answer(answer: object, number: int) -> str:
    if not isinstance(answer, str) or answer.strip() not in _ANSWERS:
        raise RuleInputError(
            f"第 {number} 項的填答「{answer}」無效：只接受「是」、「否」、「依法無須辦理」。"
        )
    return answer.strip()


def survey_item_completed(number: int, answer: str, *, year: int | None = None) -> bool:
    """Whether `answer` to item `number` counts as completed (已完成).

    Seed 004 檢核表說明三: for the reverse items (15, 16 in year 115) only 否 is completed;
    for the others 是 is completed and 依法無須辦理 is treated as completed. `year` defaults
    to the newest survey on file. RuleInputError for an answer other than 是, 否,
    依法無須辦理, or an item number the survey does not have.
    """
    item = _item(number, _latest_year() if year is None else year)
    answer = _check_answer(answer, item.number)
    if item.reverse:
        return answer == ANSWER_NO
    return answer in (ANSWER_YES, ANSWER_NOT_REQUIRED)


def survey_required_items(year: int, headcount: int) -> set[int]:
    """The item numbers that apply to an agency of `headcount` employees.

    Seed 004 (year 115, 說明一): items 1 and 2 from 10 employees (性別平等工作法第13條第1項),
    16 from 30 (第19條第1項), 3 and 4 from 100 (第23條第1項); every other item always.
    `headcount` is counted on the survey's headcount date (115-09-01) and includes staff,
    teachers, contract staff, workers, drivers, guards, temporary staff and people on leave
    without pay. RuleInputError for a negative or non-integer headcount.
    """
    if isinstance(headcount, bool) or not isinstance(headcount, int) or headcount < 0:
        raise RuleInputError(f"受僱總人數必須是非負整數，收到 {headcount!r}。")
    return {item.number for item in survey_items(year) if item.applies_at(headcount)}


def survey_achievement(
    agencies: Mapping[str, Mapping[int, str]], *, year: int | None = None
) -> Achievement:
    """The achievement rate with its counts and each incomplete agency's open items.

    Seed 004 檢核表說明二: 達成率 = completed agencies / all agencies × 100%, here a Decimal
    percent with 2 decimals, ROUND_HALF_UP. An agency is completed when every item of the
    year is completed (說明三 decides each answer); a missing or None answer is not
    completed (see the module docstring). RuleInputError for no agencies, an item number
    the survey lacks, or an invalid answer.
    """
    survey = survey_info(_latest_year() if year is None else year)
    if not isinstance(agencies, Mapping) or not agencies:
        raise RuleInputError("至少須有一個機關的填報資料，才能計算達成率。")
    numbers = [item.number for item in survey.items]
    incomplete: dict[str, list[int]] = {}
    for agency, answers in agencies.items():
        if not isinstance(answers, Mapping):
            raise RuleInputError(f"機關「{agency}」的填報資料須為「項目編號→填答」。")
        unknown = [n for n in answers if n not in numbers]
        if unknown:
            raise RuleInputError(
                f"機關「{agency}」填報了民國 {survey.year} 年度調查沒有的項目：{unknown}。"
            )
        open_items = [
            n for n in numbers
            if answers.get(n) is None
            or not survey_item_completed(n, answers[n], year=survey.year)
        ]
        if open_items:
            incomplete[str(agency)] = open_items
    total = len(agencies)
    completed = total - len(incomplete)
    rate = (Decimal(completed) * 100 / Decimal(total)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return Achievement(year=survey.year, total=total, completed=completed, rate=rate,
                       incomplete=incomplete, citation=survey.achievement_citation)


def achievement_rate(
    agencies: dict[str, dict[int, str]], *, year: int | None = None
) -> Decimal:
    """The 法定性別友善事項達成率 in percent, 2 decimals: 5 agencies, 3 completed → 60.00.

    Seed 004 檢核表說明二、說明三; see `survey_achievement` for the counts, the edge cases
    and the agencies still open.
    """
    return survey_achievement(agencies, year=year).rate
