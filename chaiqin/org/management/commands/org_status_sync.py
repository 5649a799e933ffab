"""Daily: set each person's status to today's (留職停薪 or 離職 entered ahead begins on its day)."""

from django.core.management.base import BaseCommand

from chaiqin.org import staffing


class Command(BaseCommand):
    help = "依任職狀態期間更新人員今日的狀態（預先登錄的留職停薪、離職於當日生效）"

    def handle(self, *args, **options):
        changed = staffing.status_sync()
        self.stdout.write(f"已更新 {changed} 人的任職狀態。")
