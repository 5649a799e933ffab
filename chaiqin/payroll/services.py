"""Every write of the payroll app: wage rows (one at a time or a whole import), the agency's
overtime-pay settings, and unused leave posted as pay at a year's close."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum

from chaiqin import clock, rules
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.leave.models import BalanceEntry
from chaiqin.org.models import Agency, Person

from . import access, selectors
from .models import PayrollSetting, UnusedLeavePay, WageRecord

B = WageRecord.Basis
MONEY_FIELDS = ("salary", "professional", "supervisory", "single_pay", "monthly_wage", "hourly_wage")
# Which bases each regime may be paid on (DESIGN.md's regime table): civil servants and teachers
# by 薪俸 and 加給, 聘僱 by a single pay; LSA workers by the month or by the hour.
BASES = {rules.CIVIL: (B.SALARY, B.SINGLE), rules.TEACHER: (B.SALARY, B.SINGLE), rules.LABOR: (B.MONTHLY, B.HOURLY)}
# The field that must be positive for each basis.
MAIN_FIELD = {B.SALARY: "salary", B.SINGLE: "single_pay", B.MONTHLY: "monthly_wage", B.HOURLY: "hourly_wage"}
FIELD_LABELS = {f: WageRecord._meta.get_field(f).verbose_name for f in MONEY_FIELDS}


def _money(value, label: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").strip() or "0")
    except InvalidOperation:
        raise ChaiqinError(f"{label}必須是數字，收到「{value}」。") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
        raise ChaiqinError(f"{label}必須是 0 以上、一億以下的金額，收到「{value}」。")
    return amount.quantize(Decimal("0.01"))


def wage_check(*, person: Person, valid_from: date, basis: str, amounts: dict) -> dict[str, Decimal]:
    """The amounts of a wage row checked against the person's regime; ChaiqinError if wrong."""
    if basis not in B.values:
        raise ChaiqinError(f"未知的計薪方式「{basis}」。", field="basis")
    allowed = BASES[person.regime]
    if basis not in allowed:
        names = "、".join(B(b).label for b in allowed)
        raise ChaiqinError(f"{person.name}為{rules.REGIMES[person.regime]}，計薪方式應為{names}。", field="basis")
    if not (date(1950, 1, 1) <= valid_from <= date(2100, 12, 31)):
        raise ChaiqinError("生效日須在民國39年至民國189年之間。", field="valid_from")
    clean = {f: _money(amounts.get(f) or 0, FIELD_LABELS[f]) for f in MONEY_FIELDS}
    if clean[MAIN_FIELD[basis]] <= 0:
        raise ChaiqinError(f"請填寫{FIELD_LABELS[MAIN_FIELD[basis]]}。", field=MAIN_FIELD[basis])
    unused = [FIELD_LABELS[f] for f in MONEY_FIELDS if clean[f] and f not in _fields_of(basis)]
    if unused:
        raise ChaiqinError(f"計薪方式「{B(basis).label}」不使用：{'、'.join(unused)}。")
    if basis == B.MONTHLY and person.regime == rules.LABOR:
        minimum = rules.labor_hourly_wage(monthly=clean["monthly_wage"], on=valid_from)
        if minimum <= 0:
            raise ChaiqinError("月薪不可為 0。")
    return clean


def _fields_of(basis: str) -> tuple[str, ...]:
    return {B.SALARY: ("salary", "professional", "supervisory"), B.SINGLE: ("single_pay",),
            B.MONTHLY: ("monthly_wage",), B.HOURLY: ("hourly_wage",)}[basis]


def _save_row(*, by: Person, person: Person, valid_from: date, basis: str, clean: dict, note: str) -> WageRecord:
    later = WageRecord.objects.filter(person=person, valid_from__gt=valid_from).order_by("valid_from").first()
    WageRecord.objects.filter(person=person, valid_from=valid_from).delete()
    before = (WageRecord.objects.select_for_update(of=("self",)).filter(person=person, valid_from__lt=valid_from)
              .order_by("-valid_from").first())
    if before is not None and (before.valid_to is None or before.valid_to >= valid_from):
        before.valid_to = valid_from - timedelta(days=1)
        before.save(update_fields=["valid_to"])
    return WageRecord.objects.create(
        person=person, valid_from=valid_from, valid_to=later.valid_from - timedelta(days=1) if later else None,
        basis=basis, note=note[:200], entered_by=by, entered_at=clock.now(), **clean)


@transaction.atomic
def wage_record_set(*, by: Person, person: Person, valid_from: date, basis: str, note: str = "",
                    **amounts) -> WageRecord:
    """Enter `person`'s wage from `valid_from`: the row in force before it ends the day before,
    a row already starting that day is replaced, and the new one runs until the next row (or
    open-ended). Only the personnel office of the person's agency (or one above) may do it."""
    if not access.wage_people(by, keep=True).filter(pk=person.pk).exists():
        raise ChaiqinError("只有該機關（或上級機關）人事人員可以登錄薪資資料。")
    clean = wage_check(person=person, valid_from=valid_from, basis=basis, amounts=amounts)
    return _save_row(by=by, person=person, valid_from=valid_from, basis=basis, clean=clean, note=note)


@transaction.atomic
def wage_import_save(*, by: Person, rows: list[dict]) -> int:
    """Save checked import rows (chaiqin.payroll.imports.wage_import_check); all or nothing."""
    for row in rows:
        _save_row(by=by, person=row["person"], valid_from=row["valid_from"], basis=row["basis"],
                  clean=row["amounts"], note=row.get("note", ""))
    return len(rows)


@transaction.atomic
def payroll_setting_set(*, by: Person, agency: Agency, rule_name: str = "", month_hours=None, workday_hours=None,
                        day_off_hours=None, unused_leave_budget=None) -> PayrollSetting:
    """The agency's 加班管制要點 (paid-hour caps below 各機關加班費支給辦法第5條's) and the budget
    of 未休假加班費. Figures above the 辦法's are refused: an agency may only be stricter."""
    if not access.wage_people(by, keep=True).filter(agency=agency).exists() and \
            not by.roles.filter(role="personnel", agency=agency).exists():
        raise ChaiqinError("只有本機關人事人員可以設定加班費支給規定。")
    law = rules.civil_pay_caps(clock.today())
    values = {}
    for name, value, cap in (("month_hours", month_hours, law.month_hours),
                             ("workday_hours", workday_hours, law.workday_hours),
                             ("day_off_hours", day_off_hours, law.day_off_hours)):
        if value in (None, ""):
            values[name] = None
            continue
        figure = _money(value, PayrollSetting._meta.get_field(name).verbose_name)
        if figure > cap:
            raise ChaiqinError(f"{PayrollSetting._meta.get_field(name).verbose_name}不可高於{cap}小時"
                               f"（{law.citation}）：機關規定只能更嚴格。", field=name)
        values[name] = figure
    values["unused_leave_budget"] = None if unused_leave_budget in (None, "") else _money(unused_leave_budget, "預算")
    setting, _ = PayrollSetting.objects.update_or_create(agency=agency, defaults={"rule_name": rule_name[:100], **values})
    return setting


def describe(row: WageRecord) -> str:
    """A wage row in one line of Chinese, for lists (e.g. 「115-01-01 起：月薪 36,000 元」)."""
    parts = [f"{FIELD_LABELS[f]} {getattr(row, f):,.0f} 元" for f in _fields_of(row.basis) if getattr(row, f)]
    end = f"至 {format_roc(row.valid_to)}" if row.valid_to else "起"
    return f"{format_roc(row.valid_from)} {end}：" + "、".join(parts)


DAY_MINUTES = 480  # a leave day of 8 hours (chaiqin.durations)


@transaction.atomic
def unused_leave_pay_post(*, by: Person, person: Person, kind: str, period_end: date, minutes: int,
                          earned_on: date | None = None, day_kind: str = "workday") -> UnusedLeavePay:
    """Post leave not taken as pay, from the wage row in force on the day that decides it:

    - civil_annual (未休假加班費): the days beyond the compulsory ones the servant chose neither to
      take nor to keep, at the leave year's close `period_end`; (薪俸 + 專業加給 + 主管職務加給)
      ÷ 30 a day (rules.civil_unused_leave_pay), within the agency's budget (PayrollSetting);
    - labor_annual: 特休 not taken at the year's or contract's end (勞動基準法第38條第4項), one
      day's wage a day (rules.labor_unused_annual_leave_pay);
    - labor_comp_time: comp time not taken by its expiry `period_end` (第32條之1第2項), paid at the
      rate of the day it was earned (`earned_on`, `day_kind`: rules.overtime_pay).
    Once per person, kind and day. Only the personnel office keeps it."""
    if not access.wage_people(by, keep=True).filter(pk=person.pk).exists():
        raise ChaiqinError("只有該機關（或上級機關）人事人員可以登錄未休假工資。")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise ChaiqinError("未休時數必須大於 0。")
    K = UnusedLeavePay.Kind
    if kind not in K.values:
        raise ChaiqinError(f"未知的類別「{kind}」。")
    if (kind == K.CIVIL_ANNUAL) == (person.regime == rules.LABOR):
        raise ChaiqinError(f"{person.name}為{rules.REGIMES[person.regime]}，不適用「{K(kind).label}」。")
    wage_day = earned_on if kind == K.LABOR_COMP_TIME else period_end
    if wage_day is None:
        raise ChaiqinError("請填寫補休的加班日。", field="earned_on")
    row = selectors.wage_on(person, wage_day)
    if row is None:
        raise ChaiqinError(f"人事室尚未登錄 {person.name} 於 {format_roc(wage_day)} 的薪資資料。")
    if kind in (K.CIVIL_ANNUAL, K.LABOR_ANNUAL):
        # Only what the leave year's close left payable: the days kept beyond the compulsory
        # ones and chosen to be paid (civil), or those not taken nor deferred (§38 IV).
        try:
            rules.unused_annual_leave_payable(person.regime, asked_minutes=minutes, on=period_end,
                                              payable_minutes=selectors.annual_leave_payable(person, period_end))
        except rules.RuleInputError as exc:
            raise ChaiqinError(f"{person.name}：{exc}", field="hours") from None
    days = Decimal(minutes) / DAY_MINUTES
    if kind == K.CIVIL_ANNUAL:
        if row.basis != B.SALARY:
            raise ChaiqinError("未休假加班費依月支薪俸及加給計算：請先登錄薪俸資料。")
        amount, citation = rules.civil_unused_leave_pay(days, on=period_end, salary=row.salary,
                                                        professional=row.professional, supervisory=row.supervisory)
        _check_budget(person, period_end, amount)
    elif kind == K.LABOR_ANNUAL:
        wage = {"hourly": row.hourly_wage} if row.basis == B.HOURLY else {"monthly": selectors.monthly_total(row)}
        amount, citation = rules.labor_unused_annual_leave_pay(days, on=period_end, **wage)
    else:
        base = selectors.hourly_base(row, person.regime, wage_day)
        amount = rules.overtime_pay(base.exact, Decimal(minutes) / 60, day_kind, on=wage_day)
        citation = "勞動基準法第32條之1第2項"
    if UnusedLeavePay.objects.filter(person=person, kind=kind, period_end=period_end).exists():
        raise ChaiqinError(f"{person.name} {format_roc(period_end)} 的「{K(kind).label}」已登錄。")
    if kind == K.CIVIL_ANNUAL:
        _kept_days_paid(person, period_end, minutes, citation)
    return UnusedLeavePay.objects.create(
        person=person, kind=kind, period_end=period_end, minutes=minutes,
        day_rate=(amount / days).quantize(Decimal("0.01")), amount=amount, citation=citation,
        posted_at=clock.now(), posted_by=by)


def _kept_days_paid(person: Person, period_end: date, minutes: int, citation: str) -> None:
    """The servant's choice at the close: days kept are paid instead, so they leave the next
    leave year's balance (a payout row in the ledger) and cannot be both taken and paid."""
    next_start = period_end + timedelta(days=1)
    start, end = ledger.period_of(person, "annual", next_start)
    ledger.post(person=person, account="annual", kind=BalanceEntry.Kind.PAYOUT, minutes=-minutes, period_start=start,
                period_end=end, note=f"{format_roc(period_end)}止休假年度保留之休假{ledger.format_minutes(minutes)}"
                                     f"改發未休假加班費（{citation}）")


def _check_budget(person: Person, period_end: date, amount: Decimal) -> None:
    """未休假加班費 is paid within the budget the agency sets (休假改進措施)."""
    setting = selectors.setting_of(person.agency)
    if setting is None or setting.unused_leave_budget is None:
        return
    used = (UnusedLeavePay.objects.select_for_update().filter(
        person__agency=person.agency, kind=UnusedLeavePay.Kind.CIVIL_ANNUAL, period_end__year=period_end.year)
        .aggregate(s=Sum("amount"))["s"] or Decimal(0))
    if used + amount > setting.unused_leave_budget:
        raise ChaiqinError(f"超出本機關未休假加班費預算：已核 {used:,.0f} 元，本筆 {amount:,.0f} 元，"
                           f"預算 {setting.unused_leave_budget:,.0f} 元。",
                           citation="行政院與所屬中央及地方各機關公務人員休假改進措施")
