"""Log-in with a limit on guessing: after too many failures for one account or from one address
within a window, further attempts are refused for a while, whatever the password.

Failures are rows in the database (org.LoginFailure), so the limit holds across server workers.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from chaiqin import clock
from chaiqin.clientip import client_ip
from chaiqin.org.models import LoginFailure


def _limits() -> tuple[int, timedelta]:
    return (getattr(settings, "LOGIN_FAILURE_LIMIT", 5),
            timedelta(minutes=getattr(settings, "LOGIN_FAILURE_WINDOW_MINUTES", 15)))


def account_key(username: str) -> str:
    """The one spelling under which failures of an account are counted and looked up.

    The log-in form reads the name as Django's UsernameField does (NFKC, so `ｔｅａｃｈｅｒ` is
    `teacher`), and the backends match it without regard to case; so the key is the NFKC form,
    stripped and case-folded: every spelling that reaches the same account shares one count.
    """
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def login_blocked(username: str, ip: str | None) -> bool:
    """True when `username` (any spelling of it, see account_key) or `ip` has reached the
    failure limit inside the window."""
    limit, window = _limits()
    since = clock.now() - window
    recent = LoginFailure.objects.filter(at__gte=since)
    # iexact: rows kept from before the key was case-folded were written as typed.
    if recent.filter(username__iexact=account_key(username)).count() >= limit:
        return True
    # An address may fail more often (a shared office NAT), but not without bound.
    return ip is not None and recent.filter(ip=ip).count() >= limit * 4


class LimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "帳號或密碼錯誤，請再試一次。（帳號與密碼皆區分大小寫）",
        "inactive": "此帳號已停用，請洽人事室。",
        "blocked": "登入失敗次數過多，為保護帳號安全，請於 %(minutes)d 分鐘後再試，或洽系統管理者。",
    }

    def clean(self):
        username = account_key(self.data.get("username") or "")
        ip = client_ip(self.request) if self.request else None
        limit, window = _limits()
        if username and login_blocked(username, ip):
            raise ValidationError(self.error_messages["blocked"], code="blocked",
                                  params={"minutes": int(window.total_seconds() // 60)})
        try:
            return super().clean()
        except ValidationError:
            if username:
                LoginFailure.objects.create(username=username, ip=ip, at=clock.now())
            # The directory's own answer (chaiqin/org/directory.py) says more than "wrong password".
            refusal = getattr(self.request, "directory_refusal", None)
            if refusal:
                raise ValidationError(refusal, code="directory") from None
            raise


class LoginView(auth_views.LoginView):
    form_class = LimitedAuthenticationForm
    redirect_authenticated_user = True
