"""One settings file for every environment, read from the environment (django-environ).

Every variable is listed with its meaning in `.env.example` and in the README.
"""

import sys
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default="pytest" in sys.modules)

if DEBUG or TESTING:
    SECRET_KEY = env("SECRET_KEY", default="development-only-secret-key-not-for-production")
else:
    # No default outside development: without SECRET_KEY nothing that signs (sessions, CSRF,
    # passwords) works and `check --deploy` fails; commands such as makemigrations still run.
    SECRET_KEY = env("SECRET_KEY", default="")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "udavtal",
    "agreements",
    "partnerships",
    "reports",
    "grants",
    "audit",
    "accessibility",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "udavtal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "udavtal.urls"
WSGI_APPLICATION = "udavtal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "udavtal.context_processors.navigation",
            ],
            "builtins": ["udavtal.templatetags.udavtal"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: it starts on any plan costed over jit_above_cost (the overview's and
    # the exports' queries over all of Sweden) and adds 40–100 ms to queries that run in 40 ms
    # without it (docs/decisions/0024-page-speed.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Fast hashing in tests only; production keeps Django's default (PBKDF2).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Internationalisation: Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Off: with it on, every integer in a template is grouped, so years read "2 009". Numbers that
# should be grouped say so with the |num and |sek filters (1 234 567, 2,2 mdkr).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["udavtal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploads are served only through views that check permissions; there is no MEDIA_URL route.
MEDIA_URL = "/filer/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# List exports (udavtal.lib.exports, udavtal.list_exports): an XLSX of more cells than this is
# written in the background (about 5 µs a cell: 15 000 cells, about 2 000 rows, stay near 75 ms);
# stored exports are kept this many days.
EXPORT_INLINE_CELLS = env.int("EXPORT_INLINE_CELLS", default=15_000)
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SMALL_NUMBER_THRESHOLD = env.int("SMALL_NUMBER_THRESHOLD", default=10)

_email = env.email_url("EMAIL_URL", default="consolemail://")
_email_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {k: v for k, v in _email_options.items() if v not in (None, "")}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="udavtal@regeringskansliet.example.se")

TASKS_BACKEND = env("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Sessions, cookies and transport security.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL = env.bool("SECURE_SSL", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# django-axes: lock an account and address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Two-factor authentication (TOTP): required for ministry admins and officers outside development.
OTP_REQUIRED_FOR_MINISTRY = env.bool("OTP_REQUIRED_FOR_MINISTRY", default=not DEBUG)
OTP_TOTP_ISSUER = "udavtal"
# Public pages reachable without login are also reachable before the one-time code.
OTP_EXEMPT_PATH_PREFIXES = ["/tillganglighet/", "/oppna-data/", "/publicerat/"]

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# District reports and their reminders (reports/district/).
# REPORT_REMINDER_DAYS: days before a report's due date on which its municipality's coordinators
# are reminded by e-mail; an overdue reminder follows the day after the due date.
REPORT_REMINDER_DAYS = env.list("REPORT_REMINDER_DAYS", cast=int, default=[30, 7])
# SITE_URL: the address links in e-mails start with.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
