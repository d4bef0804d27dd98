"""Test settings: fast hashing, tasks run at once, same database switch as base."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# django-axes needs the request in authenticate(), which client.login() does not pass; the lockout
# test turns it on with override_settings. No pauses between e-mail retries in tests.
AXES_ENABLED = False
INQUIRY_EMAIL_RETRY_DELAY = 0
INQUIRY_NOTIFY_EMAILS = ["staff@example.jp"]
# The seeded Site keeps the address the tests (and Varnish in test_page_cache_processes) expect.
SITE_URL = "http://localhost"
