import os
import unicodedata
from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from chaiqin.org.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_load, demo_who


def _pad(text: str, columns: int) -> str:
    # Chinese characters take two columns of a terminal: pad by what is seen, not by characters.
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(columns - width, 0)


def served_address() -> str:
    """The address `make demo` serves (its HOST and PORT, as the Makefile passes them on)."""
    host = os.environ.get("HOST") or "127.0.0.1"
    port = os.environ.get("PORT") or "8000"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


class Command(BaseCommand):
    help = "載入示範機關與人員（花蓮縣政府、國立恆春工商），並列出示範帳號。"

    def handle(self, *args, **options):
        # The demo's own forms notify their deciders; those e-mails would bury the log-ins below.
        with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
            self._load()
        self.stdout.write("")
        self.stdout.write("示範帳號（密碼皆為 %s）：" % DEMO_PASSWORD)
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {_pad(login.role, 12)} {login.username:<20} {demo_who(login)}")
        self.stdout.write("")
        self.stdout.write(f"開啟 {served_address()} 登入。")

    def _load(self):
        created, count = demo_load()
        # Each form app may add its own demo records in chaiqin/<app>/demo.py: demo_load() -> str.
        for app in ("calendar", "workflow", "leave", "attendance", "overtime", "wfh", "trips", "compliance", "payroll"):
            if find_spec(f"chaiqin.{app}.demo") is not None:
                summary = import_module(f"chaiqin.{app}.demo").demo_load()
                if summary:
                    self.stdout.write(summary)
        self.stdout.write(("已載入示範資料" if created else "示範資料已存在") + f"：共 {count} 人。")
