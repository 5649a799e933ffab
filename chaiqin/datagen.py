"""A county of N people with a year of history, for benchmarks (issue 9): `manage.py generate_county`.

The tree: a county government (縣政府, its 處/室 as units), bureaus (局), township offices
(鄉鎮市公所) and schools (國民中小學, kind school), each with units and a head per unit. People
in all three regimes (civil servants and contract staff, teachers, workers under the Labor
Standards Act) with a direct supervisor (the unit head; a unit head's supervisor is the agency
head), and per agency a personnel officer, an agency head and (not in schools) an ethics officer.

A year of history up to the day before `until` (clock.today() unless given): two card punches
per person and workday, about a dozen one-day leave requests per person (approved, each with its
case, its step, its audit events and its ledger rows: grant, hold, release, use), overtime
(approved, paid), trips (approved) and WFH for some pregnant colleagues (approved, planned days);
and still waiting, for one person in ten, a leave request in the fortnight after `until` (so the
inboxes of the supervisors have something in them).

Fast: rows are made here directly (no service per row) and written with COPY on PostgreSQL,
bulk_create elsewhere; ids are allocated here, sequences reset at the end. Only what the
services would compute is taken from them (rules for grants, periods and pay, the office
calendar for workdays). Repeatable: everything follows from `seed` (random.Random(seed)).
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models

from chaiqin import clock, rules
from chaiqin.attendance.models import Device, Punch
from chaiqin.calendar.selectors import workdays_between
from chaiqin.dates import TAIPEI
from chaiqin.leave import ledger
from chaiqin.leave.models import BalanceEntry, LeaveRequest
from chaiqin.org.models import Agency, Person, RoleAssignment, Unit
from chaiqin.overtime.models import OvertimeRequest, OvertimeSlot
from chaiqin.trips.models import Trip
from chaiqin.wfh.models import WfhApplication, WfhDay
from chaiqin.workflow.models import AuditEvent, Case, Step

PASSWORD = "county-bench-1"  # every generated account's password (one hash, computed once)

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = ["雅婷", "怡君", "佳穎", "淑芬", "美玲", "欣怡", "志明", "家豪", "俊宏", "建宏", "冠宇", "承恩", "宗翰", "柏翰",
         "詩涵", "宜蓁", "思妤", "惠雯", "文彬", "育誠", "明哲", "信宏", "國華", "智偉", "靜宜", "婉婷", "佩珊", "家瑜"]
HQ_UNITS = ["秘書處", "民政處", "財政處", "建設處", "社會處", "農業處", "觀光處", "教育處", "行政暨研考處", "人事處", "主計處",
            "政風處"]
BUREAUS = ["衛生局", "環境保護局", "地方稅務局", "文化局", "消防局", "警察局"]
BUREAU_UNITS = ["局長室", "綜合企劃科", "業務一科", "業務二科", "業務三科", "人事室", "會計室", "政風室"]
TOWNSHIPS = ["花蓮市", "鳳林鎮", "玉里鎮", "新城鄉", "吉安鄉", "壽豐鄉", "光復鄉", "豐濱鄉", "瑞穗鄉", "富里鄉", "秀林鄉",
             "萬榮鄉", "卓溪鄉"]
TOWN_UNITS = ["秘書室", "民政課", "財政課", "建設課", "社會課", "農業課", "人事室", "主計室"]
SCHOOL_UNITS = ["校長室", "教務處", "學務處", "總務處", "輔導室", "人事室", "會計室"]
ADMIN_UNITS = {"人事處", "人事室", "主計處", "會計室", "主計室", "政風處", "政風室", "秘書處", "秘書室"}
SHARES = (("hq", 0.15), ("bureau", 0.25), ("town", 0.15), ("school", 0.45))
LEAVE_NAMES = {"personal": "事假", "sick": "病假", "annual": "休假"}


@dataclass
class Report:
    people: int = 0
    agencies: int = 0
    units: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rows = "、".join(f"{k} {v:,}" for k, v in self.rows.items())
        steps = "、".join(f"{k} {v:.1f}s" for k, v in self.seconds.items())
        return f"{self.people:,} people in {self.agencies} agencies ({self.units} units); rows: {rows}; time: {steps}"


class Writer:
    """Rows straight into tables: COPY on PostgreSQL, bulk_create elsewhere; ids allocated here."""

    def __init__(self, report: Report):
        self.pg = connection.vendor == "postgresql"
        self.report = report
        self.next_ids: dict[type, int] = {}

    def ids(self, model, count: int) -> range:
        if model not in self.next_ids:
            self.next_ids[model] = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        first = self.next_ids[model]
        self.next_ids[model] = first + count
        return range(first, first + count)

    def write(self, model, columns: list[str], rows) -> int:
        """`rows`: an iterable of tuples in the order of `columns` (attnames, e.g. person_id)."""
        fields = [_field(model, c) for c in columns]
        # columns not given take the model's default (Django's defaults are not the database's)
        extra = [f for f in model._meta.concrete_fields if f not in fields and not f.primary_key]
        if extra:
            defaults = tuple(f.get_default() for f in extra)
            fields += extra
            columns = [*columns, *(f.attname for f in extra)]
            rows = (tuple(row) + defaults for row in rows)
        json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        count = 0
        if self.pg:
            names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = json.dumps(row[i], ensure_ascii=False)
                        copy.write_row(row)
                        count += 1
        else:
            batch = []
            for row in rows:
                batch.append(model(**dict(zip(columns, row))))
                if len(batch) >= 2000:
                    model.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            model.objects.bulk_create(batch)
            count += len(batch)
        label = model._meta.label
        self.report.rows[label] = self.report.rows.get(label, 0) + count
        return count

    def finish(self) -> None:
        if self.pg:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_ids)):
                    cursor.execute(sql)
                cursor.execute("ANALYZE")


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except models.FieldDoesNotExist:
        return model._meta.get_field(name.removesuffix("_id"))


@dataclass
class P:
    """A generated person (ids and what the history needs)."""

    id: int
    agency: int
    unit: int
    regime: str
    post: str
    gender: str
    hire: date
    supervisor: int | None = None
    employee_no: str = ""


#: People an agency of each group holds at most (the county government) or about (the others).
AGENCY_SIZE = {"hq": 1500, "bureau": 600, "town": 200, "school": 55}
MINIMUM_AGENCIES = {"hq": 1, "bureau": len(BUREAUS), "town": len(TOWNSHIPS), "school": 2}
UNIT_SIZE = 30


def _share(people: int, group: str) -> int:
    """How many of `people` work in agencies of `group`: the county government is capped, and what
    it cannot hold goes to the bureaus; the schools take the rest (see generate_county)."""
    hq = min(round(people * 0.15), AGENCY_SIZE["hq"])
    if group == "hq":
        return hq
    if group == "bureau":
        return round(people * 0.25) + round(people * 0.15) - hq
    if group == "town":
        return round(people * 0.15)
    return people - hq - _share(people, "bureau") - _share(people, "town")


def _count(people: int, group: str) -> int:
    return max(MINIMUM_AGENCIES[group], round(_share(people, group) / AGENCY_SIZE[group]))


def _names(base: list[str], count: int, extra: str) -> list[str]:
    """`count` agency names: the base list, then numbered ones after it (衛生局第2分局…)."""
    return [base[i] if i < len(base) else base[i % len(base)] + extra.format(i // len(base) + 1) for i in range(count)]


def _sections(names: list[str], people: float) -> list[str]:
    """The units of an agency of `people`: each working unit split into sections of about UNIT_SIZE;
    the personnel, accounting, ethics and secretariat offices stay whole (their names are looked up)."""
    per_unit = people / len(names)
    out = []
    for name in names:
        parts = 1 if name in ADMIN_UNITS else max(1, round(per_unit / UNIT_SIZE))
        out += [name] if parts == 1 else [f"{name}第{j + 1}科" for j in range(parts)]
    return out


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, dtime(hour, minute), tzinfo=TAIPEI)


def generate_county(*, people: int, seed: int = 1, until: date | None = None, prefix: str = "",
                    punches: bool = True, log=print) -> Report:
    """Make the county (see the module docstring). `prefix` makes user names and codes unique when
    several counties share a database (default: "c{seed}-")."""
    rng = random.Random(seed)
    prefix = prefix or f"c{seed}-"
    until = until or clock.today()
    report = Report()
    w = Writer(report)
    t_all = t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        report.seconds[name] = now - t
        t = now
        log(f"  {name}: {report.seconds[name]:.1f} s")

    # --- the tree ------------------------------------------------------------------------------
    # Agencies and units keep the sizes of real ones however large the county: one county
    # government, bureaus of about 600 people, township offices of about 200, schools of about 55,
    # and units of about 30 (a large 處 or 科 is split into sections).
    plan = [("hq", "縣政府", HQ_UNITS, Agency.Kind.AGENCY)]
    plan += [("bureau", name, BUREAU_UNITS, Agency.Kind.AGENCY) for name in _names(BUREAUS, _count(people, "bureau"), "第{}分局")]
    plan += [("town", f"{name}公所", TOWN_UNITS, Agency.Kind.AGENCY)
             for name in _names(TOWNSHIPS, _count(people, "town"), "第{}區")]
    n_schools = _count(people, "school")
    plan += [("school", f"第{i + 1:03d}{'國民中學' if i % 3 == 0 else '國民小學'}", SCHOOL_UNITS, Agency.Kind.SCHOOL)
             for i in range(n_schools)]
    group_agencies = {g: sum(1 for row in plan if row[0] == g) for g, _ in SHARES}
    plan = [(g, name, _sections(names, _share(people, g) / group_agencies[g]), kind) for g, name, names, kind in plan]
    county_name = f"模擬縣{prefix.strip('-')}"
    agency_ids = w.ids(Agency, len(plan))
    root = agency_ids[0]
    agencies = []
    for (group, name, _, kind), aid in zip(plan, agency_ids):
        full = f"{county_name}政府" if group == "hq" else f"{county_name}{name}"
        agencies.append((aid, f"{prefix}{aid}"[:20], full[:100], name[:30], None if aid == root else root, kind,
                         "calendar" if kind == Agency.Kind.SCHOOL else "anniversary", 6, dtime(8), dtime(17), dtime(12),
                         dtime(13), 30))
    w.write(Agency, ["id", "code", "name", "short_name", "parent_id", "kind", "labor_leave_basis", "comp_time_months",
                     "office_start", "office_end", "lunch_start", "lunch_end", "flex_minutes"], agencies)
    units = []  # (unit id, agency id, name, group)
    unit_rows = []
    for (group, _, names, _), aid in zip(plan, agency_ids):
        ids = w.ids(Unit, len(names))
        for order, (uid, uname) in enumerate(zip(ids, names)):
            units.append((uid, aid, uname, group))
            unit_rows.append((uid, aid, uname, f"U{uid}", None, order))
    w.write(Unit, ["id", "agency_id", "name", "code", "head_id", "sort_order"], unit_rows)
    report.agencies, report.units = len(plan), len(units)

    # --- people --------------------------------------------------------------------------------
    by_group: dict[str, list] = {}
    for u in units:
        by_group.setdefault(u[3], []).append(u)
    slots: list[tuple] = []  # the unit of each person, groups in proportion, units round-robin
    for group, share in SHARES:
        count = _share(people, group) if group != "school" else people - len(slots)
        members = by_group[group]
        slots += [members[i % len(members)] for i in range(count)]
    person_ids = w.ids(Person, len(slots))
    heads: dict[int, int] = {}  # unit id -> head person id
    agency_head: dict[int, int] = {}
    gen: list[P] = []
    for pid, (uid, aid, uname, group) in zip(person_ids, slots):
        school = group == "school"
        is_head = uid not in heads
        roll = rng.random()
        if school and uname not in ADMIN_UNITS and uname != "校長室":
            post = "teacher_admin" if is_head else ("teacher" if roll < 0.85 else "worker")
        elif is_head:
            post = "admin"
        else:
            post = "admin" if roll < 0.65 else "contract" if roll < 0.8 else rng.choice(
                ["worker", "technician", "janitor", "driver", "contract_labor"])
        regime = Person.POST_REGIME[post]
        hire = date(until.year - rng.randrange(0, 30), rng.randrange(1, 13), 1)
        p = P(pid, aid, uid, regime, post, rng.choice("FM"), hire, employee_no=f"E{pid:07d}")
        if is_head:
            heads[uid] = pid
            agency_head.setdefault(aid, pid)
        gen.append(p)
    for p in gen:
        head = heads[p.unit]
        boss = agency_head[p.agency]
        p.supervisor = head if head != p.id else (boss if boss != p.id else (agency_head[root] if p.id != agency_head[root] else None))
    User = get_user_model()
    proto = User(username="x")
    proto.set_password(PASSWORD)
    user_ids = w.ids(User, len(gen))
    joined = datetime(until.year, 1, 1, tzinfo=TAIPEI)
    w.write(User, ["id", "username", "password", "first_name", "last_name", "email", "is_staff", "is_active",
                   "is_superuser", "date_joined"],
            ((uid, f"{prefix}{p.id}", proto.password, "", "", "", False, True, False, joined)
             for uid, p in zip(user_ids, gen)))
    titles = {"admin": "科員", "contract": "約聘人員", "teacher": "教師", "teacher_admin": "組長", "worker": "工友",
              "technician": "技工", "janitor": "工友", "driver": "駕駛", "contract_labor": "約用人員"}
    w.write(Person, ["id", "user_id", "agency_id", "unit_id", "employee_no", "name", "gender", "regime", "post", "title",
                     "hire_date", "prior_service_months", "status", "supervisor_id", "email"],
            ((p.id, uid, p.agency, p.unit, p.employee_no, rng.choice(SURNAMES) + rng.choice(GIVEN), p.gender, p.regime,
              p.post, "主管" if heads[p.unit] == p.id else titles[p.post], p.hire, 0, "active", p.supervisor, "")
             for uid, p in zip(user_ids, gen)))
    Unit.objects.bulk_update([Unit(id=uid, head_id=head) for uid, head in heads.items()], ["head"], batch_size=1000)
    by_agency: dict[int, list[P]] = {}
    for p in gen:
        by_agency.setdefault(p.agency, []).append(p)
    unit_name = {u[0]: u[2] for u in units}
    roles = []
    personnel_of: dict[int, int] = {}
    for aid, members in by_agency.items():
        roles.append((members[0].id, "agency_head", aid))
        hr = next((p for p in members if unit_name[p.unit] in ("人事處", "人事室") and p.id != members[0].id), members[-1])
        personnel_of[aid] = hr.id
        roles.append((hr.id, "personnel", aid))
        ethics = next((p for p in members if unit_name[p.unit] in ("政風處", "政風室")), None)
        if ethics is not None:
            roles.append((ethics.id, "ethics", aid))
    w.write(RoleAssignment, ["id", "person_id", "role", "agency_id"],
            ((rid, *r) for rid, r in zip(w.ids(RoleAssignment, len(roles)), roles)))
    report.people = len(gen)
    lap("agencies, units, people, accounts")

    # --- the calendar: workdays up to `until` ---------------------------------------------------
    year_start = date(until.year, 1, 1)
    root_agency = Agency.objects.get(pk=root)
    workdays = workdays_between(root_agency, year_start, until - timedelta(days=1))
    ahead = workdays_between(root_agency, until + timedelta(days=1), until + timedelta(days=21))[:10]
    by_month: dict[int, list[date]] = {}
    for d in workdays:
        by_month.setdefault(d.month, []).append(d)

    # --- leave: a dozen approved one-day requests per person, and some waiting --------------------
    agency_objs = {a.pk: a for a in Agency.objects.filter(pk__in=list(agency_ids))}
    charge_cache: dict[tuple[str, str], list] = {}

    def person_obj(p: P) -> Person:
        return Person(id=p.id, agency=agency_objs[p.agency], unit_id=p.unit, regime=p.regime, post=p.post,
                      gender=p.gender, hire_date=p.hire, prior_service_months=0)

    case_rows, leave_rows, step_rows, event_rows, ledger_rows = [], [], [], [], []
    case_ids = iter(w.ids(Case, len(gen) * 13))
    leave_ids = iter(w.ids(LeaveRequest, len(gen) * 13))
    n_leave = 0
    for i, p in enumerate(gen):
        obj = person_obj(p)
        codes = {t.code for t in rules.leave_types(p.regime, until)}
        grants: dict[tuple[str, date], tuple[date, int]] = {}
        choices = []
        for code in ("personal", "sick", "annual"):
            if code not in codes:
                continue
            start, end = ledger.period_of(obj, code, until)
            minutes = ledger.granted_minutes(obj, code, until) or 0
            if minutes >= 4 * ledger.DAY_MINUTES:
                choices.append(code)
        if not choices:
            continue
        decider = p.supervisor or personnel_of[p.agency]
        wanted = [(by_month[m][(i + m) % len(by_month[m])], choices[m % len(choices)]) for m in sorted(by_month)
                  if rng.random() < 0.95]
        waiting = ahead and rng.random() < 0.1 and decider != p.id
        if waiting:
            wanted.append((ahead[i % len(ahead)], choices[0]))
        for n, (day, code) in enumerate(wanted):
            pending = waiting and n == len(wanted) - 1
            key = (p.regime, code)
            if key not in charge_cache:
                charge = rules.leave_charge(p.regime, code, requested_minutes=480, used={}, on=until,
                                            entitled={"annual": 30, code: 30}, hired=date(2000, 1, 1), day_minutes=480)
                charge_cache[key] = [{"quotas": list(x.quotas), "minutes": x.minutes, "pay": x.pay,
                                      "pay_label": {"full": "全薪", "half": "半薪", "none": "不給薪"}[x.pay],
                                      "explanation": x.explanation, "citation": x.citation, "beyond": False,
                                      "returned": 0} for x in charge.parts]
            charge = charge_cache[key]
            cid, lid = next(case_ids), next(leave_ids)
            start, end = _aware(day, 8), _aware(day, 17)
            filed = start - timedelta(days=3)
            title = f"{LEAVE_NAMES[code]} {day.isoformat()}（1日）"
            case_rows.append((cid, p.agency, p.id, "leave", lid, title, "pending" if pending else "approved",
                              min(filed, _aware(until, 8)), None if pending else filed + timedelta(hours=20)))
            leave_rows.append((lid, p.id, code, LEAVE_NAMES[code], start, end, 480, None, "家務", None, charge, [], 0, cid,
                               min(filed, _aware(until, 8))))
            step_rows.append((cid, 1, "supervisor", decider, "current" if pending else "approved",
                              None if pending else decider, None if pending else filed + timedelta(hours=20), ""))
            event_rows.append((cid, None, min(filed, _aware(until, 8)), p.id, None, "submit", ""))
            if not pending:
                event_rows.append((cid, None, filed + timedelta(hours=20), decider, None, "approve", ""))
            for part in charge:
                for account in part["quotas"]:
                    pstart, pend = ledger.period_of(obj, account, day)
                    if (account, pstart) not in grants:
                        granted = ledger.granted_minutes(obj, account, day)
                        if granted is not None:
                            grants[(account, pstart)] = (pend, granted)
                    kinds = (("hold", -part["minutes"]),) if pending else (
                        ("hold", -part["minutes"]), ("release", part["minutes"]), ("use", -part["minutes"]))
                    for kind, minutes in kinds:
                        ledger_rows.append((p.id, account, pstart, pend, kind, minutes, None, None, None, cid, title,
                                            filed + timedelta(hours=20)))
            n_leave += 1
        for (account, pstart), (pend, granted) in grants.items():
            ledger_rows.append((p.id, account, pstart, pend, "grant", granted, None, None, None, None,
                                f"{pstart.isoformat()}至{pend.isoformat()}年度核給", _aware(pstart, 0)))
    lap("leave planned")
    w.write(Case, ["id", "agency_id", "applicant_id", "kind", "form_id", "title", "status", "created_at", "decided_at"],
            case_rows)
    w.write(LeaveRequest, ["id", "person_id", "leave_code", "leave_name", "start", "end", "minutes", "event_date", "reason",
                           "agent_id", "charge", "left_out", "cancelled_minutes", "case_id", "created_at"], leave_rows)
    step_ids = w.ids(Step, len(step_rows))
    w.write(Step, ["id", "case_id", "order", "role", "decider_id", "status", "acted_by_id", "decided_at", "comment"],
            ((sid, *r) for sid, r in zip(step_ids, step_rows)))
    w.write(AuditEvent, ["id", "case_id", "step_id", "at", "actor_id", "on_behalf_of_id", "action", "note"],
            ((eid, *r) for eid, r in zip(w.ids(AuditEvent, len(event_rows)), event_rows)))
    w.write(BalanceEntry, ["id", "person_id", "account", "period_start", "period_end", "kind", "minutes", "earned_on",
                           "expires_on", "source_id", "case_id", "note", "created_at"],
            ((bid, *r) for bid, r in zip(w.ids(BalanceEntry, len(ledger_rows)), ledger_rows)))
    del case_rows, leave_rows, step_rows, event_rows, ledger_rows
    lap("leave written")

    # --- trips and overtime: a few per person, approved ------------------------------------------
    case_rows, trip_rows, ot_rows, slot_rows, step_rows = [], [], [], [], []
    trip_ids = iter(w.ids(Trip, len(gen)))
    ot_ids = iter(w.ids(OvertimeRequest, len(gen)))
    case_ids = iter(w.ids(Case, 2 * len(gen)))
    for i, p in enumerate(gen):
        decider = p.supervisor or personnel_of[p.agency]
        if rng.random() < 0.35 and len(workdays) > 30:
            day = workdays[(i * 7 + 13) % len(workdays)]
            if day.day not in (1, 2):  # leave lies on other days of the month (see above): avoid them roughly
                cid, tid = next(case_ids), next(trip_ids)
                start, end = _aware(day, 13), _aware(day, 17)
                title = f"公出 {day.isoformat()} 下午"
                case_rows.append((cid, p.agency, p.id, "outing", tid, title, "approved", start - timedelta(days=2),
                                  start - timedelta(days=1)))
                trip_rows.append((tid, p.id, "outing", "轄區會勘", "業務會勘", start, end, "system", None, 0, "", start - timedelta(days=2), cid))
                step_rows.append((cid, 1, "supervisor", decider, "approved", decider, start - timedelta(days=1), ""))
        if rng.random() < 0.3 and len(workdays) > 30:
            day = workdays[(i * 11 + 29) % len(workdays)]
            cid, oid = next(case_ids), next(ot_ids)
            start, end = _aware(day, 17, 30), _aware(day, 19, 30)
            title = f"加班 {day.isoformat()} 17:30–19:30"
            case_rows.append((cid, p.agency, p.id, "overtime", oid, title, "approved", start - timedelta(days=1),
                              start - timedelta(hours=20)))
            ot_rows.append((oid, p.agency, "request", None, None, "", p.id, "業務量增加", "整理資料", "normal", False,
                            False, None, start - timedelta(days=1), cid))
            slot_rows.append((oid, p.id, day, "workday", start, end, start, end, end + timedelta(days=1), 120, "pay"))
            step_rows.append((cid, 1, "supervisor", decider, "approved", decider, start - timedelta(hours=20), ""))
    w.write(Case, ["id", "agency_id", "applicant_id", "kind", "form_id", "title", "status", "created_at", "decided_at"],
            case_rows)
    w.write(Trip, ["id", "person_id", "nature", "place", "reason", "start", "end", "sign_mode", "agent_id",
                   "overtime_minutes", "attachment_note", "created_at", "case_id"], trip_rows)
    w.write(OvertimeRequest, ["id", "agency_id", "source", "trip_id", "wfh_overtime_id", "rest_warning", "applicant_id",
                              "reason", "work_items", "situation", "paper_sign", "report_required", "report_due",
                              "created_at", "case_id"], ot_rows)
    w.write(OvertimeSlot, ["id", "request_id", "person_id", "day", "day_kind", "start", "end", "signed_in_at",
                           "signed_out_at", "claimed_at", "minutes", "compensation"],
            ((sid, *r) for sid, r in zip(w.ids(OvertimeSlot, len(slot_rows)), slot_rows)))
    w.write(Step, ["id", "case_id", "order", "role", "decider_id", "status", "acted_by_id", "decided_at", "comment"],
            ((sid, *r) for sid, r in zip(w.ids(Step, len(step_rows)), step_rows)))
    del case_rows, trip_rows, ot_rows, slot_rows, step_rows

    # --- WFH: some pregnant colleagues, approved, a day a week planned -----------------------------
    mothers = [p for p in gen if p.gender == "F" and p.regime != "teacher" and rng.random() < 0.01]
    first = next((p for p in gen if p.agency == root and p.gender == "F" and p.supervisor and p.id != heads[p.unit]), None)
    if first is not None and first not in mothers:
        mothers.insert(0, first)  # at least one in the county government, so every county shows some
    app_rows, day_rows, case_rows = [], [], []
    app_ids = w.ids(WfhApplication, len(mothers))
    case_ids = iter(w.ids(Case, len(mothers)))
    last = until + timedelta(days=60)
    for aid_, p in zip(app_ids, mothers):
        cid = next(case_ids)
        begin = max(year_start, until - timedelta(days=90))
        case_rows.append((cid, p.agency, p.id, "wfh", aid_, "居家辦公申請", "approved", _aware(begin, 9) - timedelta(days=7),
                          _aware(begin, 9) - timedelta(days=5)))
        app_rows.append((aid_, p.id, "self", until + timedelta(days=120), 20, begin, last, "自宅", False, "", "", None, "",
                         "approved", None, "", "", None, cid, _aware(begin, 9) - timedelta(days=7)))
        for d in workdays_between(root_agency, begin, last):
            if d.weekday() == 2:  # Wednesdays
                day_rows.append((aid_, p.id, d, "planned", None, "", None, None, p.supervisor or p.id, _aware(begin, 9)))
    w.write(Case, ["id", "agency_id", "applicant_id", "kind", "form_id", "title", "status", "created_at", "decided_at"],
            case_rows)
    w.write(WfhApplication, ["id", "person_id", "relation", "due_date", "stated_weeks", "start", "end", "workplace",
                             "own_device", "contact", "note", "flexible_days", "flexible_reason", "status", "ended_on",
                             "end_kind", "end_reason", "delivered_on", "case_id", "created_at"], app_rows)
    w.write(WfhDay, ["id", "application_id", "person_id", "date", "status", "moved_from", "reason", "changed_by_id",
                     "changed_at", "planned_by_id", "planned_at"],
            ((did, *r) for did, r in zip(w.ids(WfhDay, len(day_rows)), day_rows)))
    lap("trips, overtime, WFH")

    # --- punches: in and out on each workday, a card reader per agency --------------------------
    devices = [(did, aid, "大門刷卡機", f"{prefix}{did}-{seed}".ljust(64, "0")[:64], True)
               for did, aid in zip(w.ids(Device, len(plan)), agency_ids)]
    w.write(Device, ["id", "agency_id", "name", "token_hash", "active"], devices)
    if punches:
        minutes_in = [rng.randrange(-40, 25) for _ in range(997)]
        minutes_out = [rng.randrange(0, 75) for _ in range(991)]

        def punch_rows():
            k = 0
            for day in workdays:
                base_in, base_out = _aware(day, 8), _aware(day, 17)
                for p in gen:
                    k += 1
                    yield (p.id, base_in + timedelta(minutes=minutes_in[k % 997], seconds=k % 60), "card", None, None)
                    yield (p.id, base_out + timedelta(minutes=minutes_out[k % 991], seconds=k % 59), "card", None, None)

        total = len(workdays) * len(gen) * 2
        ids = w.ids(Punch, total)
        w.write(Punch, ["id", "person_id", "at", "source", "device_id", "ip"],
                ((pid, *r) for pid, r in zip(ids, punch_rows())))
        lap("punches")
    w.finish()
    lap("sequences and ANALYZE")
    report.seconds["total"] = time.perf_counter() - t_all
    return report
