"""The one place where a page shows a refused action (a `ChaiqinError` from a service).

The API has its handler in `chaiqin/api.py`; every HTML view runs its service call inside
`attempt`, which catches the refusal, shows it and lets the view go on as it would have:

    with attempt(request, form) as done:
        made = services.missed_punch_submit(person=me, **form.cleaned_data)
    if done.ok:
        messages.success(request, "未刷卡補登單已送出，待主管簽核。")
        return redirect("attendance:missed_punch", form_id=made.pk)
    return render_page(request, "attendance/missed_punch_new.html", "attendance", form=form)

Where the refusal is shown:
- with a form: on the field the refusal names (`ChaiqinError.field`) when the form has it, else
  on `field` when given, else above the form; the form is re-rendered with what was typed;
- without a form, or with `message=True`: as a page message (`django.contrib.messages`), which
  survives the redirect the view then answers; with `message=True` and a form, the named field
  is marked as well, so the message sits at the top and the field shows where to correct;
- `show=False`: nowhere; the view renders `done.error` itself (the leave form's summary box).

Only `ChaiqinError` is caught: anything else is a bug and must reach the error page. Services
turn a `rules.RuleInputError` into a `ChaiqinError` at their boundary (`errors.refuses_rule_input`).
"""

from __future__ import annotations

from django.contrib import messages

from chaiqin.errors import ChaiqinError
from chaiqin.org.wording import in_own_words


def refusal_text(exc: ChaiqinError, *, prefix: str = "", suffix: str = "") -> str:
    """The sentence a person reads: the message, its citation in （）, and the page's framing."""
    return f"{prefix}{exc}{suffix}"


def show_refusal(request, exc: ChaiqinError, form=None, *, field: str | None = None, message: bool = False,
                 prefix: str = "", suffix: str = "") -> None:
    """Show `exc` on `form` or as a page message, by the rules in this module's docstring."""
    person = getattr(getattr(request, "user", None), "person", None)
    if person is not None and exc.citation:
        # a rule the agency sets itself (本機關…規範) cited in the agency's own word: 本府, 本校, 本所
        text = f"{prefix}{exc.message}（{in_own_words(exc.citation, person.agency)}）{suffix}"
    else:
        text = refusal_text(exc, prefix=prefix, suffix=suffix)
    named = exc.field if form is not None and exc.field in form.fields else None
    if form is None or message:
        messages.error(request, text)
        if named:
            form.add_error(named, text)
        return
    form.add_error(named or field, text)


class Attempt:
    """A service call that may be refused: `ok` after the block, and the `error` if it was."""

    def __init__(self, request, form=None, *, field: str | None = None, message: bool = False, show: bool = True,
                 prefix: str = "", suffix: str = ""):
        self.request, self.form, self.field = request, form, field
        self.message, self.show, self.prefix, self.suffix = message, show, prefix, suffix
        self.error: ChaiqinError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __enter__(self) -> Attempt:
        return self

    def __exit__(self, kind, exc, traceback) -> bool:
        if not isinstance(exc, ChaiqinError):
            return False
        self.error = exc
        if self.show:
            show_refusal(self.request, exc, self.form, field=self.field, message=self.message,
                         prefix=self.prefix, suffix=self.suffix)
        return True


def attempt(request, form=None, *, field: str | None = None, message: bool = False, show: bool = True,
            prefix: str = "", suffix: str = "") -> Attempt:
    """`with attempt(request, form) as done:` around the service call; see the module docstring."""
    return Attempt(request, form, field=field, message=message, show=show, prefix=prefix, suffix=suffix)
