"""Django settings, built by a factory from the environment (never hard-coded secrets).

``MSKOKO_HOME`` places the embedded SQLite database; ``MSKOKO_DATABASE_URL`` puts the
database on a server (PostgreSQL). ``MSKOKO_SECRET_KEY`` is required outside development
(``MSKOKO_DEBUG=1`` or tests) — the factory refuses an unsafe default otherwise.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from mskoko.config import database_url, workspace_home

PACKAGE_DIR = Path(__file__).resolve().parent


def _secret_key(home: Path, debug: bool) -> str:
    """The secret key: from the environment, else one generated once per workspace."""
    key = os.environ.get("MSKOKO_SECRET_KEY")
    if key:
        return key
    # A workspace on a municipal laptop keeps its own random key, never a shared default.
    key_file = home / "secret.key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


def _database(home: Path) -> dict[str, Any]:
    url = database_url()
    if url:
        import dj_database_url

        return dj_database_url.parse(url, conn_max_age=60)
    home.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(home / "mskoko.sqlite3"),
        "OPTIONS": {"timeout": 30},
    }


def build_settings() -> dict[str, Any]:
    """All Django settings as a dict, read from the environment at call time."""
    home = workspace_home()
    debug = os.environ.get("MSKOKO_DEBUG", "") == "1"
    secure_cookies = os.environ.get("MSKOKO_SECURE_COOKIES", "") == "1"
    hosts = os.environ.get("MSKOKO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    return {
        "BASE_DIR": PACKAGE_DIR,
        "MSKOKO_HOME": home,
        "SECRET_KEY": _secret_key(home, debug),
        "DEBUG": debug,
        "ALLOWED_HOSTS": [h.strip() for h in hosts.split(",") if h.strip()],
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "django_htmx",
            "mskoko.web.core",
            "mskoko.web.accounts",
            "mskoko.web.cycle",
            "mskoko.web.scoring",
            "mskoko.web.pages",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            # Static files straight from the package: `mskoko serve` needs no collectstatic.
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "django_htmx.middleware.HtmxMiddleware",
            "mskoko.web.middleware.SecurityHeadersMiddleware",
        ],
        "ROOT_URLCONF": "mskoko.web.urls",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [str(PACKAGE_DIR / "templates")],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                        "mskoko.web.context.navigation",
                    ]
                },
            }
        ],
        "WSGI_APPLICATION": "mskoko.web.wsgi.application",
        "DATABASES": {"default": _database(home)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Argon2 first: new and re-hashed passwords use it.
        "PASSWORD_HASHERS": [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
             "OPTIONS": {"min_length": 8}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        "LANGUAGE_CODE": "ru",
        "TIME_ZONE": "Europe/Moscow",
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": "/static/",
        # Only for a deployment that runs collectstatic; `mskoko serve` serves from the package.
        "STATIC_ROOT": os.environ.get("MSKOKO_STATIC_ROOT") or None,
        "WHITENOISE_USE_FINDERS": True,
        "WHITENOISE_AUTOREFRESH": debug,
        # Login throttling (see mskoko.web.accounts.throttle): failures per login and address.
        "MSKOKO_LOGIN_MAX_FAILURES": int(os.environ.get("MSKOKO_LOGIN_MAX_FAILURES", "5")),
        "MSKOKO_LOGIN_LOCK_SECONDS": int(os.environ.get("MSKOKO_LOGIN_LOCK_SECONDS", "900")),
        "MEDIA_ROOT": str(home / "documents"),
        "LOGIN_URL": "/login/",
        "LOGIN_REDIRECT_URL": "/",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "CSRF_COOKIE_SECURE": secure_cookies,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 8 * 3600,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 50 * 1024 * 1024,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 5 * 1024 * 1024,
    }


globals().update(build_settings())
