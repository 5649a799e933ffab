"""Benchmark of the card-reader file formats (issue 18): the same punches written as chaiqin's
CSV, as fixed-width text and as a delimiter-separated export, each imported into a fresh table
of punches (then again: adds nothing). Prints rows a second per format.

Run:  .venv/bin/python bench/reader_formats_bench.py [--people 5000] [--punches 300000]

Uses its own SQLite file var/reader_formats_bench.sqlite3 (recreated each run).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "reader_formats_bench.sqlite3"


def write_files(folder: Path, people: list[tuple[str, str]], punches: int) -> dict[str, Path]:
    """Two punches a workday from 2026-01-05, people in turn, in each of the three formats."""
    rng = random.Random(115)
    files = {kind: (folder / f"reader_bench.{kind}.txt").open("w", encoding="utf-8")
             for kind in ("csv", "fixed", "delimited")}
    files["csv"].write("考勤代號,刷卡時間\n")
    files["delimited"].write("機號;卡號;日期;時間\n")
    written, day = 0, date(2026, 1, 5)
    while written < punches:
        if day.weekday() < 5:
            for no, card in people:
                for hour in (7, 17):
                    if written >= punches:
                        break
                    m, s = rng.randint(30, 59), rng.randint(0, 59)
                    files["csv"].write(f"{no},{day:%Y-%m-%d} {hour:02d}:{m:02d}:{s:02d}\n")
                    files["fixed"].write(f"{card:>10} {day:%Y%m%d} {hour:02d}{m:02d}{s:02d} 01\n")
                    files["delimited"].write(f"01;{card};{day:%Y/%m/%d};{hour:02d}:{m:02d}:{s:02d}\n")
                    written += 1
        day += timedelta(days=1)
    for f in files.values():
        f.close()
    return {kind: Path(f.name) for kind, f in files.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--punches", type=int, default=300_000)
    args = parser.parse_args()
    DB.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaiqin.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CHAIQIN_NOW = "2026-12-31T09:00"
    call_command("migrate", verbosity=0, skip_checks=True)

    from chaiqin.attendance import services
    from chaiqin.attendance.models import Punch
    from chaiqin.org.models import Person
    from chaiqin.org.services import agency_create, role_grant, unit_create

    agency = agency_create(code="BENCH", name="效能測試機關")
    unit = unit_create(agency=agency, name="測試科")
    Person.objects.bulk_create([
        Person(agency=agency, unit=unit, employee_no=f"B{i:05d}", card_no=f"{i + 10_000_000:010d}", name=f"人員{i}",
               gender="F", regime="civil", post="admin", hire_date=date(2015, 1, 1)) for i in range(args.people)
    ], batch_size=5000)
    officer = Person.objects.filter(agency=agency).first()
    role_grant(person=officer, role="personnel")
    people = list(Person.objects.filter(agency=agency).values_list("employee_no", "card_no"))
    files = write_files(DB.parent, people, args.punches)
    readers = {"csv": None}
    for kind, layout in (("fixed", {"key": "1-10", "date": "12-19", "time": "21-26"}),
                         ("delimited", {"delimiter": ";", "skip_lines": 1, "key": "2", "date": "3", "time": "4"})):
        device, _ = services.device_create(agency=agency, name=kind)
        readers[kind] = services.device_set_format(actor=officer, device=device, file_format=kind,
                                                   key_field="card_no", layout=layout)
    for kind, path in files.items():
        Punch.objects.all()._raw_delete(Punch.objects.db)  # no cascade to collect: one DELETE
        t0 = time.perf_counter()
        result = services.punches_import(agency=agency, stream=path.open("rb"), filename=path.name,
                                         reader=readers[kind])
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = services.punches_import(agency=agency, stream=path.open("rb"), filename=path.name,
                                        reader=readers[kind])
        second = time.perf_counter() - t0
        print(f"{kind:>9}: {result.rows:,} rows, {result.added:,} added, {len(result.errors)} errors in {first:.1f} s "
              f"({result.rows / first:,.0f} rows/s); again: {again.added} added in {second:.1f} s "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        path.unlink()


if __name__ == "__main__":
    main()
