"""Integra settings, read from the environment (see .env.example).

The embedded default (SQLite, in-process cache, database task queue) needs only
DEBUG=1; production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, CACHE_URL and
the e-mail variables.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
load_env_file(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-only-for-debug-mode-0123456789")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "phonenumber_field",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "integra.core",
    "integra.topics",
    "integra.centres",
    "integra.accounts",
    "integra.clients",
    "integra.consultations",
    "integra.knowledge",
    "integra.forum",
    "integra.violations",
    "integra.hotline",
    "integra.events",
    "integra.courses",
    "integra.interpreting",
    "integra.figures",
    "integra.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "integra.core.nocache.StaffNoStoreMiddleware",  # Cache-Control: no-store on staff pages and API
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "integra.core.pagecache.PublicPageCacheMiddleware",  # a cached public page skips everything below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "integra.accounts.middleware.KeepTypedFormMiddleware",  # before LoginRequired: keeps a form sent too late
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "integra.accounts.middleware.StaffSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "integra.core.csp.CSPMiddleware",  # django-csp's, the settings' policy built once per process
    "integra.core.audit.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integra.core.context_processors.integra",
                "integra.centres.context_processors.hotlines",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'integra.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
CACHE_URL = env_str("CACHE_URL", "locmem://")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_URL.removeprefix("db://") or "integra_cache",
        }
    }
else:
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, locmem:// or db://, not {CACHE_URL!r}.")

# Whole public pages for visitors without a session (integra/core/pagecache.py): served from process
# memory with the shared cache behind it, invalidated by a content version that every save of the models
# below bumps; every process sees a change within PAGE_CACHE_VERSION_SECONDS. 0 seconds turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_VERSION_SECONDS = env_int("PAGE_CACHE_VERSION_SECONDS", 1)
PAGE_CACHE_MAX_ENTRIES = env_int("PAGE_CACHE_MAX_ENTRIES", 2000)
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 64 * 1024 * 1024)
PAGE_CACHE_MODELS = [
    "topics.Topic",
    "centres.Service", "centres.Centre", "centres.OpeningHours", "centres.Hotline", "centres.Place",
    "centres.Institution",
    "knowledge.Article", "knowledge.ArticleTranslation", "knowledge.SearchDocument",
    "forum.Question", "forum.Answer",
    "hotline.LineHours", "hotline.LineDay",
    "consultations.Rota", "consultations.ClosedDay",
    "events.Event", "events.Registration",  # a registration can fill an event: its page changes
    "courses.Course", "courses.Group", "courses.Session", "courses.Enrolment",  # an enrolment takes a place
    "figures.IndicatorSetting",  # a renamed indicator on the public figures page
]  # fmt: skip

# Figures (issue 18): a count of people or contacts below this is shown as "fewer than N" to everyone but
# coordinators, and never in anything public.
FIGURES_SMALL_CELL = env_int("FIGURES_SMALL_CELL", 3)
# How long a funder report prepared in the background is kept for download (then deleted).
FIGURES_EXPORT_HOURS = env_int("FIGURES_EXPORT_HOURS", 24)

# --- Background tasks (Django's tasks API, database backend) ---------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts, passwords, two-factor, lockout --------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after_login"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "integra.accounts.backends.MemberEmailBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the (username, address) pair after 5 failures: a wrong password typed at one address never
# locks another person out, even behind a proxy. Guessing one account from many addresses meets the
# growing per-username delay in integra.accounts.throttle instead of a lock anyone could trigger.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "integra.core.net.client_ip"
LOGIN_DELAY_AFTER_FAILURES = env_int("LOGIN_DELAY_AFTER_FAILURES", 10)  # failures (any address) before it starts
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 300)
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, no record of successful sign-ins
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Integra"
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT", 30 * 60)
# The page warns this many seconds before the idle sign-out, with "Stay signed in" (static/js/idle.js).
STAFF_IDLE_WARNING = env_int("STAFF_IDLE_WARNING", 2 * 60)
# A form sent after the session ended is kept (encrypted, in the new session) this long for after sign-in.
KEPT_FORM_SECONDS = env_int("KEPT_FORM_SECONDS", 30 * 60)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Languages and time ----------------------------------------------------
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
]
LANGUAGES_BIDI = ["ar", "fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Sofia"
FORMAT_MODULE_PATH = ["integra.core.formats"]

# --- Static files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# --- E-mail ----------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Integra <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed (integra.core.net).
# Behind the proxy the default is a proxy on the same host; set it to the load balancers' addresses.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"] if BEHIND_TLS_PROXY else [])
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # fail loudly at start-up on a malformed entry
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- Audit log ----------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = True  # no network address is kept with any audit entry

# --- Logging: no personal data -----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "integra.core.logging.NoPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Integra ------------------------------------------------------------------
INTEGRA_DEMO = env_bool("INTEGRA_DEMO", False)
FORM_RENDERER = "integra.core.forms.Renderer"
PHONENUMBER_DEFAULT_REGION = "BG"

# --- Knowledge base (issue 4) ------------------------------------------------------
# An article not reviewed within this many months appears on the review-due list.
KNOWLEDGE_REVIEW_MONTHS = env_int("KNOWLEDGE_REVIEW_MONTHS", 12)
# The language new articles are written in first; the other languages are translated from it.
KNOWLEDGE_SOURCE_LANGUAGE = env_str("KNOWLEDGE_SOURCE_LANGUAGE", "en")

# --- Encryption at rest and SMS (shared; issue 3) -------------------------------------
# FIELD_ENCRYPTION_KEY: 32 random bytes, base64 (see integra/core/crypto.py); required with DEBUG off.
# With DEBUG on and no key, integra.core.crypto derives a development key from SECRET_KEY.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "") if DEBUG else env_str("FIELD_ENCRYPTION_KEY")
if FIELD_ENCRYPTION_KEY:
    from integra.core.crypto import parse_key as _parse_field_key

    _parse_field_key(FIELD_ENCRYPTION_KEY)  # fail at start-up, not at the first save
# SMS_BACKEND: console (default), file (SMS_FILE_PATH), locmem (tests) or twilio (see integra/core/sms.py).
SMS_BACKEND = env_str("SMS_BACKEND", "console")
SMS_FILE_PATH = Path(env_str("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms")))
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID", "")
TWILIO_FROM = env_str("TWILIO_FROM", "")

# --- Consultations and booking (issue 3) ----------------------------------------------
# How many days ahead the public booking offers slots, and the least notice before a slot.
BOOKING_HORIZON_DAYS = env_int("BOOKING_HORIZON_DAYS", 21)
BOOKING_MIN_NOTICE_HOURS = env_int("BOOKING_MIN_NOTICE_HOURS", 2)
# Public booking limits (issue 9, finding 4), counted in the cache under a keyed hash: (count, seconds).
BOOKING_RATE_LIMITS = {
    "address": (env_int("BOOKING_ADDRESS_LIMIT", 5), 3600),  # bookings sent per client address per hour
    "contact": (env_int("BOOKING_CONTACT_LIMIT", 3), 86400),  # bookings sent per phone / e-mail per day
    "find": (env_int("BOOKING_FIND_LIMIT", 10), 900),  # change/cancel look-ups per address per 15 minutes
    "find_reference": (env_int("BOOKING_FIND_REFERENCE_LIMIT", 5), 900),  # look-ups per booking reference
}
# Upcoming (future, not cancelled) bookings one phone number or e-mail may hold through the public booking.
BOOKING_MAX_ACTIVE_PER_CONTACT = env_int("BOOKING_MAX_ACTIVE_PER_CONTACT", 2)
# A booking's confirmation link works until this many days after the appointment.
BOOKING_LINK_DAYS_AFTER = env_int("BOOKING_LINK_DAYS_AFTER", 7)

# --- Who runs the service (issue 11, item 10): shown on the privacy notice and "who runs this service" ---
# The organisation responsible for the personal data (the controller), its postal address and its e-mail
# for data requests. Empty: the pages send people to the centres and the hotline instead.
SERVICE_OPERATOR_NAME = env_str("SERVICE_OPERATOR_NAME", "")
SERVICE_OPERATOR_ADDRESS = env_str("SERVICE_OPERATOR_ADDRESS", "")
SERVICE_OPERATOR_EMAIL = env_str("SERVICE_OPERATOR_EMAIL", "")

# --- Violation reports (issue 6) --------------------------------------------------------
# Closed reports and their files are deleted this many days after closing.
VIOLATIONS_RETENTION_DAYS = env_int("VIOLATIONS_RETENTION_DAYS", 90)
# Server key for receipt lookup tags and rate-limit buckets; defaults to SECRET_KEY. Set it so
# that rotating SECRET_KEY does not make receipts unfindable.
VIOLATIONS_SERVER_KEY = env_str("VIOLATIONS_SERVER_KEY", "")
VIOLATIONS_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # files per report, together
# Rate limits per client address (counted in the cache under a keyed hash): (count, seconds).
VIOLATIONS_RATE_LIMITS = {
    "submit": (env_int("VIOLATIONS_SUBMIT_LIMIT", 5), 3600),  # reports sent per hour
    "receipt": (env_int("VIOLATIONS_RECEIPT_LIMIT", 10), 900),  # receipts tried per 15 minutes
    "write": (env_int("VIOLATIONS_WRITE_LIMIT", 30), 3600),  # answers and files added per hour
    "unlock": (env_int("VIOLATIONS_UNLOCK_LIMIT", 5), 900),  # an officer's password attempts, per account
}

# Anonymous article feedback ("was this page useful?") per client address: (count, seconds).
KNOWLEDGE_RATE_LIMITS = {"feedback": (env_int("KNOWLEDGE_FEEDBACK_LIMIT", 20), 3600)}

# --- Questions and answers (issue 5) ------------------------------------------------------
# Target time to a first answer, in working days (Monday to Friday); missed targets are highlighted.
FORUM_ANSWER_TARGET_WORKING_DAYS = env_int("FORUM_ANSWER_TARGET_WORKING_DAYS", 2)
# Rate limits per client address, counted in the cache under a keyed hash: (count, seconds).
FORUM_RATE_LIMITS = {
    "ask": (env_int("FORUM_ASK_LIMIT", 5), 3600),  # questions sent per hour
    "reply": (env_int("FORUM_REPLY_LIMIT", 30), 3600),  # replies through a private link per hour
    "similar": (env_int("FORUM_SIMILAR_LIMIT", 120), 60),  # similar-question look-ups while typing, per minute
}
# The site's public address, for links in answer notifications (e-mail and SMS).
FORUM_PUBLIC_URL = env_str("FORUM_PUBLIC_URL", "http://localhost:8000")

# --- Hotline (issue 12) ----------------------------------------------------------------------
# Public call-back requests, counted in the cache under a keyed hash: (count, seconds), per address and per phone.
HOTLINE_RATE_LIMITS = {
    "address": (env_int("HOTLINE_CALLBACK_ADDRESS_LIMIT", 5), 3600),
    "phone": (env_int("HOTLINE_CALLBACK_PHONE_LIMIT", 3), 86400),
}
# Telephony provider: "console" (default: nothing is sent, webhooks answer 403) or "twilio".
TELEPHONY_BACKEND = env_str("TELEPHONY_BACKEND", "console")
# Twilio's auth token signs every webhook; without it every webhook answers 403.
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN", "")
# Recorded prompts per language for the phone menu, e.g. "bg=https://…/bg.mp3,en=https://…/en.mp3";
# a language without one is read out by text-to-speech.
TELEPHONY_PROMPT_URLS = dict(item.split("=", 1) for item in env_list("TELEPHONY_PROMPT_URLS", []) if "=" in item)
# The number calls are forwarded to while the line is open (operators' phones or a queue), E.164.
TELEPHONY_OPERATOR_NUMBER = env_str("TELEPHONY_OPERATOR_NUMBER", "")

# --- Events (issue 15) -----------------------------------------------------------------------
# Anonymous answers to an event's "was this useful for you?" card, per client address: (count, seconds).
EVENT_FEEDBACK_RATE_LIMITS = {"feedback": (env_int("EVENT_FEEDBACK_LIMIT", 20), 3600)}
# A place freed at a full event is offered to the first one waiting, who has this long to accept
# (never past the event's start).
EVENT_OFFER_HOURS = env_int("EVENT_OFFER_HOURS", 24)
# Look-ups of a registration by reference and phone or e-mail, per client address: (count, seconds).
EVENT_RATE_LIMITS = {"find": (env_int("EVENT_FIND_LIMIT", 10), 3600)}

# --- A member's page (issue 17): claiming records made without an account with a one-time code ---------
# How long a code sent to a phone or e-mail works, in minutes.
MEMBER_CLAIM_CODE_MINUTES = env_int("MEMBER_CLAIM_CODE_MINUTES", 15)
# Counted in the cache under a keyed hash of the account (no address stored): (count, seconds).
MEMBER_CLAIM_RATE_LIMITS = {
    "wrong_code": (3, env_int("MEMBER_CLAIM_LOCK_SECONDS", 1800)),  # three wrong codes lock claiming this long
    "send": (env_int("MEMBER_CLAIM_SEND_LIMIT", 5), 3600),  # codes sent per account per hour
    "target": (env_int("MEMBER_CLAIM_TARGET_LIMIT", 3), 86400),  # codes sent to one phone or e-mail per day
}

# --- Courses (issue 14) ----------------------------------------------------------------------
# A place freed in a full group is offered to the first on its waiting list, who has this long to accept.
COURSE_OFFER_HOURS = env_int("COURSE_OFFER_HOURS", 48)
# The site's public address, for the links in offer messages (the same as the forum's by default).
SITE_PUBLIC_URL = env_str("SITE_PUBLIC_URL", FORUM_PUBLIC_URL)
# Public enrolments and look-ups of an enrolment by reference, per client address: (count, seconds).
COURSE_RATE_LIMITS = {
    "enrol": (env_int("COURSE_ENROL_LIMIT", 10), 3600),
    "find": (env_int("COURSE_FIND_LIMIT", 10), 3600),
}

# --- Phone interpretation now (issue 13 item 7) -----------------------------------------------
# How long each interpreter's phone rings before the provider reports no-answer and the next one is called.
INTERPRETING_PHONE_RING_SECONDS = env_int("INTERPRETING_PHONE_RING_SECONDS", 30)
# How many available phone interpreters are called, one after another, before the request goes to the coordinator.
INTERPRETING_PHONE_CANDIDATES = env_int("INTERPRETING_PHONE_CANDIDATES", 8)

# --- Interpreting figures (issue 13) ---------------------------------------------------------
# "Filled within target": a routine request is confirmed at least this many hours before it starts;
# an urgent one within this many minutes of being asked.
INTERPRETING_TARGET_HOURS_BEFORE = env_int("INTERPRETING_TARGET_HOURS_BEFORE", 24)
INTERPRETING_URGENT_TARGET_MINUTES = env_int("INTERPRETING_URGENT_TARGET_MINUTES", 120)
