"""manage.py generate_county --people N --seed S: a county of N people with a year of history (chaiqin.datagen)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import connection

from chaiqin.datagen import PASSWORD, generate_county


class Command(BaseCommand):
    help = "產生一個 N 人的模擬縣（縣政府、局、鄉鎮市公所、學校）及一年的刷卡、請假、加班、出差與居家辦公紀錄（效能測試用）。"

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--until", type=date.fromisoformat, default=None,
                            help="history up to the day before this date (default: today per chaiqin.clock)")
        parser.add_argument("--prefix", default="", help="user-name and code prefix (default c{seed}-)")
        parser.add_argument("--no-punches", action="store_true", help="skip the card punches (the largest table)")

    def handle(self, *args, **options):
        report = generate_county(people=options["people"], seed=options["seed"], until=options["until"],
                                 prefix=options["prefix"], punches=not options["no_punches"],
                                 log=lambda line: self.stdout.write(line))
        self.stdout.write(report.line())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                self.stdout.write(f"database size: {cursor.fetchone()[0]}")
        prefix = options["prefix"] or f"c{options['seed']}-"
        self.stdout.write(f"log-ins: {prefix}<person id>, password {PASSWORD}")
