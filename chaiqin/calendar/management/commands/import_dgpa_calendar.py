"""manage.py import_dgpa_calendar PATH: import 政府行政機關辦公日曆表 CSV files.

Exit status 0 when every file was imported, non-zero (with the errors row by row on stderr)
when any file was refused; a refused file imports nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from chaiqin.calendar.services import dgpa_calendar_import


class Command(BaseCommand):
    help = "匯入行政院人事行政總處「政府行政機關辦公日曆表」CSV（UTF-8 或 Big5）。任何一列有誤即整個檔案不匯入。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="辦公日曆表 CSV 檔")

    def handle(self, *paths, **options):
        failed = []
        for path in options["paths"]:
            try:
                report = dgpa_calendar_import(source=path)
            except OSError as error:
                self.stderr.write(f"{path}：無法讀取檔案（{error.strerror or error}）。")
                failed.append(path)
                continue
            if report.ok:
                self.stdout.write(self.style.SUCCESS(f"{path}：{report.summary()}"))
            else:
                self.stderr.write(f"{path}：{report.summary()}")
                for error in report.errors:
                    self.stderr.write(f"  {error}")
                failed.append(path)
        if failed:
            raise CommandError(f"{len(failed)} 個檔案未匯入：{'、'.join(failed)}")
