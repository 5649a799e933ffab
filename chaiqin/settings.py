"""The one settings module: reads the environment, fails loudly on bad values.

With nothing set it runs on an embedded SQLite file under var/ (zero set-up). Production
sets DATABASE_URL (PostgreSQL through psycopg 3), SECRET_KEY, DEBUG=false, ALLOWED_HOSTS.
See .env.example.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "chaiqin-development-only-key-never-use-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The agency's reverse proxies (addresses or networks): only a request from one of them has its
# X-Forwarded-For believed (chaiqin/clientip.py). Empty: REMOTE_ADDR is the client.
CHAIQIN_TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    # First, so that its registration/ templates (password change) win over the admin's.
    "chaiqin.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",  # ships htmx itself (static), for fragments such as the leave form's live duration
    "chaiqin.org",
    "chaiqin.calendar",
    "chaiqin.workflow",
    "chaiqin.leave",
    "chaiqin.attendance",
    "chaiqin.overtime",
    "chaiqin.wfh",
    "chaiqin.trips",
    "chaiqin.compliance",
    "chaiqin.console",
    "chaiqin.tokens",
    "chaiqin.payroll",
    "chaiqin.phrases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "chaiqin.dbguard.DatabaseUnavailableMiddleware",  # a lost database connection: 503 in Chinese, not a traceback
    "chaiqin.dbrouter.StandbyReadsMiddleware",  # reports may read from a standby; writers read their writes
    "chaiqin.bodylimit.BodyTooLargeMiddleware",  # a body beyond DATA_UPLOAD_MAX_MEMORY_SIZE: 413 in Chinese
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chaiqin.org.initial_password.FirstLoginMiddleware",  # one-time password: change it before anything else
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chaiqin.urls"
WSGI_APPLICATION = "chaiqin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chaiqin.web.context.current_person",
            ],
        },
    },
]

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'chaiqin.sqlite3'}"),
}
# SQLite's synchronous level: FULL syncs the WAL at every commit, so an acknowledged punch or
# leave request survives a power loss; NORMAL (faster) may lose the last commits then.
# The cost is measured by bench/sqlite_durability_bench.py (docs/OPERATIONS.md §10).
SQLITE_SYNCHRONOUS = env.str("SQLITE_SYNCHRONOUS", default="FULL").upper()
if SQLITE_SYNCHRONOUS not in ("FULL", "EXTRA", "NORMAL"):
    raise environ.ImproperlyConfigured("SQLITE_SYNCHRONOUS must be FULL, EXTRA or NORMAL")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a request writes; IMMEDIATE takes the write lock at
    # BEGIN so two ledger postings serialise instead of failing on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding lets psycopg prepare a statement the fifth time a connection runs it, and
    # PostgreSQL then skips parsing and planning: half the database time of a card reader's punch
    # (bench/load_bench.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
# A persistent connection (CONN_MAX_AGE, e.g. ?conn_max_age=600 in DATABASE_URL) is checked before
# each request reuses it, so workers reconnect by themselves after PostgreSQL restarts.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# A hot standby (docs/OPERATIONS.md §9): reports, dashboards, exports and the roll-up may read from
# it; everything else, every write and what a person has just written stay on the primary.
if env.str("STANDBY_DATABASE_URL", default=""):
    DATABASES["standby"] = env.db_url("STANDBY_DATABASE_URL")
    DATABASES["standby"].setdefault("OPTIONS", {}).update(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["standby"].setdefault("CONN_HEALTH_CHECKS", True)
    DATABASES["standby"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["chaiqin.dbrouter.StandbyRouter"]
CHAIQIN_STANDBY_READ_VIEWS = [
    "compliance:home", "compliance:survey", "compliance:survey_year", "compliance:survey_export",
    "compliance:rollup", "compliance:rollup_year", "compliance:rollup_export", "compliance:travel_card",
    "compliance:travel_card_year", "leave:balance_table", "leave:balance_export", "overtime:sheet",
]
CHAIQIN_STANDBY_PIN_SECONDS = env.int("STANDBY_PIN_SECONDS", default=30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    # Only for the random one-time passwords of new accounts (org/initial_password.py), never the default.
    "chaiqin.org.initial_password.OneTimePasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Directory log-in (LDAP / Active Directory, docs/OPERATIONS.md): on when LDAP_SERVER_URI is set.
# LOCAL_PASSWORDS=false leaves the directory as the only way in.
from chaiqin.org import directory_settings  # noqa: E402

LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
AUTHENTICATION_BACKENDS = directory_settings.backends(
    directory=bool(LDAP_SERVER_URI), local_passwords=env.bool("LOCAL_PASSWORDS", default=True))
if LDAP_SERVER_URI:
    globals().update(directory_settings.ldap_settings(
        server_uri=LDAP_SERVER_URI,
        start_tls=env.bool("LDAP_START_TLS", default=False),
        bind_dn=env.str("LDAP_BIND_DN", default=""),
        bind_password=env.str("LDAP_BIND_PASSWORD", default=""),
        user_base=env.str("LDAP_USER_BASE", default=""),
        user_filter=env.str("LDAP_USER_FILTER", default="(uid=%(user)s)"),
        employee_no_attr=env.str("LDAP_EMPLOYEE_NO_ATTR", default="employeeNumber"),
        ca_file=env.str("LDAP_CA_FILE", default=""),
        agency_code=env.str("LDAP_AGENCY_CODE", default=""),
    ))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
# The project's own translations of Django strings zh-Hant lacks (e.g. the empty choice of a select).
LOCALE_PATHS = [BASE_DIR / "chaiqin" / "locale"]
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes (scripts/serve-production runs it): the hashed names and the manifest
# that DEBUG=false pages need.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
# Serve straight from the apps' static folders: one process, no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Django 6.1's MAILERS replaces EMAIL_BACKEND; the demo prints mail to the console.
MAILERS = {"default": {"BACKEND": env.str("MAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="chaiqin@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day: an unattended office computer does not stay logged in for weeks.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
# Attachments come as base64 in the API's JSON (5 MB of file is ~6.7 MB of text): let the
# upload check answer, in Chinese, rather than Django's generic "request too large".
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
# Behind a TLS-terminating proxy (docs/OPERATIONS.md): HSTS and the proxy's scheme header.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything is served from this site (intranets often have no internet): scripts, styles,
# fonts and images from 'self' only; inline style attributes are allowed for the charts' bars.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Freeze the clock (ISO datetime, Asia/Taipei) for tests and demos; empty means the real time.
CHAIQIN_NOW = env.str("CHAIQIN_NOW", default="")

# The daily e-mail digests of `manage.py send_reminders` (cron): each may be turned off.
CHAIQIN_REMIND_DECIDERS = env.bool("CHAIQIN_REMIND_DECIDERS", default=True)
CHAIQIN_REMIND_ATTENDANCE = env.bool("CHAIQIN_REMIND_ATTENDANCE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
