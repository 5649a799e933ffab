"""Demo data: agencies modelled on the seeds, about 180 people in all three regimes.

- 花蓮縣政府 (code 376550000A, seed 004's sender): a county government with its units,
  civil servants, contract staff (約聘僱) and workers under the Labor Standards Act
  (技工, 工友, 駕駛, 約用人員).
- 國立恆春高級工商職業學校 (seed 002): a vocational high school with full-time teachers,
  teachers with admin posts (兼行政), administrative staff and 職工.
- below the county, a 鄉公所 and a 國民小學, each with its own head and personnel office, so
  the county's roll-ups (the gender-friendly survey) count several agencies.

Deterministic (one seeded random generator), and idempotent: loading twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Agency, Person, RoleAssignment, Unit
from .services import agency_create, person_create, role_grant, unit_create, unit_set_head

DEMO_PASSWORD = "chaiqin-demo-2026"

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN_F = ["雅婷", "怡君", "佳穎", "淑芬", "美玲", "欣怡", "詩涵", "宜蓁", "思妤", "惠雯", "靜宜", "婉婷", "佩珊", "家瑜", "玉萍", "筱涵"]
GIVEN_M = ["志明", "家豪", "俊宏", "建宏", "冠宇", "承恩", "宗翰", "柏翰", "文彬", "育誠", "明哲", "信宏", "國華", "智偉", "子翔", "正雄"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    who: str


# Every person who decides a step of a demo login's leave (agent, 直屬主管, 單位主管, 人事, 機關首長)
# or of a mainland trip (政風) has a log-in, so every route can be walked to its end with these only.
DEMO_LOGINS = [
    DemoLogin("employee", "員工", "花蓮縣政府 民政處 科員"),
    DemoLogin("agent", "職務代理人", "花蓮縣政府 民政處 同科同仁（員工的代理人）"),
    DemoLogin("supervisor", "直屬主管", "花蓮縣政府 民政處 科長"),
    DemoLogin("director", "單位主管", "花蓮縣政府 民政處 處長"),
    DemoLogin("personnel", "人事人員", "花蓮縣政府 人事處 科員"),
    DemoLogin("personnel2", "人事人員", "花蓮縣政府 人事處 科員（核人事人員本人的假）"),
    DemoLogin("hr-chief", "直屬主管", "花蓮縣政府 人事處 科長"),
    DemoLogin("hr-director", "單位主管", "花蓮縣政府 人事處 處長"),
    DemoLogin("ethics", "政風人員", "花蓮縣政府 政風處 科員"),
    DemoLogin("ethics-chief", "直屬主管", "花蓮縣政府 政風處 科長"),
    DemoLogin("ethics-director", "單位主管", "花蓮縣政府 政風處 處長"),
    DemoLogin("admin", "系統管理者", "花蓮縣政府 行政暨研考處 資訊管理師"),
    DemoLogin("it-chief", "直屬主管", "花蓮縣政府 行政暨研考處 科長"),
    DemoLogin("it-director", "單位主管", "花蓮縣政府 行政暨研考處 處長"),
    DemoLogin("magistrate", "機關首長", "花蓮縣政府 縣長"),
    DemoLogin("secretary", "職務代理人", "花蓮縣政府 縣長室 機要秘書（縣長的代理人）"),
    DemoLogin("township-head", "機關首長", "花蓮縣壽豐鄉公所 鄉長"),
    DemoLogin("township-hr", "人事人員", "花蓮縣壽豐鄉公所 人事室 主任"),
    DemoLogin("township-hr2", "人事人員", "花蓮縣壽豐鄉公所 人事室 助理員"),
    DemoLogin("elementary-principal", "機關首長", "花蓮縣立志學國民小學 校長"),
    DemoLogin("elementary-hr", "人事人員", "花蓮縣立志學國民小學 人事室 主任"),
    DemoLogin("elementary-hr2", "人事人員", "花蓮縣立志學國民小學 人事室 幹事"),
    DemoLogin("teacher", "專任教師", "國立恆春工商 機械科 教師"),
    DemoLogin("teacher2", "職務代理人", "國立恆春工商 機械科 教師（教師的代理人）"),
    DemoLogin("dept-head", "單位主管", "國立恆春工商 機械科 科主任"),
    DemoLogin("school-hr", "學校人事人員", "國立恆春工商 人事室 主任"),
    DemoLogin("school-hr2", "學校人事人員", "國立恆春工商 人事室 組員"),
    DemoLogin("principal", "機關首長", "國立恆春工商 校長"),
    DemoLogin("worker", "勞工（勞動基準法）", "花蓮縣政府 民政處 工友"),
]

# Who to name as agent (代理人) when each demo login asks for leave: a colleague with a log-in,
# of the same unit where there is one (the one-person 首長 offices name their personnel officer).
DEMO_AGENTS = {
    "employee": "agent", "agent": "employee", "supervisor": "employee", "director": "supervisor",
    "personnel": "personnel2", "personnel2": "personnel", "hr-chief": "personnel", "hr-director": "hr-chief",
    "ethics": "ethics-chief", "ethics-chief": "ethics", "ethics-director": "ethics-chief",
    "admin": "it-chief", "it-chief": "admin", "it-director": "it-chief",
    "magistrate": "secretary", "secretary": "magistrate",
    "township-head": "township-hr", "township-hr": "township-hr2", "township-hr2": "township-hr",
    "elementary-principal": "elementary-hr", "elementary-hr": "elementary-hr2", "elementary-hr2": "elementary-hr",
    "teacher": "teacher2", "teacher2": "teacher", "dept-head": "teacher",
    "school-hr": "school-hr2", "school-hr2": "school-hr", "principal": "school-hr", "worker": "employee",
}

# Log-ins of the county's units: (unit, section, staff number) -> username; the heads by unit.
COUNTY_STAFF_LOGINS = {("民政處", 0, 0): "employee", ("民政處", 0, 1): "agent", ("人事處", 0, 0): "personnel",
                       ("人事處", 0, 1): "personnel2", ("政風處", 0, 0): "ethics", ("行政暨研考處", 0, 0): "admin"}
COUNTY_CHIEF_LOGINS = {"民政處": "supervisor", "人事處": "hr-chief", "政風處": "ethics-chief", "行政暨研考處": "it-chief"}
COUNTY_DIRECTOR_LOGINS = {"民政處": "director", "人事處": "hr-director", "政風處": "ethics-director",
                          "行政暨研考處": "it-director"}


def demo_who(login: DemoLogin) -> str:
    """Who `login` is, from the loaded data: agency, unit, title and name (the static text if absent)."""
    person = Person.objects.select_related("agency", "unit").filter(user__username=login.username).first()
    if person is None:
        return login.who
    agency = person.agency.short_name or person.agency.name
    return f"{agency} {person.unit.name} {person.title} {person.name}"


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def pick(self, gender: str) -> str:
        pool = GIVEN_F if gender == "F" else GIVEN_M
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(pool)
            if name not in self.used:
                self.used.add(name)
                return name


class _Builder:
    def __init__(self, agency: Agency, prefix: str, rng: random.Random, names: _Names):
        self.agency, self.prefix, self.rng, self.names = agency, prefix, rng, names
        self.count = 0

    def person(self, unit: Unit, post: str, title: str, *, supervisor=None, gender=None, username=None,
               hire: date | None = None, status=Person.Status.ACTIVE) -> Person:
        self.count += 1
        gender = gender or self.rng.choice("MF")
        hire = hire or date(self.rng.randint(1994, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return person_create(
            agency=self.agency, unit=unit, employee_no=f"{self.prefix}{self.count:04d}", name=self.names.pick(gender),
            gender=gender, post=post, title=title, supervisor=supervisor, hire_date=hire, status=status,
            prior_service_months=self.rng.choice([0, 0, 0, 12, 24, 36]),
            email=f"{username or self.prefix.lower() + str(self.count)}@demo.chaiqin.tw",
            username=username, password=DEMO_PASSWORD if username else None,
        )


def _county(rng: random.Random, names: _Names) -> Agency:
    P = Person.Post
    agency = agency_create(code="376550000A", name="花蓮縣政府", short_name="花蓮縣府", kind=Agency.Kind.AGENCY,
                           office_start="08:00", office_end="17:00", lunch_start="12:00", lunch_end="13:00",
                           flex_minutes=30, comp_time_months=24)
    b = _Builder(agency, "HL", rng, names)
    head_unit = unit_create(agency=agency, name="縣長室", sort_order=0)
    magistrate = b.person(head_unit, P.ADMIN, "縣長", gender="M", hire=date(2018, 12, 25), username="magistrate")
    unit_set_head(unit=head_unit, head=magistrate)
    role_grant(person=magistrate, role=RoleAssignment.Role.AGENCY_HEAD)
    b.person(head_unit, P.DRIVER, "駕駛", supervisor=magistrate, gender="M")
    b.person(head_unit, P.CONTRACT, "機要秘書", supervisor=magistrate, username="secretary")

    units = ["民政處", "財政處", "教育處", "建設處", "社會處", "人事處", "政風處", "主計處", "行政暨研考處"]
    for order, unit_name in enumerate(units, start=1):
        unit = unit_create(agency=agency, name=unit_name, sort_order=order)
        director = b.person(unit, P.ADMIN, "處長", supervisor=magistrate, username=COUNTY_DIRECTOR_LOGINS.get(unit_name))
        unit_set_head(unit=unit, head=director)
        for section in range(2):
            chief = b.person(unit, P.ADMIN, "科長", supervisor=director,
                             username=COUNTY_CHIEF_LOGINS.get(unit_name) if section == 0 else None,
                             gender="M" if unit_name == "民政處" and section == 0 else None)
            for n in range(2):
                login = COUNTY_STAFF_LOGINS.get((unit_name, section, n))
                staff = b.person(unit, P.ADMIN, "資訊管理師" if login == "admin" else rng.choice(["科員", "專員", "技士", "辦事員"]),
                                 supervisor=chief, username=login, gender="F" if login == "employee" else None)
                if login == "personnel" or (unit_name == "人事處" and n == 1):
                    role_grant(person=staff, role=RoleAssignment.Role.PERSONNEL)
                if login == "admin":
                    role_grant(person=staff, role=RoleAssignment.Role.SYSADMIN)
                if login == "ethics":
                    role_grant(person=staff, role=RoleAssignment.Role.ETHICS)
            b.person(unit, P.CONTRACT, "約聘研究員", supervisor=chief)
        if unit_name == "政風處":
            # The head of 政風 reviews the ethics officer's own mainland trips.
            role_grant(person=director, role=RoleAssignment.Role.ETHICS)
        b.person(unit, rng.choice([P.TECHNICIAN, P.JANITOR]), rng.choice(["技工", "工友"]), supervisor=director,
                 username="worker" if unit_name == "民政處" else None)
        if order % 3 == 0:
            b.person(unit, P.CONTRACT_LABOR, "約用人員", supervisor=director,
                     status=Person.Status.UNPAID_LEAVE if order == 6 else Person.Status.ACTIVE)
    return agency


def _school(rng: random.Random, names: _Names) -> Agency:
    P = Person.Post
    agency = agency_create(code="301150000A", name="國立恆春高級工商職業學校", short_name="國立恆春工商",
                           kind=Agency.Kind.SCHOOL, office_start="08:00", office_end="17:00",
                           lunch_start="12:30", lunch_end="13:00", flex_minutes=0, comp_time_months=12)
    b = _Builder(agency, "HC", rng, names)
    office = unit_create(agency=agency, name="校長室", sort_order=0)
    principal = b.person(office, P.TEACHER_ADMIN, "校長", gender="F", hire=date(2001, 8, 1), username="principal")
    unit_set_head(unit=office, head=principal)
    role_grant(person=principal, role=RoleAssignment.Role.AGENCY_HEAD)

    for order, (unit_name, sections) in enumerate(
        [("教務處", ["教學組長", "註冊組長", "設備組長"]), ("學務處", ["訓育組長", "生輔組長", "衛生組長"]),
         ("總務處", ["事務組長", "文書組長"]), ("實習處", ["實習組長", "就業輔導組長"]), ("輔導室", ["輔導組長"])],
        start=1,
    ):
        unit = unit_create(agency=agency, name=unit_name, sort_order=order)
        director = b.person(unit, P.TEACHER_ADMIN, unit_name[:2] + "主任", supervisor=principal)
        unit_set_head(unit=unit, head=director)
        for section in sections:
            b.person(unit, P.TEACHER_ADMIN, section, supervisor=director)
        b.person(unit, P.ADMIN, "幹事", supervisor=director)
        if unit_name == "總務處":
            b.person(unit, P.TECHNICIAN, "技工", supervisor=director, gender="M")
            b.person(unit, P.JANITOR, "工友", supervisor=director)
            b.person(unit, P.WORKER, "職工", supervisor=director)
            b.person(unit, P.CONTRACT_LABOR, "專案助理", supervisor=director)

    for order, unit_name in enumerate(["人事室", "會計室"], start=10):
        unit = unit_create(agency=agency, name=unit_name, sort_order=order)
        director = b.person(unit, P.ADMIN, unit_name[:2] + "主任", supervisor=principal,
                            username="school-hr" if unit_name == "人事室" else None)
        unit_set_head(unit=unit, head=director)
        clerk = b.person(unit, P.ADMIN, "組員", supervisor=director,
                         username="school-hr2" if unit_name == "人事室" else None)
        if unit_name == "人事室":
            role_grant(person=director, role=RoleAssignment.Role.PERSONNEL)
            role_grant(person=clerk, role=RoleAssignment.Role.PERSONNEL)

    for order, dept in enumerate(["機械科", "電機科", "商業經營科", "餐飲管理科", "普通科"], start=20):
        unit = unit_create(agency=agency, name=dept, sort_order=order)
        head = b.person(unit, P.TEACHER_ADMIN, "科主任", supervisor=principal,
                        username="dept-head" if dept == "機械科" else None)
        unit_set_head(unit=unit, head=head)
        for n in range(6):
            b.person(unit, P.TEACHER, rng.choice(["教師", "教師", "導師"]), supervisor=head,
                     username={0: "teacher", 1: "teacher2"}.get(n) if dept == "機械科" else None)
    return agency


def _subordinate(county: Agency, rng: random.Random, names: _Names, *, code: str, name: str, short: str,
                 kind: str, prefix: str, head_title: str, units: list[str], logins: dict[str, str]) -> Agency:
    """A small agency below the county (a 鄉公所, a 國民小學) with its own head and personnel office of two.

    `logins` names the log-ins of its head ("head") and of the personnel office ("hr", "hr2").
    """
    P = Person.Post
    school = kind == Agency.Kind.SCHOOL
    fields = dict(lunch_start="12:30", lunch_end="13:00", flex_minutes=0, comp_time_months=12) if school else \
        dict(flex_minutes=30, comp_time_months=24)
    agency = agency_create(code=code, name=name, short_name=short, kind=kind, parent=county, **fields)
    b = _Builder(agency, prefix, rng, names)
    office = unit_create(agency=agency, name=units[0], sort_order=0)
    head = b.person(office, P.TEACHER_ADMIN if school else P.ADMIN, head_title, hire=date(2012, 8, 1),
                    username=logins["head"])
    unit_set_head(unit=office, head=head)
    role_grant(person=head, role=RoleAssignment.Role.AGENCY_HEAD)
    hr_unit = unit_create(agency=agency, name="人事室", sort_order=90)
    hr = b.person(hr_unit, P.ADMIN, "主任", supervisor=head, username=logins["hr"])
    unit_set_head(unit=hr_unit, head=hr)
    hr2 = b.person(hr_unit, P.ADMIN, "幹事" if school else "助理員", supervisor=hr, username=logins["hr2"])
    for person in (hr, hr2):
        role_grant(person=person, role=RoleAssignment.Role.PERSONNEL)
    for order, unit_name in enumerate(units[1:], start=1):
        unit = unit_create(agency=agency, name=unit_name, sort_order=order)
        lead = b.person(unit, P.TEACHER_ADMIN if school else P.ADMIN, "主任" if school else "課長", supervisor=head)
        unit_set_head(unit=unit, head=lead)
        for n in range(3):
            b.person(unit, P.TEACHER if school else P.ADMIN, "教師" if school else rng.choice(["課員", "辦事員"]),
                     supervisor=lead, gender="FM"[n % 2])
    b.person(office, P.JANITOR, "工友", supervisor=head)
    return agency


def _subordinates(county: Agency, rng: random.Random, names: _Names) -> None:
    # Demo agencies (their codes are made up): the county's survey roll-up counts them with the county.
    _subordinate(county, rng, names, code="376550900X", name="花蓮縣壽豐鄉公所", short="壽豐鄉公所",
                 kind=Agency.Kind.AGENCY, prefix="SF", head_title="鄉長", units=["鄉長室", "民政課", "農業課"],
                 logins={"head": "township-head", "hr": "township-hr", "hr2": "township-hr2"})
    _subordinate(county, rng, names, code="376550901X", name="花蓮縣立志學國民小學", short="志學國小",
                 kind=Agency.Kind.SCHOOL, prefix="ZX", head_title="校長", units=["校長室", "教務處", "學務處"],
                 logins={"head": "elementary-principal", "hr": "elementary-hr", "hr2": "elementary-hr2"})


@transaction.atomic
def demo_load() -> tuple[bool, int]:
    """Load the demo agencies and people unless present. Returns (created, number of people)."""
    if Agency.objects.filter(code="376550000A").exists():
        return False, Person.objects.count()
    rng = random.Random(2026)
    names = _Names(rng)
    county = _county(rng, names)
    _school(rng, names)
    _subordinates(county, rng, names)
    # Only the system administrator reaches /admin/; the personnel offices work in the console and
    # their accounts never get is_staff.
    user_model = get_user_model()
    user_model.objects.filter(person__roles__role=RoleAssignment.Role.SYSADMIN).update(is_staff=True, is_superuser=True)
    return True, Person.objects.count()
