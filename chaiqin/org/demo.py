"""Demo data: two agencies modelled on the seeds, about 150 people in all three regimes.

- 花蓮縣政府 (code 376550000A, seed 004's sender): a county government with its units,
  civil servants, contract staff (約聘僱) and workers under the Labor Standards Act
  (技工, 工友, 駕駛, 約用人員).
- 國立恆春高級工商職業學校 (seed 002): a vocational high school with full-time teachers,
  teachers with admin posts (兼行政), administrative staff and 職工.

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


DEMO_LOGINS = [
    DemoLogin("employee", "員工", "花蓮縣政府 民政處 科員"),
    DemoLogin("supervisor", "直屬主管", "花蓮縣政府 民政處 科長"),
    DemoLogin("personnel", "人事人員", "花蓮縣政府 人事處 科員"),
    DemoLogin("admin", "系統管理者", "花蓮縣政府 行政暨研考處 資訊管理師"),
    DemoLogin("teacher", "專任教師", "國立恆春工商 機械科 教師"),
    DemoLogin("school-hr", "學校人事人員", "國立恆春工商 人事室 主任"),
]


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
    magistrate = b.person(head_unit, P.ADMIN, "縣長", gender="M", hire=date(2018, 12, 25))
    unit_set_head(unit=head_unit, head=magistrate)
    role_grant(person=magistrate, role=RoleAssignment.Role.AGENCY_HEAD)
    b.person(head_unit, P.DRIVER, "駕駛", supervisor=magistrate, gender="M")
    b.person(head_unit, P.CONTRACT, "機要秘書", supervisor=magistrate)

    units = ["民政處", "財政處", "教育處", "建設處", "社會處", "人事處", "政風處", "主計處", "行政暨研考處"]
    for order, unit_name in enumerate(units, start=1):
        unit = unit_create(agency=agency, name=unit_name, sort_order=order)
        director = b.person(unit, P.ADMIN, "處長", supervisor=magistrate)
        unit_set_head(unit=unit, head=director)
        for section in range(2):
            chief = b.person(unit, P.ADMIN, "科長", supervisor=director,
                             username="supervisor" if unit_name == "民政處" and section == 0 else None,
                             gender="M" if unit_name == "民政處" and section == 0 else None)
            for n in range(2):
                login = None
                if unit_name == "民政處" and section == 0 and n == 0:
                    login = "employee"
                elif unit_name == "人事處" and section == 0 and n == 0:
                    login = "personnel"
                elif unit_name == "行政暨研考處" and section == 0 and n == 0:
                    login = "admin"
                staff = b.person(unit, P.ADMIN, "資訊管理師" if login == "admin" else rng.choice(["科員", "專員", "技士", "辦事員"]),
                                 supervisor=chief, username=login, gender="F" if login == "employee" else None)
                if login == "personnel" or (unit_name == "人事處" and n == 1):
                    role_grant(person=staff, role=RoleAssignment.Role.PERSONNEL)
                if login == "admin":
                    role_grant(person=staff, role=RoleAssignment.Role.SYSADMIN)
                if unit_name == "政風處" and n == 0:
                    role_grant(person=staff, role=RoleAssignment.Role.ETHICS)
            b.person(unit, P.CONTRACT, "約聘研究員", supervisor=chief)
        b.person(unit, rng.choice([P.TECHNICIAN, P.JANITOR]), rng.choice(["技工", "工友"]), supervisor=director)
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
    principal = b.person(office, P.TEACHER_ADMIN, "校長", gender="F", hire=date(2001, 8, 1))
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
        clerk = b.person(unit, P.ADMIN, "組員", supervisor=director)
        if unit_name == "人事室":
            role_grant(person=director, role=RoleAssignment.Role.PERSONNEL)
            role_grant(person=clerk, role=RoleAssignment.Role.PERSONNEL)

    for order, dept in enumerate(["機械科", "電機科", "商業經營科", "餐飲管理科", "普通科"], start=20):
        unit = unit_create(agency=agency, name=dept, sort_order=order)
        head = b.person(unit, P.TEACHER_ADMIN, "科主任", supervisor=principal)
        unit_set_head(unit=unit, head=head)
        for n in range(6):
            b.person(unit, P.TEACHER, rng.choice(["教師", "教師", "導師"]), supervisor=head,
                     username="teacher" if dept == "機械科" and n == 0 else None)
    return agency


@transaction.atomic
def demo_load() -> tuple[bool, int]:
    """Load the demo agencies and people unless present. Returns (created, number of people)."""
    if Agency.objects.filter(code="376550000A").exists():
        return False, Person.objects.count()
    rng = random.Random(2026)
    names = _Names(rng)
    _county(rng, names)
    _school(rng, names)
    # Only the system administrator reaches /admin/; the personnel offices work in the console and
    # their accounts never get is_staff.
    user_model = get_user_model()
    user_model.objects.filter(person__roles__role=RoleAssignment.Role.SYSADMIN).update(is_staff=True, is_superuser=True)
    return True, Person.objects.count()
