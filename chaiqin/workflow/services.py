"""Every change of a case's state: open, decide, return, withdraw, resubmit, cancel, delegate.

Each runs in one transaction, locks the case row first (two deciders clicking at once cannot
both move it), writes an AuditEvent, and notifies whoever must act next.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.mail import send_mail
from django.db import transaction

from chaiqin import clock, rowlocks
from chaiqin.dates import format_roc_datetime
from chaiqin.dbguard import retry_on_deadlock
from chaiqin.errors import ChaiqinError
from chaiqin.org.access import holds_role
from chaiqin.org.models import Person, RoleAssignment

from . import away, numbering, registry
from .models import AuditEvent, Case, Delegation, Notification, Step
from .routing import PlannedStep

DECISIONS = {"approve", "return", "reject"}
logger = logging.getLogger(__name__)


def _mail(subject: str, body: str, to: str) -> None:
    # The decision is already committed; a mail server that is down must not undo or hide it.
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # noqa: BLE001 - any transport error is logged, never raised
        logger.exception("notification mail to %s failed", to)


def notify(*, person: Person, message: str, case: Case | None = None, url: str = "") -> Notification:
    """An in-page notification, and an e-mail once the transaction commits (when the person has an address)."""
    note = Notification.objects.create(person=person, case=case, message=message, url=url, created_at=clock.now())
    if person.email:
        transaction.on_commit(lambda: _mail(f"[差勤系統] {message}", f"{message}\n\n{url}", person.email))
    return note


@transaction.atomic
def notifications_mark_read(*, person: Person) -> int:
    """Mark every unread notification of `person` read; returns how many were unread."""
    return person.notifications.filter(read_at__isnull=True).update(read_at=clock.now())


def _form_url(case: Case) -> str:
    try:
        return registry.form_kind(case.kind).url(registry.form_of(case))
    except LookupError:
        return ""


def _lock(case: Case) -> Case:
    """Lock the case's row, after its applicant's (the lock order of chaiqin.rowlocks: the leave
    ledger locks the applicant when a decision posts to it, and cancelling locks the applicant first)."""
    rowlocks.lock_person_once(case.applicant_id)
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def _create_steps(case: Case, planned: list[PlannedStep], first_order: int) -> Step:
    steps = [
        Step(case=case, order=first_order + i, role=p.role, decider=p.decider,
             status=Step.Status.CURRENT if i == 0 else Step.Status.WAITING)
        for i, p in enumerate(planned)
    ]
    Step.objects.bulk_create(steps)
    return case.steps.get(order=first_order)


def _ask(case: Case, step: Step) -> None:
    label = registry.label_of(case.kind)
    notify(person=step.decider, case=case, url=_form_url(case),
           message=f"{case.applicant.name}的{label}待您以{step.get_role_display()}身分簽核：{case.title}")


def check_filed_by(applicant: Person, filed_by: Person | None) -> Person | None:
    """The personnel officer filing for `applicant` (代填, e.g. back-entering a paper form), or None
    when the applicant files themselves. Refused unless `filed_by` holds the personnel role in the
    applicant's own agency."""
    if filed_by is None or filed_by.pk == applicant.pk:
        return None
    if not holds_role(filed_by, applicant.agency_id, RoleAssignment.Role.PERSONNEL):
        raise ChaiqinError(f"只有{applicant.name}所屬機關的人事人員可以代為填寫表單。", code="filed_by")
    return filed_by


@transaction.atomic
def case_open(*, form, kind: str, applicant: Person, title: str, steps: list[PlannedStep], note: str = "",
              filed_by: Person | None = None) -> Case:
    """Open a case for `form` (already saved) and ask its first decider.

    `filed_by`: the personnel officer who filed it for the applicant (代填); the audit trail records
    them as the actor on the applicant's behalf, and the applicant is notified.
    """
    if not steps:
        raise ChaiqinError("此表單沒有任何簽核關卡，無法送出。")
    filed_by = check_filed_by(applicant, filed_by)
    now = clock.now()
    number = numbering.next_number(agency_id=applicant.agency_id, kind=kind, at=now)
    case = Case.objects.create(agency_id=applicant.agency_id, applicant=applicant, kind=kind, form_id=form.pk,
                               title=title, created_at=now, number=number)
    first = _create_steps(case, steps, 1)
    AuditEvent.objects.create(case=case, actor=filed_by or applicant, on_behalf_of=applicant if filed_by else None,
                              action=AuditEvent.Action.SUBMIT, note=note, at=now)
    if filed_by:
        notify(person=applicant, case=case, url=_form_url(case),
               message=f"人事人員{filed_by.name}已代您填寫{registry.label_of(kind)}並送出簽核：{title}")
    _ask(case, first)
    return case


def _acting_for(step: Step, actor: Person, at: datetime) -> Person | None:
    """None when `actor` is the decider; the decider when `actor` holds their delegation now; else refuse."""
    if step.decider_id == actor.pk:
        return None
    if step.decider_id in away.acting_for(actor.pk, at):
        return step.decider
    raise ChaiqinError("您不是此關卡的簽核人，也未受託代理簽核。")


@retry_on_deadlock
@transaction.atomic
def case_decide(*, case: Case, actor: Person, decision: str, comment: str = "") -> Case:
    """Approve, return (with a reason) or reject the current step of `case` as `actor`."""
    if decision not in DECISIONS:
        raise ChaiqinError(f"未知的簽核決定「{decision}」：只能同意、退回或不同意。")
    case = _lock(case)
    if case.status != Case.Status.PENDING:
        raise ChaiqinError(f"此案件目前為「{case.get_status_display()}」，無法簽核。")
    step = case.steps.select_for_update().get(status=Step.Status.CURRENT)
    now = clock.now()
    on_behalf = _acting_for(step, actor, now)
    if decision in ("return", "reject") and not comment.strip():
        raise ChaiqinError("退回或不同意時，請填寫理由。")
    not_refusable = registry.form_kind(case.kind).not_refusable if decision == "reject" else None
    if not_refusable:
        raise ChaiqinError(not_refusable[0], citation=not_refusable[1], code="not_refusable")

    step.status = {"approve": Step.Status.APPROVED, "return": Step.Status.RETURNED, "reject": Step.Status.REJECTED}[decision]
    step.acted_by = actor
    step.decided_at = now
    step.comment = comment.strip()
    step.save(update_fields=["status", "acted_by", "decided_at", "comment"])
    action = {"approve": AuditEvent.Action.APPROVE, "return": AuditEvent.Action.RETURN, "reject": AuditEvent.Action.REJECT}[decision]
    AuditEvent.objects.create(case=case, step=step, actor=actor, on_behalf_of=on_behalf, action=action,
                              note=comment.strip(), at=now)

    label = registry.label_of(case.kind)
    if decision == "approve":
        following = case.steps.filter(order__gt=step.order, status=Step.Status.WAITING).order_by("order").first()
        if following is not None:
            following.status = Step.Status.CURRENT
            following.save(update_fields=["status"])
            _ask(case, following)
            return case
        case.status = Case.Status.APPROVED
        case.decided_at = now
        case.save(update_fields=["status", "decided_at"])
        registry.form_kind(case.kind).on_approved(registry.form_of(case))
        notify(person=case.applicant, case=case, url=_form_url(case), message=f"您的{label}已核准：{case.title}")
        return case

    case.steps.filter(status=Step.Status.WAITING).update(status=Step.Status.CLOSED)
    if decision == "return":
        case.status = Case.Status.RETURNED
        case.save(update_fields=["status"])
        notify(person=case.applicant, case=case, url=_form_url(case),
               message=f"您的{label}被退回修正（{comment.strip()}）：{case.title}")
    else:
        case.status = Case.Status.REJECTED
        case.decided_at = now
        case.save(update_fields=["status", "decided_at"])
        registry.form_kind(case.kind).on_closed(registry.form_of(case), case.status)
        notify(person=case.applicant, case=case, url=_form_url(case),
               message=f"您的{label}未獲核准（{comment.strip()}）：{case.title}")
    return case


def cases_decide(*, cases: list[Case], actor: Person, decision: str, comment: str = "") -> list[tuple[Case, str]]:
    """Decide several cases at once (the inbox): each goes through case_decide in its own
    transaction, so each is checked and audited one by one and one refusal leaves the others
    decided. Returns (case, "" when decided, else the refusal's message) in the order given."""
    done = []
    for case in cases:
        try:
            case_decide(case=case, actor=actor, decision=decision, comment=comment)
        except ChaiqinError as exc:
            done.append((case, str(exc)))
        else:
            done.append((case, ""))
    return done


@retry_on_deadlock
@transaction.atomic
def case_withdraw(*, case: Case, actor: Person, reason: str = "") -> Case:
    """The applicant takes back a case that is not finally decided."""
    case = _lock(case)
    if case.applicant_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以撤回。")
    if case.status not in Case.OPEN:
        raise ChaiqinError(f"此案件已{case.get_status_display()}，不能撤回；已核准的請假請辦理銷假。")
    now = clock.now()
    case.steps.filter(status__in=[Step.Status.CURRENT, Step.Status.WAITING]).update(status=Step.Status.CLOSED)
    case.status = Case.Status.WITHDRAWN
    case.decided_at = now
    case.save(update_fields=["status", "decided_at"])
    AuditEvent.objects.create(case=case, actor=actor, action=AuditEvent.Action.WITHDRAW, note=reason, at=now)
    registry.form_kind(case.kind).on_closed(registry.form_of(case), case.status)
    return case


def check_correctable(*, case: Case | None, applicant_id: int, actor: Person, label: str) -> None:
    """Refuse (ChaiqinError naming the form) unless `actor` applied for the form and its case was
    returned for correction: the one guard of every form's correction service."""
    if actor.pk != applicant_id:
        raise ChaiqinError(f"只有申請人本人可以修正並重新送出{label}。", code="permission")
    if case is None or case.status != Case.Status.RETURNED:
        shown = case.get_status_display() if case else "草稿"
        raise ChaiqinError(f"此{label}為「{shown}」，只有被退回修正的{label}可以修正後重送。", code="state")


@retry_on_deadlock
@transaction.atomic
def case_resubmit(*, case: Case, actor: Person, steps: list[PlannedStep], note: str = "") -> Case:
    """After a return, the applicant sends the corrected form through a fresh chain of steps."""
    case = _lock(case)
    if case.applicant_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以重新送出。")
    if case.status != Case.Status.RETURNED:
        raise ChaiqinError("只有被退回的案件可以修正後重送。")
    last = case.steps.order_by("-order").values_list("order", flat=True).first() or 0
    case.status = Case.Status.PENDING
    case.save(update_fields=["status"])
    first = _create_steps(case, steps, last + 1)
    AuditEvent.objects.create(case=case, actor=actor, action=AuditEvent.Action.RESUBMIT, note=note, at=clock.now())
    _ask(case, first)
    return case


@retry_on_deadlock
@transaction.atomic
def case_record(*, case: Case, actor: Person, action: str, note: str, close_as: str | None = None) -> Case:
    """Record a change to an approved case (e.g. a partial cancellation); `close_as` also sets its status."""
    case = _lock(case)
    now = clock.now()
    if close_as:
        case.status = close_as
        case.decided_at = now
        case.save(update_fields=["status", "decided_at"])
    AuditEvent.objects.create(case=case, actor=actor, action=action, note=note, at=now)
    return case


@transaction.atomic
def delegation_create(*, person: Person, delegate: Person, start: datetime, end: datetime, reason: str = "") -> Delegation:
    """`delegate` decides `person`'s steps from `start` to `end` (e.g. while on leave).

    While it runs it wins over the agent of `person`'s leave (workflow.away). Refused: an end not
    after the start, oneself, someone of another agency or no longer serving, a period that
    overlaps another delegation of `person` (one delegate at a time).
    """
    if end <= start:
        raise ChaiqinError("代理簽核的結束時間必須晚於開始時間。", field="end")
    if delegate.pk == person.pk:
        raise ChaiqinError("不能指定自己為代理簽核人。", field="delegate")
    if delegate.agency_id != person.agency_id:
        raise ChaiqinError("代理簽核人必須是同一機關的人員。", field="delegate")
    if delegate.status != Person.Status.ACTIVE:
        raise ChaiqinError(f"{delegate.name}目前非在職，不能代理簽核。", field="delegate")
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer of a person's delegations at a time
    clash = (Delegation.objects.filter(person=person, start__lt=end, end__gt=start).select_related("delegate")
             .order_by("start").first())
    if clash:
        raise ChaiqinError(f"此期間已指定{clash.delegate.name}代理簽核（{format_roc_datetime(clash.start)} 至 "
                           f"{format_roc_datetime(clash.end)}），同一時間只能有一位代理簽核人。", field="start")
    return Delegation.objects.create(person=person, delegate=delegate, start=start, end=end, reason=reason)


@transaction.atomic
def delegation_end(*, actor: Person, delegation: Delegation) -> Delegation | None:
    """The decider ends their delegation now (one not yet begun is removed). Returns it, or None if removed."""
    if delegation.person_id != actor.pk:
        raise ChaiqinError("只有指定代理的本人可以結束代理簽核。")
    now = clock.now()
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.start >= now:
        delegation.delete()
        return None
    if delegation.end > now:
        delegation.end = now
        delegation.save(update_fields=["end"])
    return delegation
