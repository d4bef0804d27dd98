"""Production: every secret and host comes from the environment; nothing here is a secret.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL, TRUSTED_PROXY_COUNT (the number of
reverse proxies that append to X-Forwarded-For; 0 when none, said on purpose).
Optional: SITE_URL (the public address, e.g. https://example.jp; default WAGTAILADMIN_BASE_URL, which
defaults to SITE_URL), CSRF_TRUSTED_ORIGINS, REDIS_URL, ELASTICSEARCH_URL, REQUEST_MAX_BODY_BYTES, ADMIN_MAX_BODY_BYTES,
EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/EMAIL_USE_TLS, DEFAULT_FROM_EMAIL, ADMINS,
INQUIRY_NOTIFY_EMAILS, INQUIRY_RETENTION_DAYS, SECURE_SSL_REDIRECT (1; 0 only on loopback), EMAIL_BACKEND.
"""

import os

# Checked before base.py reads it. Behind proxies, 0 would make every visitor one address (one rate
# limit for the whole site, and anyone could lock any admin username): the count must be said.
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip().isdigit():
    raise RuntimeError(
        "TRUSTED_PROXY_COUNT must be set in production: the number of reverse proxies in front that append "
        "to X-Forwarded-For (2 for nginx + Varnish, see deploy/README.md; 0 when clients connect directly)"
    )

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if "DATABASE_URL" not in os.environ:
    raise RuntimeError("DATABASE_URL must be set in production")

# WhiteNoise serves the collected, hash-named static files with far-future caching (run collectstatic).
# New lists, not insert(): the base lists are shared with any other settings module imported in-process.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE = [*MIDDLEWARE[: _security + 1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_security + 1 :]]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# HTTPS only. Content-Security-Policy and Permissions-Policy are set in base.py (cms/security.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
# Wagtail's preview panel frames the page itself (it sets SAMEORIGIN on that response).
X_FRAME_OPTIONS = "DENY"

# Background work: queued in the database, run by `manage.py db_worker` next to gunicorn (README,
# deploy/). A request only writes the task's row; mail, and its retries, happen in the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail (from the worker): the inquiry notification retries with backoff in inquiries/tasks.py; a
# failure never loses an inquiry. EMAIL_TIMEOUT bounds a hanging server for the worker, not a visitor.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("管理者", address) for address in env_list("ADMINS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"inquiries": {"level": "INFO"}, "django.security": {"level": "WARNING"}},
}

if os.environ.get("ELASTICSEARCH_URL"):
    # The search app reads ELASTICSEARCH_URL itself and switches its index backend.
    ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
