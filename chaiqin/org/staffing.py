"""The personnel office's changes to its own agency, each one entry point, in a transaction, audited.

Every function takes the `actor` (a Person holding the personnel role in the agency concerned:
checked here too, not only by the page) and writes one OrgEvent saying who changed what about
whom. Refusals are ChaiqinError in Chinese naming the rule. Agency staff never get Django's
`is_staff`: the log-ins made here reach the console, never /admin/.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from chaiqin import clock
from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.workflow import occupancy
from chaiqin.workflow.models import Case

from .models import Agency, OrgEvent, Person, RoleAssignment, StandingAgent, StatusPeriod, Unit
from .services import card_no_checked, person_create, unit_create

EARLIEST_HIRE = date(1950, 1, 1)
EDITABLE = ("employee_no", "name", "gender", "post", "title", "email", "card_no", "hire_date",
            "prior_service_months", "supervisor")
MAX_STANDING_AGENTS = 5


def audit(*, agency: Agency | int, actor: Person | None, action: str, note: str = "",
          person: Person | None = None) -> OrgEvent:
    """One row of the personnel office's trail (called inside the caller's transaction)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    return OrgEvent.objects.create(agency_id=agency_id, actor=actor, person=person, action=action,
                                   note=note[:500], at=clock.now())


def require_personnel(actor: Person, agency: Agency | int) -> None:
    """PermissionDenied unless `actor` holds the personnel role (人事) in `agency` itself."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    if not RoleAssignment.objects.filter(person=actor, agency_id=agency_id,
                                         role=RoleAssignment.Role.PERSONNEL).exists():
        raise PermissionDenied("只有本機關的人事人員可以變更人事資料。")


def check_hire_date(hire_date: date) -> None:
    """A hire date is a real past day: not after today, not before 1950."""
    if hire_date > clock.today():
        raise ChaiqinError(f"到職日期 {format_roc(hire_date)} 晚於今天，不能登錄尚未到職的人員。", field="hire_date")
    if hire_date < EARLIEST_HIRE:
        raise ChaiqinError("到職日期不可早於民國39年（1950年）：請確認是否誤植年份。", field="hire_date")


def _validation(exc: ValidationError) -> ChaiqinError:
    messages = [m for values in exc.message_dict.values() for m in values] if hasattr(exc, "message_dict") \
        else exc.messages
    field = next(iter(exc.message_dict), None) if hasattr(exc, "message_dict") else None
    return ChaiqinError("；".join(messages), field=field)


@transaction.atomic
def staff_create(*, actor: Person, unit: Unit, employee_no: str, name: str, gender: str, post: str,
                 hire_date: date, title: str = "", supervisor: Person | None = None, email: str = "",
                 card_no: str = "", username: str = "", password: str = "") -> Person:
    """Create a person in the actor's agency (and their log-in when `username` is given)."""
    require_personnel(actor, unit.agency_id)
    check_hire_date(hire_date)
    if supervisor is not None and supervisor.agency_id != unit.agency_id:
        raise ChaiqinError("直屬主管必須屬於同一機關，不可指定其他機關的人員。", field="supervisor")
    if Person.objects.filter(agency_id=unit.agency_id, employee_no=employee_no).exists():
        raise ChaiqinError(f"員工編號 {employee_no} 已有人使用，同一機關內不可重複。", field="employee_no")
    if username:
        _check_username(username)
    try:
        person = person_create(agency=unit.agency, unit=unit, employee_no=employee_no, name=name, gender=gender,
                               post=post, hire_date=hire_date, title=title, supervisor=supervisor, email=email,
                               card_no=card_no)
    except ValidationError as exc:
        raise _validation(exc) from None
    if username:
        _login_make(person, username, password)
    audit(agency=unit.agency_id, actor=actor, person=person, action="person_create",
          note=f"新增人員 {person.employee_no} {person.name}（{unit.name}，到職 {format_roc(hire_date)}）"
               + (f"，帳號 {username}" if username else ""))
    return person


@transaction.atomic
def staff_update(*, actor: Person, person: Person, **changes) -> Person:
    """Change the editable fields of `person` (see EDITABLE); the regime follows a new post."""
    require_personnel(actor, person.agency_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ChaiqinError(f"無法變更的欄位：{'、'.join(sorted(unknown))}。")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if "hire_date" in changes:
        check_hire_date(changes["hire_date"])
    if "employee_no" in changes and Person.objects.filter(agency_id=person.agency_id,
                                                          employee_no=changes["employee_no"]).exclude(pk=person.pk).exists():
        raise ChaiqinError(f"員工編號 {changes['employee_no']} 已有人使用，同一機關內不可重複。", field="employee_no")
    if "card_no" in changes:
        changes["card_no"] = card_no_checked(agency_id=person.agency_id, card_no=changes["card_no"], person_pk=person.pk)
    changed = []
    for field, value in changes.items():
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if "post" in changed:
        person.regime = Person.POST_REGIME[person.post]
        changed.append("regime")
    if not changed:
        return person
    try:
        person.full_clean()
    except ValidationError as exc:
        raise _validation(exc) from None
    person.save(update_fields=changed)
    labels = "、".join(str(Person._meta.get_field(f).verbose_name) for f in changed)
    audit(agency=person.agency_id, actor=actor, person=person, action="person_update", note=f"變更{labels}")
    return person


@transaction.atomic
def staff_change(*, actor: Person, person: Person, unit: Unit | None = None, **changes) -> Person:
    """staff_update and, when `unit` is given, staff_move, as one change: either both or neither."""
    if changes:
        person = staff_update(actor=actor, person=person, **changes)
    if unit is not None:
        person = staff_move(actor=actor, person=person, unit=unit)
    return person


@transaction.atomic
def staff_move(*, actor: Person, person: Person, unit: Unit) -> Person:
    """Move `person` to another unit of the same agency.

    Refused when the person heads a unit they would leave: a unit's head belongs to that unit, so
    the unit first gets another head (or none) on the units page.
    """
    require_personnel(actor, person.agency_id)
    if unit.agency_id != person.agency_id:
        raise ChaiqinError("只能調動到本機關的單位。", field="unit")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.unit_id == unit.pk:
        return person
    headed = list(Unit.objects.filter(head=person).exclude(pk=unit.pk).values_list("name", flat=True))
    if headed:
        raise ChaiqinError(f"{person.name}是「{'、'.join(headed)}」的單位主管，調到{unit.name}後該單位主管將不在該單位："
                           "請先於「單位」頁指定新的單位主管，再辦理調動。", field="unit")
    old = person.unit.name
    person.unit = unit
    person.save(update_fields=["unit"])
    audit(agency=person.agency_id, actor=actor, person=person, action="person_move", note=f"由{old}調至{unit.name}")
    return person


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=TAIPEI)


def _refuse_pending_forms(person: Person, start: date, end: date | None, what: str) -> None:
    """A status change may not silently orphan forms still waiting for a decision in its period."""
    until = _day_start((end or date(2100, 1, 1)) + timedelta(days=1))
    pending = [b for b in occupancy.busy_between(person, _day_start(start), until) if b.status in Case.OPEN]
    if pending:
        listed = "、".join(f"{b.label}（{format_roc_datetime(b.start)} 至 {format_roc_datetime(b.end)}）"
                          for b in pending)
        raise ChaiqinError(f"{person.name}在{what}期間內有尚未簽核完成的申請：{listed}。"
                           "請先請本人撤回或由主管簽核完畢，再辦理異動。", code="pending")


def _restate_annual_leave(person: Person, since: date) -> None:
    """留職停薪 changes the annual leave of the leave year it touches (leave.ledger.annual_grant_restate)."""
    ledger.annual_grant_restate(person=person, since=since)


def _settle_annual_leave(person: Person, last_day: date) -> None:
    """A worker's unused 特別休假 is paid when the contract ends (leave.yearend)."""
    from chaiqin.leave import yearend  # not at the top: leave.yearend -> leave.deferrals -> org.staffing

    yearend.annual_leave_settle_at_contract_end(person=person, last_day=last_day)


def _status_today(person: Person) -> str:
    today = clock.today()
    for period in StatusPeriod.objects.filter(person=person, start__lte=today).order_by("-start"):
        if period.end is None or period.end >= today:
            return period.status
    return Person.Status.ACTIVE


def _overlapping(person: Person, start: date, end: date | None):
    rows = StatusPeriod.objects.filter(person=person).exclude(end__lt=start)
    return rows if end is None else rows.filter(start__lte=end)


@transaction.atomic
def staff_unpaid_leave(*, actor: Person, person: Person, kind: str, start: date, end: date | None = None,
                       note: str = "") -> StatusPeriod:
    """留職停薪 of `kind` (e.g. 育嬰) from `start` to `end` inclusive (`end` unknown: until 復職)."""
    require_personnel(actor, person.agency_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if kind not in StatusPeriod.Kind.values:
        raise ChaiqinError("請選擇留職停薪的類別（如育嬰、侍親、進修）。", field="kind")
    if end is not None and end < start:
        raise ChaiqinError("留職停薪的迄日不可早於起日。", field="end")
    if start < person.hire_date:
        raise ChaiqinError(f"留職停薪起日不可早於到職日 {format_roc(person.hire_date)}。", field="start")
    clash = _overlapping(person, start, end).first()
    if clash:
        raise ChaiqinError(f"與已登錄的{clash.get_status_display()}（{format_roc(clash.start)} 起）期間重疊。", field="start")
    _refuse_pending_forms(person, start, end, "留職停薪")
    period = StatusPeriod.objects.create(person=person, status=StatusPeriod.Status.UNPAID_LEAVE, kind=kind,
                                         start=start, end=end, note=note[:200])
    _sync_status(person)
    _restate_annual_leave(person, start)
    until = f"至 {format_roc(end)}" if end else "（復職日未定）"
    audit(agency=person.agency_id, actor=actor, person=person, action="unpaid_leave",
          note=f"留職停薪（{period.get_kind_display()}）{format_roc(start)} 起{until}")
    return period


@transaction.atomic
def staff_reinstate(*, actor: Person, person: Person, on: date) -> StatusPeriod:
    """復職 on `on`: the 留職停薪 period that covers the day before ends that day."""
    require_personnel(actor, person.agency_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    period = (StatusPeriod.objects.filter(person=person, status=StatusPeriod.Status.UNPAID_LEAVE, start__lt=on)
              .exclude(end__lt=on - timedelta(days=1)).order_by("-start").first())
    if period is None:
        raise ChaiqinError(f"{person.name}在 {format_roc(on)} 前沒有留職停薪中的期間，無須復職。", field="on")
    period.end = on - timedelta(days=1)
    period.save(update_fields=["end"])
    _sync_status(person)
    _restate_annual_leave(person, period.start)
    audit(agency=person.agency_id, actor=actor, person=person, action="reinstate",
          note=f"{format_roc(on)} 復職（留職停薪 {format_roc(period.start)} 至 {format_roc(period.end)}）")
    return period


@transaction.atomic
def staff_separate(*, actor: Person, person: Person, on: date, note: str = "") -> StatusPeriod:
    """離職: `on` is the first day the person no longer serves; their log-in is disabled then."""
    require_personnel(actor, person.agency_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if on <= person.hire_date:
        raise ChaiqinError(f"離職日必須晚於到職日 {format_roc(person.hire_date)}。", field="on")
    clash = _overlapping(person, on, None).exclude(status=StatusPeriod.Status.UNPAID_LEAVE).first()
    if clash:
        raise ChaiqinError(f"{person.name}已登錄離職（{format_roc(clash.start)}）。", field="on")
    headed = list(Unit.objects.filter(head=person).values_list("name", flat=True))
    if headed:
        raise ChaiqinError(f"{person.name}是「{'、'.join(headed)}」的單位主管：請先指定新的單位主管，再辦理離職。")
    _refuse_pending_forms(person, on, None, "離職")
    # An open 留職停薪 ends the day before: one does not return from it after leaving.
    StatusPeriod.objects.filter(person=person, status=StatusPeriod.Status.UNPAID_LEAVE, start__lt=on,
                                end__isnull=True).update(end=on - timedelta(days=1))
    period = StatusPeriod.objects.create(person=person, status=StatusPeriod.Status.LEFT, start=on, note=note[:200])
    _sync_status(person)
    _settle_annual_leave(person, on - timedelta(days=1))
    if person.status == Person.Status.LEFT and person.user_id:
        get_user_model().objects.filter(pk=person.user_id).update(is_active=False)
    audit(agency=person.agency_id, actor=actor, person=person, action="separate", note=f"{format_roc(on)} 離職")
    return period


def status_sync() -> int:
    """Bring `Person.status` to the status of today for everyone with status periods (a 留職停薪 or 離職
    entered ahead begins on its day; run daily, e.g. by `manage.py org_status_sync`). Returns how many changed."""
    changed = 0
    for person in Person.objects.filter(status_periods__isnull=False).distinct():
        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            before = locked.status
            _sync_status(locked)
            changed += locked.status != before
    return changed


def _sync_status(person: Person) -> None:
    status = _status_today(person)
    if person.status != status:
        person.status = status
        person.save(update_fields=["status"])


def _check_username(username: str) -> None:
    user_model = get_user_model()
    if len(username) > user_model._meta.get_field("username").max_length:
        raise ChaiqinError("帳號最長 150 個字元。", field="username")
    try:
        user_model.username_validator(username)
    except ValidationError:
        raise ChaiqinError("帳號只能使用英文字母、數字及 @ . + - _ 符號。", field="username") from None
    if user_model.objects.filter(username__iexact=username).exists():
        raise ChaiqinError(f"帳號 {username} 已有人使用。", field="username")


def _check_password(password: str, user) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ChaiqinError("密碼不符規定：" + "".join(exc.messages), field="password") from None


def _login_make(person: Person, username: str, password: str):
    user = get_user_model()(username=username, email=person.email, is_staff=False, is_superuser=False)
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


@transaction.atomic
def login_create(*, actor: Person, person: Person, username: str, password: str):
    """Give `person` a log-in (never staff: the console, not /admin/, is where an office works)."""
    require_personnel(actor, person.agency_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id:
        raise ChaiqinError(f"{person.name}已有登入帳號 {person.user.username}。", field="username")
    _check_username(username)
    user = _login_make(person, username, password)
    audit(agency=person.agency_id, actor=actor, person=person, action="login_create", note=f"建立帳號 {username}")
    return user


@transaction.atomic
def login_password_reset(*, actor: Person, person: Person, password: str):
    """Set a new password for `person`'s log-in (and enable it again)."""
    require_personnel(actor, person.agency_id)
    user = _user_of(person)
    _check_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    audit(agency=person.agency_id, actor=actor, person=person, action="password_reset", note="重設密碼")
    return user


@transaction.atomic
def login_set_active(*, actor: Person, person: Person, active: bool):
    """Disable (停用) or enable a log-in; a disabled account cannot log in, its records stay."""
    require_personnel(actor, person.agency_id)
    user = _user_of(person)
    if not active and person.pk == actor.pk:
        raise ChaiqinError("不能停用自己的登入帳號。")
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit(agency=person.agency_id, actor=actor, person=person, action="login_enable" if active else "login_disable",
          note=("啟用" if active else "停用") + f"帳號 {user.username}")
    return user


def _user_of(person: Person):
    if not person.user_id:
        raise ChaiqinError(f"{person.name}尚無登入帳號，請先建立帳號。")
    return get_user_model().objects.select_for_update().get(pk=person.user_id)


AGENCY_SETTINGS = ("short_name", "office_start", "office_end", "lunch_start", "lunch_end", "flex_minutes",
                   "comp_time_months", "labor_leave_basis")


@transaction.atomic
def agency_settings_update(*, actor: Person, agency: Agency, **changes) -> Agency:
    """The agency's own settings (office hours, flexible start, comp-time limit, 特別休假 year); see AGENCY_SETTINGS."""
    require_personnel(actor, agency)
    unknown = set(changes) - set(AGENCY_SETTINGS)
    if unknown:
        raise ChaiqinError(f"無法變更的機關設定：{'、'.join(sorted(unknown))}。")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    start, end = changes.get("office_start", agency.office_start), changes.get("office_end", agency.office_end)
    lunch0, lunch1 = changes.get("lunch_start", agency.lunch_start), changes.get("lunch_end", agency.lunch_end)
    if not (start < lunch0 <= lunch1 < end):
        raise ChaiqinError("上班時間、午休與下班時間的順序不正確（應為上班 < 午休開始 ≦ 午休結束 < 下班）。",
                           field="office_start")
    changed = [f for f, v in changes.items() if getattr(agency, f) != v]
    for field in changed:
        setattr(agency, field, changes[field])
    if not changed:
        return agency
    try:
        agency.full_clean()
    except ValidationError as exc:
        raise _validation(exc) from None
    agency.save(update_fields=changed)
    labels = "、".join(str(Agency._meta.get_field(f).verbose_name) for f in changed)
    audit(agency=agency, actor=actor, action="agency_settings", note=f"變更機關設定：{labels}")
    return agency


@transaction.atomic
def unit_add(*, actor: Person, agency: Agency, name: str, sort_order: int = 0) -> Unit:
    require_personnel(actor, agency)
    if Unit.objects.filter(agency=agency, name=name).exists():
        raise ChaiqinError(f"本機關已有「{name}」單位。", field="name")
    unit = unit_create(agency=agency, name=name, sort_order=sort_order)
    audit(agency=agency, actor=actor, action="unit_create", note=f"新增單位 {name}")
    return unit


@transaction.atomic
def unit_head_set(*, actor: Person, unit: Unit, head: Person | None) -> Unit:
    """Name the head of `unit`: a serving member of that very unit (or nobody)."""
    require_personnel(actor, unit.agency_id)
    if head is not None:
        if head.unit_id != unit.pk:
            raise ChaiqinError(f"{head.name}不在{unit.name}：單位主管必須是該單位的人員，請先將其調至{unit.name}。", field="head")
        if head.status == Person.Status.LEFT:
            raise ChaiqinError(f"{head.name}已離職，不能擔任單位主管。", field="head")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit.head = head
    unit.save(update_fields=["head"])
    audit(agency=unit.agency_id, actor=actor, person=head, action="unit_head",
          note=f"{unit.name}單位主管：{head.name if head else '（無）'}")
    return unit


@transaction.atomic
def role_give(*, actor: Person, person: Person, role: str) -> RoleAssignment:
    require_personnel(actor, person.agency_id)
    if role not in RoleAssignment.Role.values or role == RoleAssignment.Role.SYSADMIN:
        raise ChaiqinError("此角色不能由人事室指派。", field="role")
    if RoleAssignment.objects.filter(person=person, role=role, agency_id=person.agency_id).exists():
        raise ChaiqinError(f"{person.name}已具有此角色。", field="role")
    assignment = RoleAssignment.objects.create(person=person, role=role, agency_id=person.agency_id)
    audit(agency=person.agency_id, actor=actor, person=person, action="role_grant",
          note=f"指派{assignment.get_role_display()}")
    return assignment


@transaction.atomic
def role_take_back(*, actor: Person, assignment: RoleAssignment) -> None:
    require_personnel(actor, assignment.agency_id)
    if assignment.role == RoleAssignment.Role.SYSADMIN:
        raise ChaiqinError("系統管理者角色不能由人事室取消。")
    if assignment.person_id == actor.pk and assignment.role == RoleAssignment.Role.PERSONNEL:
        raise ChaiqinError("不能取消自己的人事人員角色（請由另一位人事人員辦理）。")
    label = assignment.get_role_display()
    assignment.delete()
    audit(agency=assignment.agency_id, actor=actor, person=assignment.person, action="role_revoke", note=f"取消{label}")


@transaction.atomic
def standing_agents_set(*, actor: Person, person: Person, agents: list[Person]) -> list[StandingAgent]:
    """Replace `person`'s standing agents (預設職務代理人) with `agents`, in that order."""
    require_personnel(actor, person.agency_id)
    seen: set[int] = set()
    for agent in agents:
        if agent.pk == person.pk:
            raise ChaiqinError("預設職務代理人不能是本人。", field="agents")
        if agent.agency_id != person.agency_id:
            raise ChaiqinError("預設職務代理人必須是本機關的人員。", field="agents")
        if agent.pk in seen:
            raise ChaiqinError(f"{agent.name}重複列出。", field="agents")
        seen.add(agent.pk)
    if len(agents) > MAX_STANDING_AGENTS:
        raise ChaiqinError(f"預設職務代理人最多 {MAX_STANDING_AGENTS} 位。", field="agents")
    StandingAgent.objects.filter(person=person).delete()
    rows = StandingAgent.objects.bulk_create(
        [StandingAgent(person=person, agent=agent, order=i) for i, agent in enumerate(agents, start=1)])
    audit(agency=person.agency_id, actor=actor, person=person, action="standing_agents",
          note="預設職務代理人：" + ("、".join(a.name for a in agents) or "（無）"))
    return rows
