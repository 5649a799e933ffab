"""manage.py close_leave_year --on YYYY-MM-DD: the leave ledger's year end (leave/yearend.py).

Closes every annual-leave year that ended before the date (carry-over, payout, lapse as ledger
rows) and expires comp time past its limit. Safe to run twice: a closed year is not closed again.
"""

from django.core.management.base import BaseCommand, CommandError

from chaiqin import clock
from chaiqin.dates import DateInputError, parse_date
from chaiqin.leave.yearend import leave_year_close


class Command(BaseCommand):
    help = "請假年度結算：休假保留／遞延／折發工資／失效，補休逾期，皆記入假別帳目（可重複執行）。"

    def add_arguments(self, parser):
        parser.add_argument("--on", dest="on", default="", help="結算日（民國或西元，如 2027-01-01）；預設今天")

    def handle(self, *args, **options):
        try:
            on = parse_date(options["on"]) if options["on"] else clock.today()
        except DateInputError as exc:
            raise CommandError(f"結算日格式有誤：{exc}") from None
        summary = leave_year_close(on=on)
        self.stdout.write(f"{on.isoformat()}：{summary}")
        if summary.problems:
            for line in summary.problems:
                self.stderr.write(line)
