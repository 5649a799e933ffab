"""Every write to the organisation: one entry point per change, validated, in a transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Agency, Person, RoleAssignment, Unit


@transaction.atomic
def agency_create(*, code: str, name: str, parent: Agency | None = None, **fields) -> Agency:
    agency = Agency(code=code, name=name, parent=parent, **fields)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def unit_create(*, agency: Agency, name: str, code: str = "", sort_order: int = 0) -> Unit:
    unit = Unit(agency=agency, name=name, code=code, sort_order=sort_order)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_set_head(*, unit: Unit, head: Person | None) -> Unit:
    unit.head = head
    unit.full_clean()
    unit.save(update_fields=["head"])
    return unit


@transaction.atomic
def person_create(
    *,
    agency: Agency,
    unit: Unit,
    employee_no: str,
    name: str,
    gender: str,
    post: str,
    hire_date: date,
    regime: str | None = None,
    title: str = "",
    supervisor: Person | None = None,
    prior_service_months: int = 0,
    status: str = Person.Status.ACTIVE,
    email: str = "",
    username: str | None = None,
    password: str | None = None,
) -> Person:
    """Create a person (and a log-in when `username` is given). The regime follows the post unless given.

    Raises ValidationError (Chinese) for an unknown regime, a regime that does not fit the
    post, a unit or supervisor of another agency.
    """
    person = Person(
        agency=agency,
        unit=unit,
        employee_no=employee_no,
        name=name,
        gender=gender,
        post=post,
        regime=regime or Person.POST_REGIME.get(post, ""),
        title=title,
        supervisor=supervisor,
        prior_service_months=prior_service_months,
        hire_date=hire_date,
        status=status,
        email=email,
    )
    person.full_clean()
    if username:
        user = get_user_model()(username=username, email=email)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        person.user = user
    person.save()
    return person


@transaction.atomic
def person_set_supervisor(*, person: Person, supervisor: Person | None) -> Person:
    person.supervisor = supervisor
    person.full_clean()
    person.save(update_fields=["supervisor"])
    return person


@transaction.atomic
def role_grant(*, person: Person, role: str, agency: Agency | None = None) -> RoleAssignment:
    assignment = RoleAssignment(person=person, role=role, agency=agency or person.agency)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def person_link_login(*, person: Person, username: str):
    """A log-in for `person`, who has none, named `username` and without a usable password (the
    first directory log-in, chaiqin/org/directory.py). Raises ValueError if the name is taken."""
    users = get_user_model()
    if person.user_id:
        return person.user
    if users.objects.filter(username__iexact=username).exists():
        raise ValueError(username)
    user = users(username=username, email=person.email)
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


@transaction.atomic
def person_set_card_no(*, actor: Person, person: Person, card_no: str) -> Person:
    """The personnel office records the number of a person's access card (卡號), as the agency's
    card readers write it; empty clears it. One card, one person, within an agency."""
    from chaiqin.errors import ChaiqinError

    from .access import holds_role

    if not holds_role(actor, person.agency, "personnel", "sysadmin"):
        raise ChaiqinError("只有本機關的人事人員或系統管理者可以設定卡號。", code="forbidden")
    card_no = (card_no or "").strip()
    if len(card_no) > 32 or (card_no and not card_no.isprintable()):
        raise ChaiqinError("卡號最多 32 個字元，且不可含控制字元。", field="card_no")
    holder = (Person.objects.select_for_update().filter(agency=person.agency, card_no=card_no)
              .exclude(pk=person.pk).first() if card_no else None)
    if holder is not None:
        raise ChaiqinError(f"卡號「{card_no}」已登錄給本機關的{holder.name}（考勤代號 {holder.employee_no}），"
                           "同一張卡不可對應兩人。", field="card_no")
    person.card_no = card_no
    person.save(update_fields=["card_no"])
    return person
