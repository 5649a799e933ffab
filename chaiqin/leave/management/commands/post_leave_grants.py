"""manage.py post_leave_grants --on YYYY-MM-DD: post the year's leave grants of everyone in service.

For cron at the start of each year (and each school year, 8/1): every yearly quota of every
person in service (annual leave by seniority, 事假, 病假 … prorated in the first year) is
posted once as a grant row of the ledger (ledger.grants_post). Pages never post grants; they
show a grant not posted yet as the law gives it. Safe to run twice.
"""

from django.core.management.base import BaseCommand, CommandError

from chaiqin import clock
from chaiqin.dates import DateInputError, format_roc, parse_date
from chaiqin.leave import ledger
from chaiqin.org.models import Person


class Command(BaseCommand):
    help = "核給年度假別額度：在職人員之休假、事假、病假等，每人每年度入帳一次（可重複執行）。"

    def add_arguments(self, parser):
        parser.add_argument("--on", dest="on", default="", help="核給日（民國或西元，如 116-01-01）；預設今天")

    def handle(self, *args, **options):
        try:
            on = parse_date(options["on"]) if options["on"] else clock.today()
        except DateInputError as exc:
            raise CommandError(f"核給日格式有誤：{exc}") from None
        people = posted = 0
        for person in (Person.objects.filter(status=Person.Status.ACTIVE, hire_date__lte=on)
                       .select_related("agency").order_by("pk").iterator(chunk_size=500)):
            posted += len(ledger.grants_post(person=person, on=on))
            people += 1
        self.stdout.write(f"{format_roc(on)}：{people} 人，入帳 {posted} 筆（已入帳者不重複）。")
