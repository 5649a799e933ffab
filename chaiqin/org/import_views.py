"""Pages of the staff import (人員資料匯入) under /console/import/: the form with its dry run, the
result (each bad row, the one-time passwords of new log-ins) and the templates to download.

Thin: check the personnel role, call `org.services.people_import`, render.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from openpyxl import Workbook
from openpyxl.styles import Font

from chaiqin.web import shown_once
from chaiqin.web.pages import render_page
from chaiqin.web.uploads import UploadField

from . import imports, services
from .import_api import personnel_of
from .models import PeopleImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeopleImportForm(forms.Form):
    file = UploadField(label="人員資料檔（CSV 或 XLSX）")


@login_required
def people_import(request):
    me = personnel_of(request.user)
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.people_import(agency=me.agency, data=upload.read(imports.MAX_BYTES + 1),
                                        filename=upload.name, actor=me, dry_run="dry_run" in request.POST)
        if result.saved:
            # post/redirect/get: the one-time passwords show once, and a reload imports nothing again
            shown_once.keep(request, "people_import", {"rows": result.rows, "created": result.created,
                                                       "updated": result.updated, "ignored": result.ignored,
                                                       "passwords": result.passwords})
            return redirect("people_import:form")
    elif request.method == "GET" and (saved := shown_once.take(request, "people_import")) is not None:
        saved["passwords"] = [tuple(row) for row in saved["passwords"]]
        result = services.ImportResult(**saved)
    return render_page(request, "org/import.html", "console", form=form, result=result, columns=imports.COLUMNS,
                       max_rows=imports.MAX_ROWS, max_mb=imports.MAX_BYTES // (1024 * 1024),
                       recent=PeopleImport.objects.filter(agency=me.agency).select_related("imported_by")[:10])


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def template_csv(request):
    personnel_of(request.user)
    header, _ = imports.template_rows()
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow(header)
    # With a BOM, Excel opens the UTF-8 file with its Chinese headers intact.
    return _attachment(("\ufeff" + text.getvalue()).encode("utf-8"), "text/csv; charset=utf-8", "people-import.csv")


@login_required
def template_xlsx(request):
    personnel_of(request.user)
    header, example = imports.template_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "人員資料"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(imports.COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(column.example) + 4)
        if column.key in imports.TEXT_KEYS:
            # The column's cells are text, not numbers: Excel would drop a card number's leading
            # zeros (0000012345 → 12345).
            sheet.column_dimensions[letter].number_format = "@"
    notes = book.create_sheet("填寫說明")
    notes.append(["欄位", "必填", "範例", "說明"])
    for column in imports.COLUMNS:
        notes.append([column.header, "是" if column.required else "否", column.example, column.help])
    notes.append([])
    notes.append([f"每次至多 {imports.MAX_ROWS:,} 列；第1列為欄位名稱（順序不拘），第2列起每列一人。"])
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(buffer.getvalue(), XLSX, "people-import.xlsx")
