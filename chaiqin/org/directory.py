"""Log-in against the agency's directory (LDAP / Active Directory) through django-auth-ldap.

The directory only says who someone is: the account's 員工編號 (LDAP_EMPLOYEE_NO_ATTR) links it,
at the first log-in, to the person of chaiqin with that number. Nobody is created from the
directory, and roles and scopes stay chaiqin's (no group mirroring, no attribute copying).

A refusal (no such person, no number in the directory, the directory down) is left on the
request as `directory_refusal` for the log-in form to show; the operator's causes (a rejected
service bind, a certificate that does not verify) go to the log, never to the person.
"""

from __future__ import annotations

import logging

import ldap
from django.conf import settings
from django_auth_ldap.backend import LDAPBackend, ldap_error

from .models import Person
from .services import person_link_login

logger = logging.getLogger("chaiqin.directory")

UNAVAILABLE = "目錄服務暫時無法連線，請稍後再試；若本機關另設有本系統密碼，可改以該密碼登入。"


class DirectoryRefusal(Exception):
    """The directory accepted the password but chaiqin will not log this account in."""


def _employee_no(ldap_user) -> str:
    attr = getattr(settings, "CHAIQIN_LDAP_EMPLOYEE_NO_ATTR", "employeeNumber")
    values = ldap_user.attrs.get(attr) or ldap_user.attrs.get(attr.lower()) or []
    return values[0].strip() if values else ""


def _person_for(employee_no: str, username: str) -> Person:
    if not employee_no:
        logger.warning("directory account %s has no %s", username,
                       getattr(settings, "CHAIQIN_LDAP_EMPLOYEE_NO_ATTR", "employeeNumber"))
        raise DirectoryRefusal("您的目錄帳號未登錄員工編號，無法對應本系統的人員，請洽資訊室或人事室。")
    people = Person.objects.filter(employee_no=employee_no).exclude(status=Person.Status.LEFT)
    agency = getattr(settings, "CHAIQIN_LDAP_AGENCY_CODE", "")
    if agency:
        people = people.filter(agency__code=agency)
    found = list(people.select_related("user")[:2])
    if not found:
        raise DirectoryRefusal(f"本系統查無員工編號「{employee_no}」的在職人員，無法以目錄帳號登入；"
                               "請洽人事室建立人員資料後再登入。")
    if len(found) > 1:
        logger.error("employee number %s matches people of several agencies: set LDAP_AGENCY_CODE", employee_no)
        raise DirectoryRefusal(f"員工編號「{employee_no}」對應到多個機關的人員，請洽系統管理者設定目錄所屬機關。")
    return found[0]


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap, linking each directory account to an existing person by 員工編號."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except DirectoryRefusal as refusal:
            if request is not None:
                request.directory_refusal = str(refusal)
            return None

    def get_or_build_user(self, username, ldap_user):
        person = _person_for(_employee_no(ldap_user), username)
        if person.user_id:
            return person.user, False
        try:
            return person_link_login(person=person, username=username), False
        except ValueError:
            # The name is another log-in's (someone else's local account): never merge the two.
            logger.error("directory account %s: chaiqin already has another log-in of that name", username)
            raise DirectoryRefusal("此目錄帳號名稱已被本系統的其他帳號使用，請洽系統管理者。") from None


def _on_ldap_error(sender, context, user, request, exception, **kwargs):
    """Every LDAP error: the person reads that the directory is unavailable, the operator the cause."""
    if isinstance(exception, ldap.INVALID_CREDENTIALS):
        # The search bind (LDAP_BIND_DN) was refused: a person's own wrong password never gets here.
        logger.error("directory refused the service bind as %r: check LDAP_BIND_DN and LDAP_BIND_PASSWORD",
                     getattr(settings, "AUTH_LDAP_BIND_DN", ""))
    else:
        logger.error("directory unavailable %s (%s): %s", context, getattr(settings, "AUTH_LDAP_SERVER_URI", ""),
                     exception)
    if request is not None:
        request.directory_refusal = UNAVAILABLE
        request.directory_unavailable = True


ldap_error.connect(_on_ldap_error, sender=DirectoryBackend, dispatch_uid="chaiqin.directory.ldap_error")
