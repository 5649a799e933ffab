"""Daily e-mail digests, for cron (e.g. `15 7 * * 1-5 manage.py send_reminders`): to each decider
the steps waiting for them, with the WFH days of the people they supervise or whose unit they
head that ended without a daily work log or punches; and to each person and their supervisor the
attendance problems of the day before (未刷卡, 曠職). Each digest can be turned off in the settings
(CHAIQIN_REMIND_DECIDERS, CHAIQIN_REMIND_ATTENDANCE). Reads only; mail that fails is reported."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from chaiqin import clock
from chaiqin.attendance import selectors as attendance
from chaiqin.dates import format_roc, format_roc_datetime, parse_date
from chaiqin.org.models import Person
from chaiqin.wfh import selectors as wfh
from chaiqin.workflow import registry
from chaiqin.workflow.models import Case, Step

ATTENDANCE_CODES = {"missing_punch": "未刷卡", "absent": "曠職"}


class Command(BaseCommand):
    help = "寄送每日提醒：待簽核案件（給簽核人）、前一日出勤異常（給本人及直屬主管）"

    def add_arguments(self, parser):
        parser.add_argument("--day", help="出勤異常之日（預設昨日），民國或西元日期")

    def handle(self, *args, day=None, **options):
        sent = failed = 0
        letters = []
        if getattr(settings, "CHAIQIN_REMIND_DECIDERS", True):
            letters += self._deciders()
        if getattr(settings, "CHAIQIN_REMIND_ATTENDANCE", True):
            letters += self._attendance(parse_date(day) if day else clock.today() - timedelta(days=1))
        for to, subject, body in letters:
            try:
                send_mail(subject, body, None, [to])
                sent += 1
            except Exception as exc:  # noqa: BLE001 - one bad address or a down server must not stop the rest
                failed += 1
                self.stderr.write(f"寄送失敗 {to}：{exc}")
        self.stdout.write(f"已寄出提醒 {sent} 封" + (f"，失敗 {failed} 封" if failed else "") + "。")

    def _deciders(self) -> list[tuple[str, str, str]]:
        waiting = defaultdict(list)
        steps = (Step.objects.filter(status=Step.Status.CURRENT, case__status=Case.Status.PENDING)
                 .select_related("case", "case__applicant", "decider").order_by("case__created_at"))
        for step in steps:
            if step.decider.email:
                waiting[step.decider].append(step)
        unlogged = self._wfh_missing()
        letters = []
        for decider in list(waiting) + [d for d in unlogged if d not in waiting]:
            items, missing = waiting.get(decider, []), unlogged.get(decider, [])
            parts = []
            if items:
                parts.append("下列案件待您簽核：\n" + "\n".join(
                    f"・{registry.label_of(s.case.kind)}：{s.case.title}（{s.case.applicant.name}，"
                    f"{format_roc_datetime(s.case.created_at)}送出）" for s in items))
            if missing:
                parts.append("所屬同仁居家辦公日缺漏（居家辦公作業規範第5點第3款第2目、第4款第2目）：\n" + "\n".join(
                    f"・{m.day.person.name} {format_roc(m.day.date)}：{'、'.join(m.problems)}" for m in missing))
            subject = "、".join(([f"待您簽核 {len(items)} 件"] if items else [])
                                + ([f"居家辦公缺漏 {len(missing)} 日"] if missing else []))
            letters.append((decider.email, f"[差勤系統] {subject}", f"{decider.name}您好：\n\n" + "\n\n".join(parts)))
        return letters

    def _wfh_missing(self) -> dict:
        """Decider -> the ended WFH days lacking a log or punches of the people they supervise
        directly or whose unit they head (both are told, once each)."""
        found = defaultdict(list)
        people = Person.objects.filter(status=Person.Status.ACTIVE)
        for entry in wfh.missing_days(people, now=clock.now()):
            person = entry.day.person
            for decider in {p for p in (person.supervisor, person.unit.head) if p is not None and p.pk != person.pk}:
                if decider.email:
                    found[decider].append(entry)
        return found

    def _attendance(self, day) -> list[tuple[str, str, str]]:
        people = list(Person.objects.filter(status=Person.Status.ACTIVE).select_related("agency", "supervisor"))
        statuses = attendance.daily_statuses(people, day, day)
        by_id = {p.pk: p for p in people}
        own, for_supervisor = [], defaultdict(list)
        for person_id, days in statuses.items():
            problems = [ATTENDANCE_CODES[c] for d in days for c in d.codes if c in ATTENDANCE_CODES]
            if not problems:
                continue
            person = by_id[person_id]
            text = f"{person.name} {format_roc(day)}：{'、'.join(problems)}"
            if person.email:
                own.append((person.email, f"[差勤系統] {format_roc(day)}出勤異常：{'、'.join(problems)}",
                            f"{person.name}您好：\n\n{text}。未刷卡請填寫上下班未刷卡補登單；如已請假或出差，請確認已送出申請。"))
            if person.supervisor and person.supervisor.email:
                for_supervisor[person.supervisor].append(text)
        letters = own
        for supervisor, lines in for_supervisor.items():
            letters.append((supervisor.email, f"[差勤系統] 所屬同仁{format_roc(day)}出勤異常 {len(lines)} 人",
                            f"{supervisor.name}您好：\n\n" + "\n".join(f"・{line}" for line in lines)))
        return letters
