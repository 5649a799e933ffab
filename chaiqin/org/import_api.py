"""REST API of the staff import: `POST /api/org/people/import` (the personnel office's own agency only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from . import access, imports, services
from .models import RoleAssignment

router = Router(tags=["人事管理"])


class ImportErrorOut(Schema):
    row: int
    message: str


class InitialPasswordOut(Schema):
    employee_no: str
    name: str
    username: str
    password: str


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    errors: list[ImportErrorOut]
    initial_passwords: list[InitialPasswordOut]


def personnel_of(user):
    """The Person of `user` if they hold the personnel role in their own agency, else 403 (Chinese)."""
    me = access.person_of(user)
    if not access.holds_role(me, me.agency_id, RoleAssignment.Role.PERSONNEL):
        raise PermissionDenied("只有本機關的人事人員可以匯入人員資料。")
    return me


@router.post("/people/import", response={200: ImportOut, 400: ImportOut},
             summary="匯入人員資料（CSV UTF-8／Big5 或 XLSX；dry_run=true 只檢查不儲存）")
def people_import(request, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Every row is checked; any bad row means nothing is saved (400 with each row's problem; row 0 is
    the file as a whole). `initial_passwords` lists the one-time passwords of new log-ins, once."""
    me = personnel_of(request.user)
    result = services.people_import(agency=me.agency, data=file.read(imports.MAX_BYTES + 1), filename=file.name or "",
                                    actor=me, dry_run=dry_run)
    body = {
        "rows": result.rows, "created": result.created, "updated": result.updated,
        "errors": [{"row": e.row, "message": e.message} for e in result.errors],
        "initial_passwords": [{"employee_no": no, "name": name, "username": username, "password": password}
                              for no, name, username, password in result.passwords],
    }
    return Status(400 if result.errors and not dry_run else 200, body)
