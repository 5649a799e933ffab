"""The settings of directory log-in, built from the environment (.env.example, docs/OPERATIONS.md).

Kept apart from chaiqin/org/directory.py so that settings.py imports python-ldap only when a
directory is configured, and without touching Django's models.
"""

from __future__ import annotations

LOCAL_BACKEND = "django.contrib.auth.backends.ModelBackend"
DIRECTORY_BACKEND = "chaiqin.org.directory.DirectoryBackend"


def backends(*, directory: bool, local_passwords: bool) -> list[str]:
    """Local passwords first: they answer without the network, so they still work while the
    directory is down. With neither, nobody could log in: refuse to start."""
    found = ([LOCAL_BACKEND] if local_passwords else []) + ([DIRECTORY_BACKEND] if directory else [])
    if not found:
        raise ValueError("LOCAL_PASSWORDS=false needs LDAP_SERVER_URI: otherwise nobody can log in")
    return found


def ldap_settings(*, server_uri: str, start_tls: bool = False, bind_dn: str = "", bind_password: str = "",
                  user_base: str, user_filter: str = "(uid=%(user)s)", employee_no_attr: str = "employeeNumber",
                  ca_file: str = "", agency_code: str = "", timeout: int = 5) -> dict:
    """AUTH_LDAP_* for django-auth-ldap and CHAIQIN_LDAP_* for chaiqin's backend.

    `user_filter`: OpenLDAP `(uid=%(user)s)`, Active Directory `(sAMAccountName=%(user)s)`.
    `ca_file`: the CA that signed the directory's certificate, for ldaps:// and StartTLS.
    """
    import ldap  # only when a directory is configured: python-ldap loads libldap and its TLS state
    from django_auth_ldap.config import LDAPSearch

    if not user_base:
        raise ValueError("LDAP_USER_BASE must be set with LDAP_SERVER_URI (e.g. ou=people,dc=example,dc=gov,dc=tw)")
    options = {
        # A directory that does not answer must not hold the log-in page for minutes.
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout * 2,
        # Active Directory answers searches at the domain root with referrals python-ldap cannot follow.
        ldap.OPT_REFERRALS: 0,
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
    }
    if ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
    # A new TLS context after the options above, or they are ignored (python-ldap's documented order).
    options[ldap.OPT_X_TLS_NEWCTX] = 0
    return {
        "AUTH_LDAP_SERVER_URI": server_uri,
        "AUTH_LDAP_START_TLS": start_tls,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(user_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_GLOBAL_OPTIONS": {},
        # Roles stay chaiqin's: nothing of the directory is copied onto the log-in.
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,
        "AUTH_LDAP_MIRROR_GROUPS": False,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        "CHAIQIN_LDAP_EMPLOYEE_NO_ATTR": employee_no_attr,
        "CHAIQIN_LDAP_AGENCY_CODE": agency_code,
    }
