"""The monthly overtime sheet (月加班時數統計表) as XLSX or ODS (chaiqin/spreadsheets.py): one
line per slot, a subtotal per person and per unit, hours as numbers beside the 時/分 text."""

from __future__ import annotations

from chaiqin import spreadsheets
from chaiqin.dates import TAIPEI, format_roc
from chaiqin.spreadsheets import Column, Sheet

from .models import OvertimeSlot
from .selectors import hm, monthly_sheet, sheet_by_unit

COLUMNS = [Column("單位", 14), Column("考勤代號", 11), Column("姓名", 14), Column("加班日", 11), Column("起", 7),
           Column("迄", 7), Column("核計時數（時）", 9, "0.##"), Column("核計時數", 10), Column("補償方式", 20, wrap=True),
           Column("加班費（元）", 11, "#,##0")]


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _lines(people, year: int, month: int):
    for group in sheet_by_unit(monthly_sheet(people, year, month)):
        for row in group.rows:
            for s in row.slots:
                yield [row.person.unit.name, row.person.employee_no, row.person.name, format_roc(s.day),
                       s.start.astimezone(TAIPEI).strftime("%H:%M"), s.end.astimezone(TAIPEI).strftime("%H:%M"),
                       _hours(s.minutes or 0), hm(s.minutes or 0), s.get_compensation_display(),
                       float(s.pay_amount) if s.pay_amount else None]
            yield ["", "", f"{row.person.name} 小計", "", "", "", _hours(row.total), hm(row.total), "",
                   float(row.pay) or None]
        yield [f"{group.unit.name} 單位小計", "", "", "", "", "", _hours(group.total), hm(group.total),
               "、".join(f"{OvertimeSlot.Compensation(k).label}{hm(v)}" for k, v in group.minutes.items() if v),
               float(group.pay) or None]


def monthly_sheet_file(people, year: int, month: int, *, title: str, fmt: str) -> bytes:
    sheet = Sheet(f"{year - 1911}年{month}月", title, COLUMNS, _lines(people, year, month), landscape=True)
    return spreadsheets.to_bytes([sheet], fmt)
