"""Work from home during one's own or one's spouse's pregnancy (居家辦公), seed 000.

Source: 基隆市政府各機關同仁懷孕或配偶懷孕期間實施居家辦公作業規範 (seed 000), encoded in
`rules/data/wfh.toml`:

- 第3點第1項: at most 2 days a week under 28 completed weeks of pregnancy, 3 days from 28
  to under 36 weeks, 4 days from 36 weeks until delivery (`wfh_weekly_cap`, `wfh_cap`).
- 第3點第2項: staff not on the office calendar or with special work get a reasonable number
  set by the agency with the above as reference (`wfh_flexible_cap`, reason required).
- 第3點第3項 and 第4點: what the approver weighs, as a checklist (`wfh_approval_checklist`).
- 第5點第4款第3目: overtime worked from home is filed by the next working day after it
  ends (`wfh_overtime_filing_deadline`).

Decisions, stated so they can be challenged:
- Gestation is counted in completed weeks from the due date: the due date is 40+0 weeks
  (`gestation_weeks`). The same count serves a pregnant employee and one whose spouse is
  pregnant.
- Over a period, caps are given per calendar week (Monday to Sunday), because the agency
  schedules WFH days by the week in advance (第5點第4款第1目). A week's cap is the one in
  force on its first day inside the period: a band reached mid-week applies from the next
  Monday. This is a reading, not a text: flag it to the personnel office if challenged.
- Seed 000 carries no date of issue, so no `in_force_from` is encoded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ._tables import load_table
from .errors import RuleInputError

__all__ = [
    "WfhCap",
    "WfhWeek",
    "WfhChecklistItem",
    "WfhFilingDeadline",
    "wfh_weekly_cap",
    "wfh_cap",
    "wfh_flexible_cap",
    "gestation_weeks",
    "wfh_weekly_caps",
    "wfh_approval_checklist",
    "wfh_checklist_unmet",
    "wfh_overtime_filing_deadline",
]

# 40 completed weeks on the due date (Naegele's rule, how a 預產期 is computed).
_TERM_DAYS = 280


@dataclass(frozen=True)
class WfhCap:
    """The most WFH days allowed in one week, and why.

    `days` is the cap that applies; `standard_days` the 第3點第1項 cap for the gestation week
    (equal to `days` except for a flexible cap); `reason` is set only for a flexible cap.
    """

    gestation_weeks: int
    days: int
    standard_days: int
    label: str
    citation: str
    flexible: bool = False
    reason: str = ""


@dataclass(frozen=True)
class WfhWeek:
    """One calendar week (clipped to the period asked for) and its WFH cap."""

    start: date
    end: date
    gestation_weeks: int
    days: int
    citation: str


@dataclass(frozen=True)
class WfhChecklistItem:
    """One consideration of the approval (seed 000 第4點), as the WFH form shows it.

    `kind`: "consider" (weighed by the approver), "required" (must hold for approval;
    only when `applies_when` holds if it is set, e.g. "own_device"), "note" (information).
    """

    key: str
    section: str
    kind: str
    text: str
    citation: str
    applies_when: str | None = None
    on_site_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class WfhFilingDeadline:
    """The last day to file overtime worked from home: `due` (the whole day), and why."""

    overtime_end: datetime | date
    due: date
    citation: str


def _table() -> dict:
    return load_table("wfh")


def _check_weeks(weeks: object) -> int:
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise RuleInputError(f"懷孕週數必須是整數（已滿週數），收到 {weeks!r}。")
    limit = _table()["rule"]["max_gestation_weeks"]
    if weeks < 0:
        raise RuleInputError(f"懷孕週數不得為負數，收到 {weeks}。")
    if weeks > limit:
        raise RuleInputError(f"懷孕週數 {weeks} 週不合理（超過 {limit} 週），請確認預產期或週數。")
    return weeks


def _band(weeks: int) -> dict:
    for row in _table()["caps"]:
        if row["from_week"] <= weeks and ("to_week" not in row or weeks < row["to_week"]):
            return row
    raise RuleInputError(f"懷孕週數 {weeks} 週不在居家辦公日數表的任何級距內。")  # pragma: no cover


def wfh_cap(gestation_weeks: int) -> WfhCap:
    """The weekly WFH cap for `gestation_weeks` completed weeks, with its citation.

    居家辦公作業規範第3點第1項 (seed 000): under 28 weeks 2 days; 28 to under 36 weeks 3;
    36 weeks until delivery 4. Negative or absurd weeks (over 45) raise RuleInputError.
    """
    weeks = _check_weeks(gestation_weeks)
    row = _band(weeks)
    return WfhCap(
        gestation_weeks=weeks, days=row["days"], standard_days=row["days"],
        label=row["label"], citation=row["citation"],
    )


def wfh_weekly_cap(gestation_weeks: int) -> int:
    """Days of WFH allowed per week at `gestation_weeks` completed weeks (2, 3 or 4).

    居家辦公作業規範第3點第1項 (seed 000); `wfh_cap` gives the same with its citation.
    """
    return wfh_cap(gestation_weeks).days


def wfh_flexible_cap(gestation_weeks: int, days: int, *, reason: str) -> WfhCap:
    """The agency's own weekly number for staff not on the office calendar or with special work.

    居家辦公作業規範第3點第2項: such staff get a reasonable number set by the agency with the
    第3點第1項 caps as reference. The number may differ from the standard cap (both are
    returned), but only with a written `reason`; it must be a whole number of days from 0
    to 7. RuleInputError on a blank reason or an impossible number.
    """
    standard = wfh_cap(gestation_weeks)
    if not isinstance(reason, str) or not reason.strip():
        raise RuleInputError("彈性排定居家辦公日數須敘明理由（非依辦公日曆表出勤或業務性質特殊之情形）。")
    limit = _table()["rule"]["max_flexible_days"]
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= limit:
        raise RuleInputError(f"彈性排定之居家辦公日數須為 0 至 {limit} 之整數，收到 {days!r}。")
    return WfhCap(
        gestation_weeks=standard.gestation_weeks, days=days, standard_days=standard.days,
        label=standard.label, citation=_table()["flexible"]["citation"], flexible=True,
        reason=reason.strip(),
    )


def _check_date(value: object, what: str) -> date:
    # A datetime is a date subclass; refusing it avoids silently dropping a time of day.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleInputError(f"{what}必須是日期（datetime.date），收到 {value!r}。")
    return value


def gestation_weeks(due_date: date, on: date) -> int:
    """Completed weeks of pregnancy on `on`, counting the due date as 40 weeks + 0 days.

    Used to pick the 居家辦公作業規範第3點第1項 band (seed 000). A due date more than 40 weeks
    after `on` (not yet pregnant) or more than 5 weeks before it (over 45 weeks) raises
    RuleInputError: the dates are wrong, not the pregnancy.
    """
    due_date = _check_date(due_date, "預產期")
    on = _check_date(on, "計算日")
    days = _TERM_DAYS - (due_date - on).days
    if days < 0:
        raise RuleInputError(
            f"預產期 {due_date.isoformat()} 距 {on.isoformat()} 超過40週，尚未懷孕，請確認預產期。"
        )
    weeks = days // 7
    limit = _table()["rule"]["max_gestation_weeks"]
    if weeks > limit:
        raise RuleInputError(
            f"預產期 {due_date.isoformat()} 已過去太久：{on.isoformat()} 將懷孕 {weeks} 週（超過 {limit} 週），請確認預產期或分娩日。"
        )
    return weeks


def wfh_weekly_caps(
    due_date: date, start: date, end: date, *, delivered_on: date | None = None
) -> list[WfhWeek]:
    """The WFH cap of every calendar week from `start` to `end`, ending before delivery.

    居家辦公作業規範第3點第1項 (seed 000): the cap follows the gestation week by itself, so a
    long approval needs no amendment when 28 or 36 weeks is reached; WFH ends at delivery
    (分娩前), so with `delivered_on` the last day is the day before it. Weeks run Monday to
    Sunday, clipped to the period; a week's cap is the one in force on its first day in the
    period (see the module docstring). Returns [] when delivery is on or before `start`.
    RuleInputError if `end` is before `start` or a day of the period is outside 0–45 weeks.
    """
    start = _check_date(start, "起始日")
    end = _check_date(end, "結束日")
    if end < start:
        raise RuleInputError(f"結束日 {end.isoformat()} 早於起始日 {start.isoformat()}。")
    last = end
    if delivered_on is not None:
        delivered_on = _check_date(delivered_on, "分娩日")
        last = min(end, delivered_on - timedelta(days=1))
    if last < start:
        # Delivered before the period: nothing to schedule, whatever the due date said.
        return []
    # Validate the whole period up front so a bad due date fails before any week is built.
    gestation_weeks(due_date, start)
    gestation_weeks(due_date, last)
    weeks: list[WfhWeek] = []
    day = start
    while day <= last:
        week_end = min(last, day + timedelta(days=6 - day.weekday()))
        cap = wfh_cap(gestation_weeks(due_date, day))
        weeks.append(WfhWeek(start=day, end=week_end, gestation_weeks=cap.gestation_weeks,
                             days=cap.days, citation=cap.citation))
        day = week_end + timedelta(days=1)
    return weeks


def wfh_approval_checklist() -> list[WfhChecklistItem]:
    """What the approver weighs on a WFH application, in the order of seed 000 第4點.

    Nature of the work (第4點第1款: suitable work; units that must keep enough staff on site:
    epidemic prevention, law enforcement, emergency rescue, police and fire, hospitals,
    other critical public services, 24-hour critical direct services), devices (第2款: no
    mainland-China brands; own devices only after the agency's security check; official
    data erased from own devices at the end) and the home environment (第3款), plus the
    reminder of 第3點第3項 that doctor-ordered pregnancy rest is leave, not WFH.
    """
    return [
        WfhChecklistItem(
            key=row["key"], section=row["section"], kind=row["kind"], text=row["text"],
            citation=row["citation"], applies_when=row.get("applies_when"),
            on_site_categories=tuple(row.get("on_site_categories", ())),
        )
        for row in _table()["checklist"]
    ]


def wfh_checklist_unmet(
    answers: Mapping[str, bool], *, own_device: bool
) -> list[WfhChecklistItem]:
    """The `required` checklist items not confirmed in `answers` (key -> confirmed).

    居家辦公作業規範第4點第2款 (seed 000): items marked `applies_when = "own_device"` count
    only when the applicant uses an own device. An item missing from `answers` is unmet.
    An unknown key raises RuleInputError, so a renamed form field cannot pass silently.
    """
    items = wfh_approval_checklist()
    known = {item.key for item in items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise RuleInputError(f"居家辦公審核項目代碼不存在：{'、'.join(unknown)}。")
    unmet = []
    for item in items:
        if item.kind != "required":
            continue
        if item.applies_when == "own_device" and not own_device:
            continue
        if answers.get(item.key) is not True:
            unmet.append(item)
    return unmet


def wfh_overtime_filing_deadline(
    overtime_end: datetime | date,
    workdays: Callable[[date], date] | Iterable[date],
) -> WfhFilingDeadline:
    """The last day to file overtime worked from home: the next working day after it ends.

    居家辦公作業規範第5點第4款第3目 (seed 000): 至遲於加班時間結束後之次1工作日依加班申請程序送核.
    `workdays` is either a callable returning the first working day strictly after a given
    date (the office calendar), or an iterable of working days. Overtime ending exactly at
    midnight ended on the day before (20:00–24:00 on a Wednesday is due on Thursday, not
    Friday). RuleInputError if the calendar has no working day after the overtime, or the
    callable returns a day that is not after it.
    """
    if isinstance(overtime_end, datetime):
        end_day = overtime_end.date()
        if overtime_end.time() == time(0, 0) and overtime_end.microsecond == 0:
            end_day -= timedelta(days=1)
    elif isinstance(overtime_end, date):
        end_day = overtime_end
    else:
        raise RuleInputError(f"加班結束時間必須是日期或時間，收到 {overtime_end!r}。")

    if callable(workdays):
        due = workdays(end_day)
        if not isinstance(due, date) or isinstance(due, datetime) or due <= end_day:
            raise RuleInputError(
                f"辦公日曆回傳的次一工作日 {due!r} 不在加班結束日 {end_day.isoformat()} 之後。"
            )
    else:
        later = [d for d in workdays if _check_date(d, "工作日") > end_day]
        if not later:
            raise RuleInputError(
                f"辦公日曆在 {end_day.isoformat()} 之後沒有工作日，無法計算加班送核期限。"
            )
        due = min(later)
    return WfhFilingDeadline(
        overtime_end=overtime_end, due=due, citation=_table()["overtime_filing"]["citation"]
    )

