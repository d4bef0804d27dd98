"""Production settings: the deploy check, security headers on pages and the admin, CSP nonces, lockout."""

import importlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from cms import wagtail_chooser_nonce
from cms.security import ContentSecurityPolicyMiddleware, current_request

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECURITY = [
    "MIDDLEWARE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
]
# A script element that runs: JSON data blocks (JSON-LD for search engines) never run, and CSP does not apply.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")


def production_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver,www.example.jp",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "TRUSTED_PROXY_COUNT": "2",
    }


@pytest.fixture
def production(monkeypatch, tmp_path):
    """The security settings of cms/settings/production.py, applied to this test process."""
    for name, value in production_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("cms.settings.production", None)
    module = importlib.import_module("cms.settings.production")
    sys.modules.pop("cms.settings.production", None)
    # STATIC_ROOT: WhiteNoise warns when it does not exist (collectstatic is not run in tests).
    with override_settings(STATIC_ROOT=tmp_path, **{name: getattr(module, name) for name in PRODUCTION_SECURITY}):
        yield module


def run_manage(args, env):
    # Run from the project root with only the variables given (plus PATH), like a fresh server.
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "TRUSTED_PROXY_COUNT"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]
    result = run_manage(["check"], env)
    assert result.returncode != 0 and missing in result.stderr


@pytest.mark.parametrize(("value", "starts"), [("", False), ("two", False), ("-1", False), ("0", True), ("2", True)])
def test_trusted_proxy_count_must_be_said_and_zero_is_allowed(tmp_path, value, starts):
    env = {**production_env(tmp_path), "TRUSTED_PROXY_COUNT": value}
    result = run_manage(["shell", "-c", "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"], env)
    if starts:
        assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == value, result.stderr
    else:
        assert result.returncode != 0 and "TRUSTED_PROXY_COUNT must be set" in result.stderr


def assert_security_headers(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'self'" and csp["base-uri"] == "'self'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    return csp


def test_security_headers_on_a_page(client, production):
    response = client.get("/ja/", secure=True)
    assert response.status_code == 200
    csp = assert_security_headers(response)
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"  # no inline anything on the site
    assert response["X-Frame-Options"] == "DENY"
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get("/ja/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/ja/"


def test_security_headers_and_secure_cookies_on_the_admin(client, production):
    login = client.get("/admin/login/", secure=True)
    assert login.status_code == 200
    assert_security_headers(login)
    assert login.cookies["csrftoken"]["secure"]
    User.objects.create_superuser("boss", password="correct horse battery")
    response = client.post(
        "/admin/login/",
        {
            "username": "boss",
            "password": "correct horse battery",
            "csrfmiddlewaretoken": login.cookies["csrftoken"].value,
        },
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    dashboard = client.get("/admin/", secure=True)
    assert dashboard.status_code == 200
    assert_security_headers(dashboard)


def inline_scripts_use_the_nonce(response):
    """Every inline script of the response carries the nonce that its CSP header allows."""
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    scripts = INLINE_SCRIPT.findall(response.content.decode())
    if not scripts:
        return 0
    assert nonce, "inline scripts but no nonce in the policy"
    for tag in scripts:
        assert f'nonce="{nonce.group(1)}"' in tag, tag
    return len(scripts)


def admin_pages():
    fees = Page.objects.get(slug="fees", locale__language_code="ja")
    translated = Page.objects.filter(translation_key=fees.translation_key).exclude(pk=fees.pk).first()
    return [
        "/admin/",
        f"/admin/pages/{fees.pk}/edit/",  # the page editor: go-live date widgets
        f"/admin/pages/{translated.pk}/edit/",  # wagtail-localize's translation editor
        "/admin/snippets/core/office/edit/1/",  # time widgets
        "/admin/redirects/add/",  # a page chooser
        f"/admin/pages/{fees.pk}/move/",
        "/admin/workflows/add/",  # an inline panel with choosers
        "/admin/inquiries/",
    ]


def test_admin_pages_render_and_their_inline_scripts_carry_the_nonce(admin_client):
    with_scripts = 0
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        with_scripts += bool(inline_scripts_use_the_nonce(response))
    assert with_scripts >= 4  # the check above really looked at inline scripts


def test_page_preview_renders_under_the_policy(admin_client):
    fees = Page.objects.get(slug="fees", locale__language_code="ja").specific
    edit_url = f"/admin/pages/{fees.pk}/edit/preview/"
    data = {"title": fees.title, "slug": fees.slug, "intro": fees.intro, "body-count": "0"}
    assert admin_client.post(edit_url, data).json() == {"is_valid": True, "is_available": True}
    preview = admin_client.get(edit_url)
    assert preview.status_code == 200 and f"<h1>{fees.title}</h1>" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"  # Wagtail's preview panel frames it
    inline_scripts_use_the_nonce(preview)


def test_chooser_widget_script_has_the_nonce():
    """The local patch in cms/wagtail_chooser_nonce.py; when this fails on its first assert, delete the patch."""
    request = RequestFactory().get("/admin/")
    ContentSecurityPolicyMiddleware(lambda r: None).process_request(request)
    original = wagtail_chooser_nonce._original_render(AdminPageChooser(), "page", None, {"id": "id_page"})
    assert original.endswith("</script>") and "<script>" in original  # Wagtail still renders an inline script
    current_request.set(request)
    try:
        html = AdminPageChooser().render("page", None, {"id": "id_page"})
    finally:
        current_request.set(None)
    assert f'<script nonce="{request.csp_nonce}">' in html


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_is_locked_after_repeated_failures():
    User.objects.create_superuser("boss", password="correct horse battery")
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(2):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert response.status_code == 200  # the normal "wrong password" form
    locked = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert locked.status_code == 429
    assert "ログインを一時的に止めています" in locked.content.decode()
    # Even the right password is refused while locked.
    again = client.post("/admin/login/", {"username": "boss", "password": "correct horse battery"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
