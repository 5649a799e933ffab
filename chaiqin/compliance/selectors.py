"""Reads of the compliance app: the survey derived from records, the roll-up, protections,
the travel card, and the personnel office's dashboard. Bounded queries; other apps'
records are read through records.py, which asks those apps' selectors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Q
from django.http import Http404

from chaiqin import clock, rules
from chaiqin.dates import TAIPEI, format_roc
from chaiqin.leave import selectors as leave_reads
from chaiqin.org import access
from chaiqin.org.models import Agency, Person, StatusPeriod
from chaiqin.org.selectors import unpaid_leave_spans
from chaiqin.payroll.statistics import dashboard_charts
from chaiqin.rules.hours_caps import hours_caps
from chaiqin.workflow.models import Case
from chaiqin.workflow.registry import label_of
from chaiqin.workflow.selectors import case_get_for

from . import protection_law as law
from . import records
from .models import (ChildcareHoursRequest, Committee, LactationRequest, ProtectionStatus, RosterShift, SurveyAnswer,
                     TravelCardSelfUse, UnpaidLeave)
from .roles import is_personnel_of

ROC = 1911


def roc_year(year: int) -> int:
    return year - ROC if year > ROC else year


def gregorian_year(year: int) -> int:
    return year + ROC if year <= ROC else year


# --- protections ---------------------------------------------------------------------------

def protections_active(person_ids, start: date, end: date):
    """Protection periods of `person_ids` that touch [start, end]."""
    return (ProtectionStatus.objects.filter(person_id__in=records.ids_or_subquery(person_ids), start__lte=end)
            .filter(Q(end__isnull=True) | Q(end__gte=start)).select_related("person"))


def is_protected(person: Person, day: date) -> bool:
    return protections_active([person.pk], day, day).exists()


def lactation_request_get_for(user, form_id: int) -> LactationRequest:
    """The lactation request if `user` may see its applicant, else 404."""
    return _form_get_for(user, LactationRequest, form_id)


def childcare_request_get_for(user, form_id: int) -> ChildcareHoursRequest:
    """The reduced/adjusted-hours request if `user` may see its applicant (or decides it), else 404."""
    return _form_get_for(user, ChildcareHoursRequest, form_id)


def _form_get_for(user, model, form_id: int):
    form = model.objects.select_related("person", "case").filter(pk=form_id).first()
    if form is None or form.case_id is None:
        raise Http404("查無此申請，或您沒有檢視權限。")
    case_get_for(user, form.case_id)  # 404 unless applicant, decider or in scope
    return form


# --- night work (survey item 15) -----------------------------------------------------------

@dataclass(frozen=True)
class NightWork:
    person: Person
    day: date
    source: str
    detail: str
    citation: str


def _naive(dt: datetime) -> datetime:
    return dt.astimezone(TAIPEI).replace(tzinfo=None) if dt.tzinfo else dt


def night_violations(agency: Agency, people=None, start: date | None = None, end: date | None = None,
                     *, sources: dict | None = None) -> list[NightWork]:
    """Pregnant or nursing people who worked between 22:00 and 06:00 in [start, end]: rosters,
    overtime and punches (where those apps exist), checked by `rules.check_hours`.

    `sources`, when given, is filled with source name -> number of records (None: no data).
    """
    ids = Person.objects.filter(agency=agency).values("pk") if people is None else [p.pk for p in people]
    statuses = list(protections_active(ids, start, end))
    if sources is not None:
        sources.clear()
    by_person: dict[int, list[ProtectionStatus]] = defaultdict(list)
    for s in statuses:
        by_person[s.person_id].append(s)
    protected_ids = list(by_person)
    worked: list[records.Worked] = []
    roster = [records.Worked(r.person_id, r.start, r.end, "排班")
              for r in RosterShift.objects.filter(person_id__in=protected_ids or [0],
                                                  start__lt=records.aware(end + timedelta(days=1)),
                                                  end__gt=records.aware(start))]
    worked += roster
    overtime = records.overtime_periods(protected_ids or [0], start, end)
    punches = records.punch_periods(protected_ids or [0], start, end)
    worked += overtime + punches
    if sources is not None:
        sources.update({"排班": len(roster), "加班": len(overtime), "刷卡": len(punches)})
    people_by_id = {p.pk: p for p in Person.objects.filter(pk__in=protected_ids)}
    found: dict[tuple[int, date], NightWork] = {}
    for w in worked:
        day = rules.workday_of(_naive(w.start))
        if not any(s.protected_from <= day and (s.end is None or s.end >= day) for s in by_person.get(w.person_id, ())):
            continue
        person = people_by_id[w.person_id]
        shift = rules.Shift(person=w.person_id, start=_naive(w.start), end=_naive(w.end),
                            kind="overtime" if w.source == "加班" else "regular", protected=True)
        try:
            violations = rules.check_hours(person.regime, [shift])
        except rules.RuleInputError:
            continue
        for v in violations:
            if v.code == "night_work_protected" and (w.person_id, v.day) not in found:
                found[(w.person_id, v.day)] = NightWork(person, v.day, w.source,
                                                        f"{person.name}：{v.detail}（{w.source}）", v.citation)
    return sorted(found.values(), key=lambda n: (n.day, n.person.name))


# --- the survey ----------------------------------------------------------------------------

@dataclass
class ItemView:
    number: int
    title: str
    citation: str
    basis: str
    reverse: bool
    applies: bool
    requirement: str | None
    derived: str | None
    evidence: list[str]
    stored: SurveyAnswer | None = None
    effective: str | None = None
    stale: bool = False
    completed: bool = False


@dataclass
class SurveyView:
    agency: Agency
    year: int
    headcount: int
    headcount_date: date
    headcount_detail: dict[str, int]
    items: list[ItemView] = field(default_factory=list)

    @property
    def answers(self) -> dict[int, str]:
        return {i.number: i.effective for i in self.items if i.effective is not None}

    @property
    def completed(self) -> bool:
        return all(i.completed for i in self.items)

    @property
    def open_numbers(self) -> list[int]:
        return [i.number for i in self.items if not i.completed]


def headcount(agency: Agency, on: date) -> tuple[int, dict[str, int]]:
    """受僱總人數 on `on` (seed 004 說明一): everyone hired by then and not left, including those on
    leave without pay; with the count by post. Who had left and who was on 留職停薪 that day is read from
    the dated status periods (org.StatusPeriod), not from today's status."""
    left_by_then = StatusPeriod.objects.filter(status=StatusPeriod.Status.LEFT, start__lte=on).values("person_id")
    qs = (Person.objects.filter(agency=agency, hire_date__lte=on).exclude(pk__in=left_by_then)
          .exclude(status=Person.Status.LEFT, status_periods__isnull=True))
    labels = dict(Person.Post.choices)
    people = list(qs)
    detail = Counter(labels.get(p.post, p.post) for p in people)
    unpaid = sum(rules.on_unpaid_leave(spans, on) for spans in unpaid_leave_spans(people).values())
    if unpaid:
        detail["（其中留職停薪）"] = unpaid
    return len(people), dict(detail)


def _staff_by_gender(agency: Agency, *, civil_only: bool) -> dict[str, int]:
    qs = Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT)
    if civil_only and qs.filter(regime=rules.CIVIL).exists():
        qs = qs.filter(regime=rules.CIVIL)
    counts = Counter(qs.values_list("gender", flat=True))
    return {"男": counts.get("M", 0), "女": counts.get("F", 0)}


def _fmt_period(a: date, b: date) -> str:
    return f"{format_roc(a)}～{format_roc(b)}"


def _derive(agency: Agency, year: int, item, count: int, applies: bool) -> tuple[str | None, list[str]]:
    """(answer the records give or None, evidence lines) for one item."""
    Y, N, X = rules.ANSWER_YES, rules.ANSWER_NO, rules.ANSWER_NOT_REQUIRED
    gy = gregorian_year(year)
    y_start, y_end = date(gy, 1, 1), date(gy, 12, 31)
    people = Person.objects.filter(agency=agency)
    n = item.number
    if not applies and not item.reverse:
        return X, [f"{gy - ROC}年9月1日受僱總人數 {count} 人，未達 {item.min_headcount} 人，依法無須辦理（{item.citation}）。"]
    if n in (1, 2, 3, 4):
        req = item.requirement_at(count)
        return None, [f"受僱總人數 {count} 人，應辦理：{req or item.title}（{item.citation}）。請填寫辦理情形與公告處所。"]
    if n == 5:
        forms = list(LactationRequest.objects.filter(person__agency=agency, start__lte=y_end, end__gte=y_start)
                     .select_related("person", "case"))
        if not forms:
            return X, ["本年度無人申請哺（集）乳時間；本系統受理申請，機關不得拒絕（性別平等工作法第21條）。"]
        lines = [f"{f.person.name} {_fmt_period(f.start, f.end)} 每日 {f.daily_minutes} 分鐘"
                 f"（延長工時達1小時以上另給 {law.LACTATION_OVERTIME_EXTRA_MINUTES} 分鐘），{f.case.get_status_display()}，視為工作時間"
                 for f in forms]
        if any(f.case.status == Case.Status.REJECTED for f in forms):
            return N, lines
        return Y, lines
    if n in (6, 7):
        kind = Committee.Kind.PERFORMANCE if n == 6 else Committee.Kind.PROMOTION
        committee = Committee.objects.filter(agency=agency, year=year, kind=kind).first()
        members = list(committee.members.all()) if committee else []
        if not members:
            return None, [f"尚未登錄本年度{Committee.Kind(kind).label}委員；請至「委員會」頁登錄委員姓名與性別。"]
        by_gender = Counter({"M": "男", "F": "女"}[m.gender] for m in members)
        staff = _staff_by_gender(agency, civil_only=(n == 6))
        try:
            check = rules.committee_check(dict(by_gender), staff, committee=kind)
        except rules.RuleInputError as exc:
            return None, [str(exc)]
        lines = [f"委員 {check.members} 人：男 {check.actual.get('男', 0)}、女 {check.actual.get('女', 0)}；"
                 f"{'受考人' if n == 6 else '本機關人員'} 男 {staff['男']}、女 {staff['女']}；"
                 f"各性別最低：男 {check.minimums.get('男', 0)}、女 {check.minimums.get('女', 0)}（{check.citation}）。"]
        lines += check.problems
        return (Y if check.ok else N), lines
    parental = list(UnpaidLeave.objects.filter(person__agency=agency, reason__in=UnpaidLeave.PARENTAL,
                                               start__lte=y_end).filter(Q(returned_on__isnull=True) | Q(returned_on__gte=y_start))
                    .select_related("person"))
    plist = [f"{u.person.name} {u.get_reason_display()} {_fmt_period(u.start, u.end)}"
             + (f"，{u.returned_on:%Y-%m-%d} 回職復薪" if u.returned_on else "") for u in parental]
    if n == 8:
        if not parental:
            return X, ["本年度無養育、照顧三足歲以下子女（孫子女）或收養申請留職停薪之案件。"]
        return Y, ["下列申請均已核准（本系統無拒絕紀錄）："] + plist
    if n == 14:
        births = leave_reads.birth_leave_periods(people, y_start, y_end)
        names = dict(people.filter(pk__in={b.person_id for b in births}).values_list("pk", "name"))
        blist = [f"{names.get(b.person_id, '')} {b.name} {format_roc(b.start.astimezone(TAIPEI).date())}起"
                 for b in births]
        if not parental and not births:
            return X, ["本年度無請娩假、流產假或育嬰留職停薪之人員。"]
        lines = [f"本年度請娩假或流產假 {len({p.person_id for p in births})} 人、育嬰留職停薪 {len(parental)} 人，"
                 "考績請確認列入受考人數且不列入甲等人數計算："]
        return None, lines + blist + plist
    if n in (9, 19):
        if not parental:
            return X, ["本年度無育嬰留職停薪人員。"]
        what = {9: "陞任評分請確認已由當事人就甲式、乙式擇優採計",
                19: "請確認依累計任職辦理另予考績及升等條件換算"}[n]
        return None, [f"本年度育嬰留職停薪人員 {len(parental)} 人，{what}："] + plist
    if n == 11:
        return _derive_leave_types(agency, y_end)
    if n == 12:
        rows = list(TravelCardSelfUse.objects.filter(person__agency=agency, year=gy).select_related("person", "accepted_by"))
        if not rows:
            return X, ["本年度無經機關認定因懷孕等事由全數自行運用之案件；有案件時本系統以全數自行運用計算補助。"]
        return Y, [f"{r.person.name} {r.get_reason_display()}，經 {r.accepted_by.name if r.accepted_by else '機關'} 認定，補助總額均屬自行運用額度"
                   for r in rows]
    if n == 15:
        # Every assignment of the survey year counts, the planned ones after today included: the
        # item asks whether the agency assigned night work, not whether it has been worked yet.
        sources: dict = {}
        night = night_violations(agency, people, y_start, y_end, sources=sources)
        checked = "；".join(f"{k} {v} 筆" if v is not None else f"{k}：{records.NO_DATA}" for k, v in sources.items())
        checked += "".join(f"；{line}" for line in _protected_lines(agency, y_start, y_end))
        if night:
            return Y, [f"{w.detail}" for w in night] + [f"已檢查：{checked}"]
        if sources.get("加班") is None:
            return None, [records.NO_DATA, f"已檢查：{checked}"] if checked else [records.NO_DATA]
        return N, [f"妊娠或哺乳期間人員於午後10時至翌晨6時無指派工作紀錄（{law.NIGHT_CITATION}）。已檢查：{checked}"]
    if n == 16:
        # Every request whose period touches the survey year, whenever it was filed: an arrangement
        # approved last year and still in force is part of this year's answer.
        forms = list(ChildcareHoursRequest.objects.filter(person__agency=agency, start__lte=y_end, end__gte=y_start)
                     .select_related("person", "case").order_by("start"))
        states = Counter(f.case.get_status_display() for f in forms if f.case_id)
        refused = sum(1 for f in forms if f.case_id and f.case.status == Case.Status.REJECTED)
        summary = "、".join(f"{k} {v} 件" for k, v in states.items()) or "無"
        lines = [f"本年度育兒減少或調整工作時間申請 {len(forms)} 件（{summary}），拒絕 {refused} 件；"
                 f"本系統不提供拒絕（性別平等工作法第21條第1項），僅能核准或退回修正。"]
        lines += [f"{f.person.name} {_childcare_terms(f)} {_fmt_period(f.start, f.end)}"
                  + ("，已核准並納入出勤時間" if f.case_id and f.case.status == Case.Status.APPROVED else
                     f"，{f.case.get_status_display()}" if f.case_id else "")
                  for f in forms[:20]]
        return (Y if refused else N), lines
    if n == 17:
        returned = [u for u in parental if u.returned_on and y_start <= u.returned_on <= y_end
                    and u.reason in (UnpaidLeave.Reason.CHILD, UnpaidLeave.Reason.ADOPTION)]
        if not returned:
            return X, ["本年度無育嬰留職停薪人員回職復薪。"]
        lines = [f"{u.person.name} {u.returned_on:%Y-%m-%d} 回職復薪：原職務「{u.original_title}」→「{u.returned_title}」"
                 + ("（回復原職務）" if u.returned_to_original else f"（未回復原職務，依據：{u.return_note or '未填'}）")
                 for u in returned]
        ok = all(u.returned_to_original or u.return_note for u in returned)
        return (Y if ok else N), lines
    return None, ["本項系統無相關紀錄，請人事室填答並說明辦理情形。"]


def _protected_lines(agency: Agency, start: date, end: date) -> list[str]:
    """Who was under the protection in [start, end] and from which day the agency knew."""
    rows = protections_active(Person.objects.filter(agency=agency).values("pk"), start, end).order_by("start")
    return [f"{s.person.name} {s.get_kind_display()} 自 {format_roc(s.protected_from)} 起"
            + ("（機關知悉日）" if s.known_on else "") + (f"至 {format_roc(s.end)}" if s.end else "")
            for s in rows[:50]]


def _childcare_terms(form: ChildcareHoursRequest) -> str:
    if form.mode == ChildcareHoursRequest.Mode.ADJUST:
        return f"調整工作時間為 {form.work_start:%H:%M}–{form.work_end:%H:%M}"
    return f"每天減少工作時間一小時（{form.get_reduce_at_display()}）"


REQUIRED_LEAVE = {
    rules.CIVIL: ["family_care", "menstrual", "marriage", "prenatal", "maternity", "miscarriage_1",
                  "miscarriage_2", "miscarriage_3", "paternity"],
    rules.TEACHER: ["family_care", "menstrual", "marriage", "prenatal", "maternity", "miscarriage_1",
                    "miscarriage_2", "miscarriage_3", "paternity"],
    rules.LABOR: ["family_care", "menstrual", "marriage", "prenatal_checkup", "maternity", "miscarriage_1",
                  "miscarriage_2", "miscarriage_3", "paternity"],
}


def _derive_leave_types(agency: Agency, on: date) -> tuple[str | None, list[str]]:
    regimes = sorted(set(Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT)
                         .values_list("regime", flat=True))) or [rules.CIVIL]
    lines, ok = [], True
    for regime in regimes:
        try:
            types = {t.code: t for t in rules.leave_types(regime, on=on)}
        except rules.RuleInputError as exc:
            return None, [str(exc)]
        missing = [c for c in REQUIRED_LEAVE[regime] if c not in types]
        ok = ok and not missing
        shown = "、".join(f"{types[c].name}{'' if types[c].quota_days is None else f' {types[c].quota_days:g}日'}"
                         for c in REQUIRED_LEAVE[regime] if c in types)
        lines.append(f"{rules.REGIMES[regime]}：{shown}" + (f"；缺 {'、'.join(missing)}" if missing else ""))
    return (rules.ANSWER_YES if ok else rules.ANSWER_NO), lines


def survey_item_view(agency: Agency, year: int, number: int) -> ItemView:
    return next(i for i in survey_view(agency, year).items if i.number == number)


def survey_view(agency: Agency, year: int) -> SurveyView:
    """The survey of `agency` for `year` (ROC or Gregorian): each item with what the records say,
    the stored answer and the effective answer.

    Effective answer: an override (given with a reason against the records) stands; a
    confirmation or a manual answer stands while the records say the same or nothing, and
    gives way to the records once they say otherwise (a night assignment after answering
    item 15 makes it 是 again). No stored answer: not answered.
    """
    year = roc_year(year)
    info = rules.survey_info(year)
    count, detail = headcount(agency, info.headcount_date)
    required = rules.survey_required_items(year, count)
    stored = {a.number: a for a in SurveyAnswer.objects.filter(agency=agency, year=year).select_related("answered_by")}
    view = SurveyView(agency=agency, year=year, headcount=count, headcount_date=info.headcount_date,
                      headcount_detail=detail)
    for item in info.items:
        applies = item.number in required
        derived, evidence = _derive(agency, year, item, count, applies)
        row = stored.get(item.number)
        iv = ItemView(item.number, item.title, item.citation, item.basis, item.reverse, applies,
                      item.requirement_at(count), derived, evidence, stored=row)
        if row is not None:
            if row.source != SurveyAnswer.Source.OVERRIDE and derived is not None and derived != row.answer:
                iv.effective, iv.stale = derived, True
            else:
                iv.effective = row.answer
        iv.completed = iv.effective is not None and rules.survey_item_completed(item.number, iv.effective, year=year)
        view.items.append(iv)
    return view


# --- roll-up -------------------------------------------------------------------------------

@dataclass
class Rollup:
    agency: Agency
    year: int
    rows: list[tuple[Agency, SurveyView]]
    achievement: rules.Achievement


def rollup(agency: Agency, year: int) -> Rollup:
    """`agency` and every agency below it, each completed or not, and the achievement rate
    (seed 004 說明二: 主管機關及所屬機關總數 — the supervising agency counts itself)."""
    agencies = list(Agency.objects.filter(pk__in=access.agency_scope({agency.pk})).order_by("code"))
    agencies.sort(key=lambda a: (a.pk != agency.pk, a.code))
    rows = [(a, survey_view(a, year)) for a in agencies]
    achievement = rules.survey_achievement({f"{a.code} {a.name}": v.answers for a, v in rows}, year=roc_year(year))
    return Rollup(agency=agency, year=roc_year(year), rows=rows, achievement=achievement)


def personnel_agency(person: Person) -> Agency | None:
    """The agency where `person` holds the personnel or sysadmin role (their own agency), or None."""
    return person.agency if is_personnel_of(person, person.agency) else None


# --- travel card ---------------------------------------------------------------------------

@dataclass
class TravelCard:
    person: Person
    year: int
    eligible: bool
    entitled: Decimal | None
    subsidy: rules.Subsidy | None
    self_use: TravelCardSelfUse | None
    compulsory: rules.CompulsoryLeave | None
    taken_known: bool
    note: str


def travel_card(person: Person, year: int) -> TravelCard:
    """國民旅遊卡 of `person` in `year` (Gregorian or ROC): the subsidy from the annual leave
    entitlement (rules.annual_leave_days, rules.travel_card_subsidy), the all-self-use
    acceptance, and the compulsory days (rules.compulsory_leave_owed, days taken from the
    leave ledger when it exists)."""
    year = gregorian_year(year)
    self_use = TravelCardSelfUse.objects.filter(person=person, year=year).select_related("accepted_by").first()
    eligible = person.regime == rules.CIVIL or (person.regime == rules.TEACHER and person.admin_post)
    if not eligible:
        note = ("勞動基準法適用人員依勞動基準法第38條給特別休假，不適用休假改進措施之休假補助。"
                if person.regime == rules.LABOR else "專任教師無休假，不適用國民旅遊卡休假補助。")
        return TravelCard(person, year, False, None, None, self_use, None, False, note)
    on = date(year, 12, 31) if person.regime == rules.CIVIL else date(year, 7, 31)
    try:
        entitled = rules.annual_leave_days(person.regime, person.hire_date, on, admin_post=person.admin_post)
    except rules.RuleInputError as exc:
        return TravelCard(person, year, True, None, None, self_use, None, False, str(exc))
    # annual_leave_days never exceeds the 30 days of 公務人員請假規則第7條: no clamp is needed here
    subsidy = rules.travel_card_subsidy(entitled, all_self_use=self_use is not None, on=on)
    taken_minutes = records.annual_leave_taken_minutes(person, date(year, 1, 1), date(year, 12, 31))
    taken = Decimal(taken_minutes) / Decimal(rules.DAY_MINUTES) if taken_minutes is not None else Decimal(0)
    compulsory = rules.compulsory_leave_owed(entitled, taken.quantize(Decimal("0.01")), on=on)
    note = "" if taken_minutes is not None else f"已休日數：{records.NO_DATA}（請假帳目尚未建置）"
    return TravelCard(person, year, True, entitled, subsidy, self_use, compulsory, taken_minutes is not None, note)


def people_behind_on_leave(agency: Agency, year: int) -> list[TravelCard] | None:
    """People of `agency` who still owe compulsory annual leave days, or None without a leave ledger."""
    out = []
    for person in Person.objects.filter(agency=agency, status=Person.Status.ACTIVE).select_related("agency"):
        card = travel_card(person, year)
        if card.compulsory is not None and card.taken_known and card.compulsory.owed > 0:
            out.append(card)
    return out


# --- dashboard -----------------------------------------------------------------------------

def waiting_cases(agency: Agency, *, older_than_days: int, now: datetime | None = None):
    """Pending or returned cases of `agency` opened more than `older_than_days` days ago, oldest first."""
    now = now or clock.now()
    return (Case.objects.filter(agency=agency, status=Case.Status.PENDING,
                                created_at__lt=now - timedelta(days=older_than_days))
            .select_related("applicant").prefetch_related("steps__decider").order_by("created_at")[:100])


def overtime_by_unit(agency: Agency, month: date) -> list[dict] | None:
    """This month's overtime minutes per unit and the people near the cap, or None without overtime records."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    staff = Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT)
    periods = records.overtime_periods(staff.values("pk"), first, last)
    by_person: Counter = Counter()
    for w in periods:
        by_person[w.person_id] += w.minutes if w.minutes is not None else int((w.end - w.start).total_seconds() // 60)
    units: dict[str, dict] = {}
    caps = _monthly_caps(first)
    for pk, name, regime, unit in staff.values_list("pk", "name", "regime", "unit__name"):
        u = units.setdefault(unit, {"unit": unit, "minutes": 0, "people": 0, "near": []})
        u["people"] += 1
        used = by_person.get(pk, 0)
        u["minutes"] += used
        cap = caps.get(regime)
        if cap and used >= cap * 0.8:
            u["near"].append({"name": name, "minutes": used, "cap": cap})
    rows = sorted(units.values(), key=lambda r: -r["minutes"])
    top = max([r["minutes"] for r in rows] + [1])
    for r in rows:
        r["percent"] = round(100 * r["minutes"] / top)
    return rows


def _monthly_caps(month: date) -> dict[str, int]:
    """Monthly overtime cap in minutes per regime, from rules.hours_caps (the row in force)."""
    caps = {}
    for regime in (rules.CIVIL, rules.TEACHER, rules.LABOR):
        try:
            caps[regime] = int(hours_caps(regime, month).monthly_overtime_hours * 60)
        except rules.RuleInputError:  # no row in force: the cap stays unknown, never guessed
            continue
    return caps


def dashboard(agency: Agency, *, older_than_days: int = 3) -> dict:
    today = clock.today()
    people_ids = Person.objects.filter(agency=agency).values("pk")
    waiting = list(waiting_cases(agency, older_than_days=older_than_days))
    for case in waiting:
        case.waited_days = (clock.now() - case.created_at).days
        case.current = next((s for s in case.steps.all() if s.status == "current"), None)
    by_kind = Counter(case.kind for case in waiting)
    kinds = [{"label": label_of(k), "n": n} for k, n in by_kind.most_common()]
    top = max([k["n"] for k in kinds] + [1])
    for k in kinds:
        k["percent"] = round(100 * k["n"] / top)
    month_first = today.replace(day=1)
    return {
        "today": today,
        "older_than_days": older_than_days,
        "waiting": waiting,
        "waiting_kinds": kinds,
        "overtime": overtime_by_unit(agency, today),
        "expiring": records.expiring_balances(people_ids, within_days=60, today=today),
        "missing_punches": records.missing_punches(agency, month_first, today),
        "protected": list(protections_active(people_ids, today, today)),
        "night": night_violations(agency, None, month_first, today),
        "no_data": records.NO_DATA,
        "attendance_charts": _attendance_charts(agency, today),
    }


def _attendance_charts(agency: Agency, today: date) -> list[dict]:
    """差勤統計's charts for the agency's serving people (chaiqin.payroll.statistics)."""
    return dashboard_charts(Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT), today)
