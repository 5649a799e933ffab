from django.core.management.base import BaseCommand

from chaiqin.trips.services import return_reports_remind


class Command(BaseCommand):
    help = "提醒赴大陸地區返臺後尚未填寫赴陸人員返臺通報表的人員（建議每日執行）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已發出 {return_reports_remind()} 則返臺通報表提醒。")
