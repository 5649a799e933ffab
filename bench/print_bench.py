"""Speed of printing: how long one form takes to render to PDF (WeasyPrint, Noto CJK embedded
and subset), and how big it is; and how long the balance table's XLSX and ODS take per 1,000
people (chaiqin/spreadsheets.py, no database: generated rows).

Run:  .venv/bin/python bench/print_bench.py [--forms 10] [--people 5000]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaiqin.settings")

import django  # noqa: E402

django.setup()

from chaiqin import spreadsheets  # noqa: E402
from chaiqin.printing import Signoff, render_pdf  # noqa: E402
from chaiqin.spreadsheets import Column, Group, Sheet  # noqa: E402


def form_context(n: int) -> dict:
    rows = [("申請人", f"陳雅婷{n}"), ("單位", "民政處"), ("假別", "事假"), ("請假期間", "115-03-16 08:00 至 115-03-16 17:00"),
            ("請假時數", "1日"), ("事由", "家中有事" * 10), ("職務代理人", "林柏宇")]
    boxes = [Signoff(role, name, "", "115-03-09 09:00", "同意", "") for role, name in
             (("申請人", "陳雅婷"), ("職務代理人", "周宜芳"), ("直屬主管", "林柏宇"), ("單位主管", "王黛安"), ("人事單位", "張佳穎"))]
    return {"title": "請假單", "agency_name": "花蓮縣政府", "number": f"LV-115-{n:05d}", "status": "核准",
            "rows": rows, "boxes": boxes, "notes": ["依據：公務人員請假規則第3條"]}


def bench_pdf(forms: int) -> None:
    render_pdf("print/form.html", form_context(0))  # fonts and Pango loaded once, as in a running server
    sizes, started = [], time.perf_counter()
    for n in range(forms):
        sizes.append(len(render_pdf("print/form.html", form_context(n + 1))))
    took = (time.perf_counter() - started) / forms
    print(f"PDF 請假單: {took * 1000:.0f} ms a form, {sum(sizes) / len(sizes) / 1024:.0f} KiB each ({forms} forms)")


def bench_sheet(people: int) -> None:
    columns = [Column("機關", 16), Column("單位", 16), Column("考勤代號", 11), Column("姓名", 10), Column("人員類別", 12)]
    groups = [Group("")] * 5
    for label in ("休假", "事假", "家庭照顧假", "病假", "補休"):
        columns += [Column("剩餘時數（時）", 9, "0.##"), Column("剩餘（日時）", 11)]
        groups.append(Group(label, 2))
    for fmt in spreadsheets.FORMATS:
        rows = (["花蓮縣府", "民政處", f"S{i:05d}", f"職員{i}", "公務人員"] + [56.5, "7日0時30分"] * 5 for i in range(people))
        started = time.perf_counter()
        out = io.BytesIO()
        spreadsheets.write([Sheet("假別餘額", "假別餘額", columns, rows, groups=groups, landscape=True)], fmt, out)
        took = time.perf_counter() - started
        print(f"{fmt.upper()} balance table: {took / people * 1000 * 1000:.0f} ms per 1,000 people, "
              f"{len(out.getvalue()) / 1024:.0f} KiB for {people}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=10)
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    bench_pdf(args.forms)
    bench_sheet(args.people)
