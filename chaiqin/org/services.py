"""Every write to the organisation: one entry point per change, validated, in a transaction.

The personnel console's changes (moves, status periods, log-ins, roles, standing agents) are in
`org/staffing.py`; they pass an `actor`, and every one of them is written to the OrgEvent trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models.functions import Lower

from chaiqin import clock
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger

from . import cards, imports, initial_password
from .access import holds_role
from .models import Agency, PeopleImport, Person, RoleAssignment, Unit


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
    card_no: str = "",
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
        card_no=card_no_checked(agency_id=agency.pk, card_no=card_no) if card_no else "",
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
    _post_leave_grants_at_hire([person])
    return person


def _post_leave_grants_at_hire(people: list[Person]) -> None:
    """The year's leave grants of people just created (by person_create or the staff import) and
    taken into service today or earlier, prorated in the year of hire (公務人員請假規則第3條第2項);
    later years come from the yearly command post_leave_grants. They were created in the open
    transaction, so none of their grants exists yet: one bulk insert, no look-up or lock per grant."""
    ledger.grants_post_for_new_people(people=people, on=clock.today())


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


# --- Staff import (人員資料匯入) --------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import did (or, on a dry run or a refused file, would do): counts, errors, new log-ins.

    `passwords` lists (employee_no, name, username, one-time password) of the accounts made; it is
    shown once to the personnel office and never stored in clear.
    """

    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[imports.RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    passwords: list[tuple[str, str, str, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def saved(self) -> bool:
        return not self.dry_run and not self.errors


def _import_lookups(agency: Agency, table: imports.Table) -> imports.Lookups:
    """The agency's units, people, supervisors, unit heads, card numbers and the file's usernames: six queries."""
    people = {no: (pk, unit_id, username or "") for pk, no, unit_id, username in
              Person.objects.filter(agency=agency).values_list("pk", "employee_no", "unit_id", "user__username")}
    supervisors = dict(Person.objects.filter(agency=agency, supervisor__isnull=False)
                       .values_list("employee_no", "supervisor__employee_no"))
    heads: dict[int, list[str]] = {}
    for head_id, name in Unit.objects.filter(agency=agency, head__isnull=False).values_list("head_id", "name"):
        heads.setdefault(head_id, []).append(name)
    wanted = {name.lower() for name in imports.column_texts(table, "username")}
    usernames: dict[str, str] = {}
    # Compared lower-cased: "Zhou" and "zhou" are one account to a person typing it.
    users = get_user_model().objects.annotate(lowered=Lower("username"))
    for chunk in _chunks(sorted(wanted), 5000):
        for lowered, no, person_agency in users.filter(lowered__in=chunk).values_list(
                "lowered", "person__employee_no", "person__agency_id"):
            usernames[lowered] = no if person_agency == agency.pk and no else ""
    holders = {card: (no, name) for card, no, name in Person.objects.filter(agency=agency).exclude(card_no="")
             .values_list("card_no", "employee_no", "name")}
    return imports.Lookups(units=dict(Unit.objects.filter(agency=agency).values_list("name", "pk")),
                           people=people, supervisors=supervisors, heads=heads, usernames=usernames,
                           today=clock.today(), cards=holders)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _person_fields(values: dict, unit_id: int) -> dict:
    fields = {c.field: values[c.key] for c in imports.COLUMNS if c.field and values.get(c.key) is not None}
    fields["unit_id"] = unit_id
    fields["regime"] = Person.POST_REGIME[values["post"]]
    return fields


class _DryRun(Exception):
    """Raised inside a dry run's transaction to roll back everything it wrote."""


def people_import(*, agency: Agency, data: bytes, filename: str, actor: Person | None, dry_run: bool) -> ImportResult:
    """Import the staff file `data` into `agency`: new people are created, people already there
    (same 員工編號) are updated, never duplicated; new 帳號 get a log-in with a one-time password.

    All or nothing: any bad row (or a refused file) means nothing is saved and every problem is
    listed. A dry run does the same writes in a transaction it rolls back, so its counts are the
    real import's. Refusals of the file as a whole come back as one error of row 0. Queries do not
    grow with the rows (bulk writes in batches).
    """
    result = ImportResult(dry_run=dry_run)
    try:
        table = imports.read_table(data, filename)
    except imports.FileRefused as exc:
        result.errors = [imports.RowError(0, str(exc))]
        return result
    result.rows = len(table.rows)
    result.ignored = imports.ignored_headers(table.header)
    lookups = _import_lookups(agency, table)
    rows, result.errors = imports.check_rows(table, lookups)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _import_write(agency, rows, lookups, actor, filename, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.passwords = []
    return result


def _update_rows(people: list[Person], names: list[str]) -> None:
    """One UPDATE statement run for many rows (executemany): bulk_update's CASE expressions grow with
    the batch and take seconds for a few thousand rows on SQLite."""
    fields = [Person._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(Person._meta.db_table)} SET {columns} WHERE {quote(Person._meta.pk.column)} = %s"
    params = [[f.get_db_prep_save(getattr(p, f.attname), connection) for f in fields] + [p.pk] for p in people]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, 1000):
            cursor.executemany(sql, chunk)


def _import_write(agency: Agency, rows: list[imports.CheckedRow], lookups: imports.Lookups, actor: Person | None,
                  filename: str, result: ImportResult) -> None:
    user_model = get_user_model()
    by_no = {p.employee_no: p for p in Person.objects.select_for_update().filter(agency=agency)}
    new_people: list[Person] = []
    new_users: list[tuple[Person, object]] = []
    changed: dict[str, set[str]] = {}  # employee_no -> fields to update
    giving_up_card: list[int] = []  # people whose stored card goes to someone else or away
    for r in rows:
        v = r.values
        fields = _person_fields(v, lookups.units[v["unit"]])
        person = by_no.get(v["employee_no"])
        if person is None:
            person = by_no[v["employee_no"]] = Person(agency=agency, **fields)
            new_people.append(person)
        else:
            if person.card_no and fields.get("card_no", person.card_no) != person.card_no:
                giving_up_card.append(person.pk)
            for name, value in fields.items():
                if getattr(person, name) != value:
                    setattr(person, name, value)
                    changed.setdefault(person.employee_no, set()).add(name)
        if v["username"] and person.user_id is None:
            password = initial_password.generate()
            new_users.append((person, user_model(username=v["username"], email=v["email"] or "",
                                                 password=initial_password.encode(password))))
            result.passwords.append((v["employee_no"], v["name"], v["username"], password))
    # Their old cards are cleared first, so that a card moving to another person of the file (a
    # swap, a new colleague) never meets the one-card-one-person constraint half-way.
    for chunk in _chunks(giving_up_card, 5000):
        Person.objects.filter(pk__in=chunk).update(card_no="")
    user_model.objects.bulk_create([user for _, user in new_users], batch_size=500)
    for person, user in new_users:
        person.user = user
        person.must_change_password = True
        if person.pk is not None:
            changed.setdefault(person.employee_no, set()).update({"user", "must_change_password"})
    Person.objects.bulk_create(new_people, batch_size=500)
    # The year's leave grants at hire, as person_create posts them: pages only read the ledger.
    _post_leave_grants_at_hire(new_people)
    for r in rows:
        boss_no = r.values["supervisor"]
        if boss_no is None:  # no 直屬主管 column: left as stored
            continue
        person = by_no[r.values["employee_no"]]
        boss_id = by_no[boss_no].pk if boss_no else None
        if person.supervisor_id != boss_id:
            person.supervisor_id = boss_id
            changed.setdefault(person.employee_no, set()).add("supervisor")
    groups: dict[frozenset[str], list[Person]] = {}
    for no, names in changed.items():
        groups.setdefault(frozenset(names), []).append(by_no[no])
    for names, people in groups.items():
        _update_rows(people, sorted(names))
    new = {p.employee_no for p in new_people}
    result.created = len(new_people)
    result.updated = sum(1 for no in changed if no not in new)
    PeopleImport.objects.create(agency=agency, filename=filename[:200], imported_by=actor, at=clock.now(),
                                rows=result.rows, created=result.created, updated=result.updated,
                                accounts=len(new_users))


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


def card_no_checked(*, agency_id: int, card_no: str, person_pk: int | None = None) -> str:
    """`card_no` trimmed, as stored; ChaiqinError when it is not a card number or is another
    person's card in the agency (the holder's row locked until the caller's transaction ends)."""
    card_no = (card_no or "").strip()
    refusal = cards.card_no_refusal(card_no)
    if refusal:
        raise ChaiqinError(refusal + "。", field="card_no")
    holder = (Person.objects.select_for_update().filter(agency_id=agency_id, card_no=card_no)
              .exclude(pk=person_pk).first() if card_no else None)
    if holder is not None:
        raise ChaiqinError(cards.card_taken_text(card_no, holder.name, holder.employee_no) + "。", field="card_no")
    return card_no


@transaction.atomic
def person_set_card_no(*, actor: Person, person: Person, card_no: str) -> Person:
    """The personnel office records the number of a person's access card (卡號), as the agency's
    card readers write it; empty clears it. One card, one person, within an agency."""
    if not holds_role(actor, person.agency, "personnel", "sysadmin"):
        raise ChaiqinError("只有本機關的人事人員或系統管理者可以設定卡號。", code="forbidden")
    person.card_no = card_no_checked(agency_id=person.agency_id, card_no=card_no, person_pk=person.pk)
    person.save(update_fields=["card_no"])
    return person
