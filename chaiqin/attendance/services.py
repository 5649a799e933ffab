"""Every write of attendance: punches (web, card reader, file import), devices, allowed
networks, and the missed-punch supplement form through the workflow.

Keyword-only, in a transaction; refusals are ChaiqinError with the rule they rest on.
"""

from __future__ import annotations

import codecs
import io
import ipaddress
import secrets
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from typing import BinaryIO, Iterable, Iterator

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from chaiqin import clock, uploads
from chaiqin.dates import TAIPEI, DateInputError, check_in_range, format_roc_datetime, parse_datetime
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Agency, Person
from chaiqin.workflow import routing
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case
from chaiqin.workflow.occupancy import busy_between

from . import reader_formats
from .models import AllowedNetwork, AttendanceProfile, CoreHours, Device, MissedPunch, Punch, PunchImport

#: Posts that do not punch: full-time teachers sign nothing but are expected on campus in
#: core hours (seed 002: 專任教師毋須線上簽到退；日間部 07:30-16:30、進修部 14:00-22:00).
NON_PUNCHING_POSTS = {Person.Post.TEACHER}
NON_PUNCHING_CITATION = "本校勤休制度宣導（專任教師毋須線上簽到退）"
IMPORT_BATCH = 10_000
MOMENT_CACHE = 200_000


def punches_required(person: Person) -> bool:
    """Whether `person` is expected to punch (administrative staff, teachers with admin posts, workers)."""
    return person.post not in NON_PUNCHING_POSTS


def _moment(at: datetime) -> datetime:
    if at.tzinfo is None:
        at = at.replace(tzinfo=TAIPEI)
    try:
        check_in_range(at.astimezone(TAIPEI).date())
    except DateInputError as exc:
        raise ChaiqinError(f"刷卡時間的{exc}", field="at") from None
    return at.replace(microsecond=0)


def punch_record(*, person: Person, at: datetime, source: str, device: Device | None = None,
                 ip: str | None = None) -> tuple[Punch, bool]:
    """Record a punch of `person` at `at` (seconds kept); (punch, created). The same moment twice is one punch."""
    if source not in Punch.Source.values:
        raise ChaiqinError(f"未知的刷卡來源「{source}」。")
    at = _moment(at)
    row = _punch_insert(
        "VALUES (%s, %s, %s, %s, %s)",
        [person.pk, connection.ops.adapt_datetimefield_value(at), source, device.pk if device else None, ip],
    )
    if row:
        return Punch(pk=row[0], person=person, at=at, source=source, device=device, ip=ip), True
    return Punch.objects.get(person=person, at=at), False


# Punches are the busiest write of the system (every reader of a county at 08:00): one
# statement, no ORM compilation and no transaction round trips; a second punch of the same
# moment is the same punch (the unique (person, at) decides, under any concurrency).
_PUNCH_INSERT = "INSERT INTO {table} (person_id, at, source, device_id, ip) {rows} ON CONFLICT (person_id, at) DO NOTHING RETURNING id, person_id, device_id"


def _punch_insert(rows: str, params: list) -> tuple[int, int, int | None] | None:
    """(id, person_id, device_id) of the new punch, or None when the moment was already punched (or,
    for a reader's punch, the token or the attendance number matched nobody)."""
    with connection.cursor() as cursor:
        cursor.execute(_PUNCH_INSERT.format(table=Punch._meta.db_table, rows=rows), params)
        return cursor.fetchone()


def network_allows(agency_id: int, ip: str | None) -> bool:
    """True when the agency lists no networks, or `ip` is inside one of them."""
    cidrs = list(AllowedNetwork.objects.filter(agency_id=agency_id).values_list("cidr", flat=True))
    if not cidrs:
        return True
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return False
    for cidr in cidrs:
        try:
            if address in ipaddress.ip_network(cidr, strict=False):
                return True
        except ValueError:
            continue
    return False


def punch_web(*, person: Person, ip: str | None) -> Punch:
    """Clock in or out on the web, now, from `ip`.

    Refused for a full-time teacher (seed 002) and from outside the agency's allowed
    networks. Never refused because yesterday's clock-out is missing: a punch is a moment,
    and the daily status shows yesterday as a missing punch to supplement.
    """
    if not punches_required(person):
        raise ChaiqinError("專任教師毋須線上簽到退；未請差假時仍應於核心時段在校。", citation=NON_PUNCHING_CITATION)
    if not network_allows(person.agency_id, ip) and not _working_from_home(person):
        raise ChaiqinError(
            f"您目前的網路位址（{ip or '不明'}）不在本機關允許簽到退的網段內：請於機關內網簽到退，或事後填寫未刷卡補登單。",
            code="network",
        )
    punch, _ = punch_record(person=person, at=clock.now(), source=Punch.Source.WEB, ip=ip)
    return punch


def _working_from_home(person: Person) -> bool:
    # Seed 000 第5點第4款第2目: on a WFH day the person clocks in online from home, outside any office network.
    now = clock.now()
    return any(b.kind == "wfh" for b in busy_between(person, now, now + timedelta(minutes=1)))


@transaction.atomic
def network_allow(*, agency: Agency, cidr: str, label: str = "") -> AllowedNetwork:
    try:
        network = ipaddress.ip_network(cidr.strip(), strict=False)
    except ValueError:
        raise ChaiqinError(f"「{cidr}」不是有效的網段（例：10.20.0.0/16）。", field="cidr") from None
    row, _ = AllowedNetwork.objects.get_or_create(agency=agency, cidr=str(network), defaults={"label": label})
    return row


@transaction.atomic
def device_create(*, agency: Agency, name: str) -> tuple[Device, str]:
    """A new card reader and its token (shown once; only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    device = Device.objects.create(agency=agency, name=name, token_hash=Device.hash_token(token))
    return device, token


class UnknownDevice(Exception):
    """The bearer token is no active card reader's (the API answers 401)."""


def device_authenticate(token: str) -> Device | None:
    if not token:
        return None
    return Device.objects.filter(token_hash=Device.hash_token(token), active=True).first()


def punch_from_device(*, token: str, employee_no: str, at: datetime) -> tuple[Punch, bool]:
    """A punch sent live by the card reader holding `token`; the person is found by attendance number
    among the reader's agency. Raises UnknownDevice for a token of no active reader.

    The token is checked by the statement that stores the punch, so a new punch costs one round trip.
    """
    at = _moment(at)
    employee_no = employee_no.strip()
    row = _punch_insert(
        f"SELECT p.id, %s, %s, d.id, NULL FROM {Device._meta.db_table} d JOIN {Person._meta.db_table} p "
        "ON p.agency_id = d.agency_id WHERE d.token_hash = %s AND d.active AND p.employee_no = %s",
        [connection.ops.adapt_datetimefield_value(at), Punch.Source.API, Device.hash_token(token), employee_no],
    )
    if row:
        return Punch(pk=row[0], person_id=row[1], at=at, source=Punch.Source.API, device_id=row[2]), True
    device = device_authenticate(token)
    if device is None:
        raise UnknownDevice
    punch = Punch.objects.filter(person__agency_id=device.agency_id, person__employee_no=employee_no, at=at).first()
    if punch is None:
        raise ChaiqinError(f"本機關查無考勤代號「{employee_no}」的人員。", field="employee_no")
    return punch, False


# --- card-reader files ---------------------------------------------------------------

def _fast_datetime(text: str) -> datetime:
    """`2026-03-09 08:01:02`, `2026/03/09 08:01`, `20260309080102`; else the ROC forms of
    chaiqin.dates (`115-03-09 08:01`). Aware, Asia/Taipei. Raises ValueError/DateInputError."""
    t = text.strip()
    n = len(t)
    if n in (16, 19) and t[4] in "-/" and t[7] == t[4] and t[10] in " T" and t[13] == ":":
        second = int(t[17:19]) if n == 19 else 0
        if n == 19 and t[16] != ":":
            raise ValueError(t)
        return datetime(int(t[0:4]), int(t[5:7]), int(t[8:10]), int(t[11:13]), int(t[14:16]), second, tzinfo=TAIPEI)
    if n in (12, 14) and t.isdigit():
        return datetime(int(t[0:4]), int(t[4:6]), int(t[6:8]), int(t[8:10]), int(t[10:12]),
                        int(t[12:14]) if n == 14 else 0, tzinfo=TAIPEI)
    return parse_datetime(t)


def _text_lines(stream: BinaryIO) -> Iterator[str]:
    """Decode a card file as it streams: UTF-8 (with or without BOM), else Big5 (cp950)."""
    head = stream.read(65536)
    if isinstance(head, str):  # already text
        yield from io.StringIO(head + stream.read())
        return
    try:
        head.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the 64 KiB boundary; that is still UTF-8.
        encoding = "utf-8-sig" if exc.start >= len(head) - 3 else "cp950"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    chunk = head
    limit, read = card_file_max_bytes(), 0
    while chunk:
        read += len(chunk)
        if read > limit:  # the import is one transaction: refusing here stores none of the file
            shown = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
            raise ChaiqinError(f"刷卡檔超過 {shown} 上限，請分成數個檔案（例如每月一檔）匯入。", field="file")
        pending += decoder.decode(chunk)
        lines = pending.split("\n")
        pending = lines.pop()
        yield from (line + "\n" for line in lines)
        chunk = stream.read(1 << 20)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def card_file_max_bytes() -> int:
    """The largest card-reader file taken (settings CHAIQIN_CARD_FILE_MAX_BYTES, 200 MB by default:
    a county's month of punches is about 40 MB)."""
    return int(getattr(settings, "CHAIQIN_CARD_FILE_MAX_BYTES", 200 * 1024 * 1024))


def punches_import(*, agency: Agency, stream: BinaryIO, filename: str, imported_by: Person | None = None,
                   source: str = Punch.Source.CARD, reader: Device | None = None) -> PunchImport:
    """Import a card-reader file of `agency`, streamed in batches, in the format of `reader`
    (reader_formats.py; without a reader, chaiqin's CSV keyed on 考勤代號).

    A bad line (wrong column count, unknown person, unreadable or future time) is reported with
    its line number and skipped; every good line is kept; the numbers no person has are listed
    once each with their count (`unknown`). The natural key (person, time) makes re-importing
    the same file add nothing. The whole import is one transaction: an interruption leaves
    nothing half-done. Returns the PunchImport with `rows`, `added`, `errors` ([[line, message], …]).
    """
    if reader is not None and reader.agency_id != agency.pk:
        raise ChaiqinError("只能以本機關的刷卡機格式匯入。", field="reader")
    fmt = reader_formats.ReaderFormat() if reader is None else reader.reader_format()
    people = dict(Person.objects.filter(agency=agency).exclude(**{fmt.key_field: ""})
                  .values_list(fmt.key_field, "id"))
    with transaction.atomic():
        writer = _PunchWriter(source)
        try:
            return _import_rows(agency, fmt, stream, filename, imported_by, people, writer, reader)
        except BaseException as exc:
            writer.abort(exc)
            raise


def _import_rows(agency: Agency, fmt: reader_formats.ReaderFormat, stream: BinaryIO, filename: str,
                 imported_by: Person | None, people: dict[str, int], writer: "_PunchWriter",
                 reader: Device | None) -> PunchImport:
    """The body of punches_import, inside its transaction."""
    latest = clock.now() + timedelta(minutes=5)
    errors: list[list] = []
    unknown: dict[str, int] = {}
    rows = 0
    batch: list[tuple[int, datetime]] = []
    # A card file repeats the same moments (a whole office arrives at 07:5x): parsing each
    # distinct text once halves the time spent on a million rows. Bounded, then restarted.
    moments: dict[str, datetime] = {}
    for line_no, no, when in fmt.records(_text_lines(stream)):
        rows += 1
        if no is None:
            errors.append([line_no, when])
            continue
        person_id = people.get(no.strip())
        if person_id is None:
            no = no.strip()
            unknown[no] = unknown.get(no, 0) + 1
            errors.append([line_no, f"第{line_no}列：本機關查無{fmt.key_label}「{no}」的人員。"])
            continue
        at = moments.get(when)
        if at is None:
            try:
                at = _fast_datetime(when)
            except (ValueError, DateInputError):
                at = None
            if at is not None:
                try:
                    check_in_range(at.date(), when.strip())
                except DateInputError as exc:
                    errors.append([line_no, f"第{line_no}列：刷卡時間的{exc}"])
                    continue
                if len(moments) >= MOMENT_CACHE:
                    moments.clear()
                moments[when] = at
        if at is None:
            errors.append([line_no, f"第{line_no}列：無法辨識的刷卡時間「{when.strip()}」（例：2026-03-09 08:01:00 或 115-03-09 08:01）。"])
            continue
        if at > latest:
            errors.append([line_no, f"第{line_no}列：刷卡時間 {format_roc_datetime(at)} 晚於現在，請確認刷卡機時鐘。"])
            continue
        batch.append((person_id, at))
        if len(batch) >= IMPORT_BATCH:
            writer.write(batch)
            batch = []
    if batch:
        writer.write(batch)
    added = writer.finish()
    return PunchImport.objects.create(agency=agency, filename=filename[:200], imported_by=imported_by,
                                      at=clock.now(), rows=rows, added=added, errors=errors, reader=reader,
                                      unknown=sorted([no, count] for no, count in unknown.items()))


class _PunchWriter:
    """Inserts (person_id, aware datetime) punches skipping existing ones, counting the new.

    The ORM's bulk_create costs ~50 µs a row in model instances and SQL assembly; a card
    file of a million rows must import in seconds, so this writes plain SQL: SQLite
    `INSERT OR IGNORE` with executemany (datetimes as Django stores them: UTC text), and
    PostgreSQL `COPY` into a temporary table, then one `INSERT … SELECT` of the rows not yet
    there (an anti-join; `ON CONFLICT DO NOTHING` when a concurrent punch collides).
    Other databases fall back to bulk_create(ignore_conflicts=True).
    """

    #: The anti-join keeping only punches not yet stored (PostgreSQL).
    NEW_ONLY = 'WHERE NOT EXISTS (SELECT 1 FROM "{table}" p WHERE p.person_id = s.person_id AND p.at = s.at)'

    def __init__(self, source: str):
        self.source = source
        self.vendor = connection.vendor
        self.table = Punch._meta.db_table
        self.added = 0
        self.staged = False
        self.texts: dict[datetime, str] = {}
        self._copying = None
        if self.vendor == "other":  # pragma: no cover
            self.before = Punch.objects.count()

    def write(self, batch: list[tuple[int, datetime]]) -> None:
        if self.vendor == "sqlite":
            sql = f'INSERT OR IGNORE INTO "{self.table}" ("person_id", "at", "source") VALUES (?, ?, ?)'
            src = self.source
            params = [(p, at.astimezone(dt_timezone.utc).replace(tzinfo=None).isoformat(" "), src) for p, at in batch]
            with connection.cursor() as cursor:
                cursor.executemany(sql, params)
                self.added += max(cursor.rowcount, 0)
        elif self.vendor == "postgresql":
            if not self.staged:
                # One COPY stays open for the whole file: the server reads the rows while
                # the next batch is being parsed here.
                self.cursor = connection.cursor()
                self.cursor.execute("CREATE TEMP TABLE IF NOT EXISTS chaiqin_punch_in (person_id bigint, at timestamptz)")
                self.cursor.execute("TRUNCATE chaiqin_punch_in")
                self._copying = self.cursor.copy("COPY chaiqin_punch_in (person_id, at) FROM STDIN")
                self.copy = self._copying.__enter__()
                self.staged = True
            # Pre-formatted text is several times faster than write_row's per-value
            # adaptation; each distinct moment is formatted once.
            texts = self.texts
            if len(texts) > MOMENT_CACHE:
                texts.clear()
            parts = []
            for p, at in batch:
                text = texts.get(at)
                if text is None:
                    text = texts[at] = at.isoformat()
                parts.append(f"{p}\t{text}\n")
            self.copy.write("".join(parts))
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported databases
            Punch.objects.bulk_create([Punch(person_id=p, at=at, source=self.source) for p, at in batch],
                                      ignore_conflicts=True)

    def abort(self, exc: BaseException) -> None:
        """End an open COPY after a failure, so the transaction can roll back."""
        if self._copying is not None:
            copying, self._copying = self._copying, None
            try:
                copying.__exit__(type(exc), exc, exc.__traceback__)
            except Exception:  # the original failure is the one to report
                pass
            self.cursor.close()

    def finish(self) -> int:
        if self.vendor == "postgresql" and self.staged:
            copying, self._copying = self._copying, None
            copying.__exit__(None, None, None)
            self.cursor.close()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE chaiqin_punch_in")
                # ON CONFLICT's speculative insertion costs ~10 µs a row (a million-row file:
                # 10 s of 30). An anti-join against the unique index does the same work in bulk;
                # if a punch arrives from elsewhere between the two (a web clock-in), the
                # savepoint is rolled back and the safe ON CONFLICT form runs instead.
                insert = (f'INSERT INTO "{self.table}" ("person_id", "at", "source") '
                          "SELECT s.person_id, s.at, %s FROM (SELECT DISTINCT person_id, at FROM chaiqin_punch_in) s ")
                try:
                    with transaction.atomic():
                        cursor.execute(insert + self.NEW_ONLY.format(table=self.table), [self.source])
                except IntegrityError:
                    cursor.execute(insert + "ON CONFLICT DO NOTHING", [self.source])
                self.added = cursor.rowcount
                cursor.execute("TRUNCATE chaiqin_punch_in")
        elif self.vendor not in ("sqlite", "postgresql"):  # pragma: no cover
            self.added = Punch.objects.count() - self.before
        return self.added


# --- missed-punch supplement (上下班未刷卡補登單) ------------------------------------------

MISSED_PUNCH_KIND = "missed_punch"


def missed_punch_check(*, person: Person, at: datetime, direction: str, reason: str, evidence=None):
    """Every check of a 上下班未刷卡補登單, the one function that filing (missed_punch_submit) and
    correcting a returned one (missed_punch_resubmit) run: not in the future, in or out, a reason,
    no punch at that moment already (seed 003 Q.7), the evidence by the one upload check.
    Returns (the moment, the evidence as a file to store or None)."""
    at = _moment(at)
    if at > clock.now():
        raise ChaiqinError("補登時間不可晚於現在。", field="at")
    if direction not in MissedPunch.Direction.values:
        raise ChaiqinError("請選擇補登上班或下班。", field="direction")
    if not reason.strip():
        raise ChaiqinError("請填寫未刷卡的事由。", field="reason")
    if Punch.objects.filter(person=person, at=at).exists():
        raise ChaiqinError(f"{format_roc_datetime(at)} 已有刷卡紀錄，毋須補登。", field="at")
    if evidence:
        # The one upload check (chaiqin/uploads.py): PDF/JPEG/PNG by content, size-limited, not empty.
        checked = uploads.read_django_file(evidence, field="evidence")
        evidence = ContentFile(checked.data, name=checked.name)
    return at, evidence or None


def _missed_punch_title(form: MissedPunch) -> str:
    return f"未刷卡補登（{MissedPunch.Direction(form.direction).label}）{format_roc_datetime(form.at)}"


@transaction.atomic
def missed_punch_submit(*, person: Person, at: datetime, direction: str, reason: str, evidence=None,
                        filed_by: Person | None = None) -> MissedPunch:
    """File a 上下班未刷卡補登單 for `at` with evidence (seed 003 Q.7; checks: missed_punch_check)
    and send it to the supervisor; `filed_by` is the personnel officer filing it for `person` (代填)."""
    at, evidence = missed_punch_check(person=person, at=at, direction=direction, reason=reason, evidence=evidence)
    form = MissedPunch.objects.create(person=person, at=at, direction=direction, reason=reason.strip(),
                                      evidence=evidence or "", created_at=clock.now())
    steps = routing.plan_route(kind=MISSED_PUNCH_KIND, applicant=person)
    form.case = workflow.case_open(form=form, kind=MISSED_PUNCH_KIND, applicant=person, steps=steps,
                                   title=_missed_punch_title(form), filed_by=filed_by)
    form.save(update_fields=["case"])
    return form


@transaction.atomic
def missed_punch_resubmit(*, form: MissedPunch, actor: Person, at: datetime, direction: str, reason: str,
                          evidence=None) -> MissedPunch:
    """Correct a returned 未刷卡補登單 (time, in or out, reason; a new evidence file replaces the
    old, none keeps it) and send it again into the same case (workflow.case_resubmit). The checks
    of filing (missed_punch_check); a refusal changes nothing."""
    form = MissedPunch.objects.select_for_update(of=("self",)).select_related("case").get(pk=form.pk)
    workflow.check_correctable(case=form.case, applicant_id=form.person_id, actor=actor, label="補登單")
    at, evidence = missed_punch_check(person=actor, at=at, direction=direction, reason=reason, evidence=evidence)
    form.at, form.direction, form.reason = at, direction, reason.strip()
    fields = ["at", "direction", "reason"]
    if evidence is not None:
        form.evidence = evidence
        fields.append("evidence")
    form.save(update_fields=fields)
    title = _missed_punch_title(form)
    Case.objects.filter(pk=form.case_id).update(title=title)
    workflow.case_resubmit(case=form.case, actor=actor, steps=routing.plan_route(kind=MISSED_PUNCH_KIND, applicant=actor),
                           note=f"修正後重送：{title}")
    return form


def missed_punch_on_approved(form: MissedPunch) -> None:
    punch, _ = Punch.objects.get_or_create(person=form.person, at=form.at,
                                           defaults={"source": Punch.Source.SUPPLEMENT})
    form.punch = punch
    form.save(update_fields=["punch"])


def missed_punch_on_closed(form: MissedPunch, status: str) -> None:
    """Nothing to undo: the punch is only written on approval."""


def missed_punch_url(form: MissedPunch) -> str:
    return reverse("attendance:missed_punch", args=[form.pk])


def punches_bulk(rows: Iterable[tuple[int, datetime]], *, source: str = Punch.Source.CARD) -> int:
    """Insert many (person_id, aware datetime) punches, skipping those already there; the number added."""
    with transaction.atomic():
        writer = _PunchWriter(source)
        try:
            batch: list[tuple[int, datetime]] = []
            for person_id, at in rows:
                batch.append((person_id, _moment(at)))
                if len(batch) >= IMPORT_BATCH:
                    writer.write(batch)
                    batch = []
            if batch:
                writer.write(batch)
            return writer.finish()
        except BaseException as exc:
            writer.abort(exc)
            raise


# --- personnel settings: profiles, core hours, readers, networks ---------------------------

def _require_personnel(actor: Person, agency: Agency) -> None:
    if not access.holds_role(actor, agency, "personnel", "sysadmin"):
        raise ChaiqinError("只有本機關人事人員或系統管理者可以變更出勤設定。")


@transaction.atomic
def attendance_profile_set(*, actor: Person, person: Person, division: str | None = None,
                           shift_work: bool | None = None) -> AttendanceProfile:
    """The personnel office sets a person's teacher division (日間部/進修部: which core hours
    apply, seed 002) and shift-work flag (rest of 11 hours enforced, seed 002)."""
    _require_personnel(actor, person.agency)
    profile, _ = AttendanceProfile.objects.select_for_update().get_or_create(person=person)
    fields = []
    if division is not None:
        if division not in AttendanceProfile.Division.values:
            raise ChaiqinError("請選擇日間部或進修部。", field="division")
        profile.division = division
        fields.append("division")
    if shift_work is not None:
        profile.shift_work = bool(shift_work)
        fields.append("shift_work")
    if fields:
        profile.save(update_fields=fields)
    return profile


@transaction.atomic
def core_hours_set(*, actor: Person, division: str, start, end) -> CoreHours:
    """The agency's own core hours of full-time teachers of `division` (else the defaults of
    rules.teacher_core_hours, seed 002)."""
    _require_personnel(actor, actor.agency)
    if division not in AttendanceProfile.Division.values:
        raise ChaiqinError("請選擇日間部或進修部。", field="division")
    if end <= start:
        raise ChaiqinError("核心時段的結束時間必須晚於開始時間。", field="end")
    row, _ = CoreHours.objects.update_or_create(agency=actor.agency, division=division,
                                                defaults={"start": start, "end": end})
    return row


@transaction.atomic
def device_revoke(*, actor: Person, device: Device) -> Device:
    """Revoke a card reader: its token stops working at once (the punches it sent stay)."""
    _require_personnel(actor, device.agency)
    device.active = False
    device.save(update_fields=["active"])
    return device


@transaction.atomic
def network_remove(*, actor: Person, network: AllowedNetwork) -> None:
    """Stop accepting web clock-in from `network` (with no network left, anywhere is accepted)."""
    _require_personnel(actor, network.agency)
    network.delete()


@transaction.atomic
def device_issue(*, actor: Person, name: str) -> tuple[Device, str]:
    """The personnel office registers a card reader of its agency; the token is returned once."""
    _require_personnel(actor, actor.agency)
    if not name.strip():
        raise ChaiqinError("請填寫刷卡機名稱（如：大門刷卡機）。", field="name")
    return device_create(agency=actor.agency, name=name.strip()[:60])


@transaction.atomic
def network_add(*, actor: Person, cidr: str, label: str = "") -> AllowedNetwork:
    """The personnel office allows web clock-in from `cidr` for its agency."""
    _require_personnel(actor, actor.agency)
    return network_allow(agency=actor.agency, cidr=cidr, label=label.strip()[:60])


@transaction.atomic
def device_set_format(*, actor: Person, device: Device, file_format: str, key_field: str,
                      layout: dict | None = None) -> Device:
    """The personnel office chooses the file format of one of its readers: chaiqin's CSV, a
    fixed-width text or a delimiter-separated export with its column map (reader_formats.py)."""
    _require_personnel(actor, device.agency)
    device.layout = reader_formats.check_layout(file_format, key_field, layout or {})
    device.file_format, device.key_field = file_format, key_field
    device.save(update_fields=["file_format", "key_field", "layout"])
    return device
