"""The API's shapes of agencies and people, shared by the top-level API and the org routes."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class AgencyOut(Schema):
    id: int
    code: str
    name: str


class PersonOut(Schema):
    id: int
    employee_no: str
    name: str
    gender: str
    regime: str
    post: str
    title: str
    hire_date: date
    status: str
    agency: AgencyOut
    unit_name: str
    supervisor_id: int | None

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class StaffOut(PersonOut):
    """A person as the personnel office's own routes show them: with the access card's number,
    which only the office keeps (the readers' files name it; no one else needs to see it)."""

    card_no: str
