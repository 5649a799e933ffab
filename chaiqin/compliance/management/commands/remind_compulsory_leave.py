"""From September on, remind those behind on their compulsory annual leave days (休假改進措施;
seed 003 國民旅遊卡 Q.1: 至年終未休畢者視為放棄)."""

from django.core.management.base import BaseCommand
from django.urls import reverse

from chaiqin import clock
from chaiqin.org.models import Agency
from chaiqin.workflow.services import notify

from ... import selectors

def _days(value) -> str:
    return f"{value.normalize():f}"


FIRST_MONTH = 9  # the autumn reminder starts in September (the issue: "reminders in the autumn")


class Command(BaseCommand):
    help = "提醒尚未休畢強制休假日數（10日）的人員（9月起執行）"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="9月以前也執行")

    def handle(self, *args, force=False, **options):
        today = clock.today()
        if today.month < FIRST_MONTH and not force:
            self.stdout.write(f"{today:%Y-%m-%d}：9月起才提醒，未執行。")
            return
        sent = 0
        for agency in Agency.objects.all():
            behind = selectors.people_behind_on_leave(agency, today.year)
            if behind is None:
                self.stdout.write(f"{agency.name}：請假帳目尚未建置，無法判斷已休日數，未提醒。")
                continue
            for card in behind:
                notify(person=card.person, url=reverse("compliance:travel_card"),
                       message=(f"您{today.year}年度尚須休畢 {_days(card.compulsory.owed)} 日休假（應休 {_days(card.compulsory.required)} 日，"
                                f"已休 {_days(card.compulsory.taken)} 日），年終未休畢者視為放棄（{card.compulsory.citation}）。"))
                sent += 1
        self.stdout.write(f"已提醒 {sent} 人。")
