"""The inquiry form: stored before anything else, e-mail with retries, staff-only access, abuse cases."""

import io
import re
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation

from home.models import InquiryPage
from inquiries.apps import INQUIRY_GROUP
from inquiries.models import Inquiry

# The only scripts allowed are static files (the CSP forbids inline code).
# A script element that runs: JSON data blocks (JSON-LD for search engines) never run, and CSP does not apply.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")

pytestmark = pytest.mark.django_db
URL = "/ja/contact/"
VALID = {"purpose": "visit", "name": "山田 花子", "phone": "048-812-8677", "preferred_times": "平日の午後"}


class FailingEmailBackend(BaseEmailBackend):
    """A real e-mail backend whose mail server is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail server unavailable")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def post(client, data, url=URL, **extra):
    return client.post(url, data, **extra)


# --- The form -------------------------------------------------------------------------------------


def test_form_is_on_the_inquiry_page_in_every_locale(rf):
    pages = InquiryPage.objects.all()
    assert {p.locale.language_code for p in pages} == {"ja", "ja-x-easy", "en"}
    for page in pages:
        with translation.override(page.locale.language_code):
            request = rf.get(f"/{page.locale.language_code}/contact/")
            request.user = AnonymousUser()
            html = page.inquiry_form(request).render().content.decode()
        assert '<form class="inquiry-form" method="post"' in html, page.locale
        assert "csrfmiddlewaretoken" not in html  # one cached copy for everyone: see test_same_origin_post…
        for field in ("purpose", "name", "phone", "email", "preferred_times", "message", "health_consent"):
            assert f'name="{field}"' in html, (page.locale, field)
        assert "/privacy/" in html  # the consent text links to the privacy policy


def test_form_is_served_at_each_live_inquiry_page_url(client):
    pages = list(InquiryPage.objects.live())
    assert "ja" in {p.locale.language_code for p in pages}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert b'<form class="inquiry-form" method="post"' in response.content, page.url
        assert response["Cache-Control"].startswith("public")  # no per-visitor token: one copy for everyone
        assert not response.cookies


def test_form_markup_is_accessible_without_javascript(client):
    html = client.get(URL).content.decode()
    assert '<label for="id_name">お名前 <span class="field__required">(必須)</span></label>' in html
    assert "<legend>ご用件" in html
    assert 'aria-describedby="id_phone-help"' in html and 'id="id_phone-help"' in html
    assert (
        'type="checkbox" name="health_consent"' in html and "checked" not in html.split('name="health_consent"')[1][:40]
    )
    assert not INLINE_SCRIPT.search(html) and 'style="' not in html
    assert 'class="field field--trap" aria-hidden="true"' in html


def test_valid_inquiry_is_stored_and_staff_are_emailed(client):
    response = post(client, {**VALID, "email": "hanako@example.jp", "message": "見学したいです。"})
    assert response.status_code == 302 and response["Location"] == URL + "thanks/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.purpose, inquiry.name, inquiry.phone) == ("visit", "山田 花子", "0488128677")
    assert inquiry.language == "ja" and not inquiry.handled
    assert inquiry.email_sent and inquiry.email_attempts == 1 and inquiry.email_sent_at
    assert len(mail.outbox) == 1
    # The notification says something arrived; the personal details stay in the database.
    body = mail.outbox[0].body
    assert "見学" in body and f"/admin/inquiries/inspect/{inquiry.pk}/" in body
    assert "山田" not in body and "0488128677" not in body and "hanako" not in body


def test_thank_you_page_says_what_happens_next(client):
    html = client.get(post(client, VALID)["Location"]).content.decode()
    assert "<h1>お問い合わせを受け付けました</h1>" in html
    assert "2営業日以内" in html and 'href="tel:+81488128677"' in html
    assert '<time datetime="10:00">' in html and '<time datetime="17:00">' in html
    assert '<meta name="robots" content="noindex">' in html


@override_settings(EMAIL_BACKEND="tests.test_inquiries.FailingEmailBackend")
def test_failing_mail_server_never_loses_an_inquiry(client, admin_client):
    response = post(client, VALID)
    assert response.status_code == 302  # the visitor is told it arrived: it did
    inquiry = Inquiry.objects.get()
    assert not inquiry.email_sent
    # Tasks run at once here (as in `make run`): one try, no retry waiting inside the request.
    assert inquiry.email_attempts == 1
    assert "SMTPConnectError" in inquiry.email_last_error
    # Staff see it in the admin: on the dashboard, filterable as unsent, with the error.
    assert "通知メールが送れなかったお問い合わせ: 1件" in admin_client.get("/admin/").content.decode()
    listing = admin_client.get("/admin/inquiries/?email_sent=false").content.decode()
    assert "山田 花子" in listing
    detail = admin_client.get(f"/admin/inquiries/inspect/{inquiry.pk}/").content.decode()
    assert "SMTPConnectError" in detail and "048" not in detail.split("SMTPConnectError")[0][-20:]


def test_retry_command_sends_what_failed_before(client):
    with override_settings(EMAIL_BACKEND="tests.test_inquiries.FailingEmailBackend"):
        post(client, VALID)
    assert not Inquiry.objects.get().email_sent
    call_command("retry_inquiry_emails", stdout=io.StringIO())
    inquiry = Inquiry.objects.get()
    assert inquiry.email_sent and inquiry.email_attempts == 2 and len(mail.outbox) == 1


# --- Mail in the worker (production: django-tasks-db and `manage.py db_worker`) -------------------

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    from django_tasks_db.management.commands import db_worker

    # The worker closes the connection between tasks (close_old_connections); inside a test's
    # transaction that would close the test database's connection on PostgreSQL.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_request_only_queues_the_mail_and_the_worker_sends_it(client):
    from django_tasks_db.models import DBTaskResult

    response = post(client, VALID)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert not inquiry.email_sent and inquiry.email_attempts == 0 and not mail.outbox  # nothing sent yet
    assert DBTaskResult.objects.get().task_path == "inquiries.tasks.notify_staff"
    run_worker()
    inquiry.refresh_from_db()
    assert inquiry.email_sent and inquiry.email_attempts == 1 and len(mail.outbox) == 1


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND="tests.test_inquiries.FailingEmailBackend")
def test_the_worker_retries_with_growing_pauses_then_leaves_it_unsent(client):
    from django_tasks_db.models import DBTaskResult

    post(client, VALID)
    with override_settings(INQUIRY_EMAIL_RETRY_DELAY=600):
        run_worker()  # the first try fails; the second waits 600 s, so this batch ends
        inquiry = Inquiry.objects.get()
        assert inquiry.email_attempts == 1 and not inquiry.email_sent
        retry = DBTaskResult.objects.exclude(status="SUCCESSFUL").get()
        assert retry.args_kwargs["kwargs"] == {"attempt": 2}
        assert 590 < (retry.run_after - timezone.now()).total_seconds() <= 600
        # The pause doubles: make the retry due, run it, and the third try waits 1200 s.
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
        third = DBTaskResult.objects.exclude(status="SUCCESSFUL").get()
        assert third.args_kwargs["kwargs"] == {"attempt": 3}
        assert 1190 < (third.run_after - timezone.now()).total_seconds() <= 1200
        DBTaskResult.objects.filter(pk=third.pk).update(run_after=timezone.now())
        run_worker()
    inquiry.refresh_from_db()
    assert inquiry.email_attempts == 3 and not inquiry.email_sent  # INQUIRY_EMAIL_ATTEMPTS, then it rests
    assert "SMTPConnectError" in inquiry.email_last_error
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()  # no fourth try queued
    # retry_inquiry_emails (cron) queues a single try, not another chain.
    call_command("retry_inquiry_emails", stdout=io.StringIO())
    run_worker()
    inquiry.refresh_from_db()
    assert inquiry.email_attempts == 4 and not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


# --- Validation -----------------------------------------------------------------------------------


def test_errors_are_summarised_linked_and_described(client):
    response = post(client, {"purpose": "", "name": "", "message": "残したい文"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>エラー:" in html
    assert 'class="error-summary" tabindex="-1" autofocus' in html
    for anchor in ("id_purpose_0", "id_name", "id_phone"):
        assert f'href="#{anchor}"' in html
    assert "お名前を入力してください。" in html
    assert "電話番号かメールアドレスの、どちらか一つを入力してください。" in html
    assert 'aria-invalid="true"' in html and 'id="id_name-error"' in html
    assert 'aria-describedby="id_phone-error id_phone-help"' in html
    assert "残したい文</textarea>" in html  # what was typed is kept
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"phone": "12345"}, "電話番号は、市外局番から数字で入力してください"),
        ({"phone": "", "email": "not-an-address"}, "メールアドレスの形が正しくありません"),
        ({"name": "山田\x00花子"}, "使用できない文字(制御文字)が含まれています"),
        ({"message": "こんにちは\x07"}, "使用できない文字(制御文字)が含まれています"),
        ({"purpose": "spam"}, "正しく選択してください"),
    ],
)
def test_bad_values_get_a_clear_japanese_error(client, data, message):
    response = post(client, {**VALID, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Inquiry.objects.exists()


def test_invalid_utf8_in_a_urlencoded_post_is_not_a_500(client):
    body = "purpose=visit&phone=0488128677&name=%FF%FE%E3%81&message=%C0%AF"
    response = client.post(URL, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)
    if response.status_code == 302:  # stored as replacement characters, never as broken bytes
        assert "\ufffd" in Inquiry.objects.get().name


def test_full_width_phone_numbers_are_accepted(client):
    post(client, {**VALID, "phone": "048−812−8677"})
    assert Inquiry.objects.get().phone == "0488128677"


def test_a_10000_character_message_is_refused_with_its_length(client):
    response = post(client, {**VALID, "message": "あ" * 10_000})
    assert response.status_code == 200
    assert "2000文字以内で入力してください(いまは10000文字です)。" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_health_details_need_the_consent_box(client):
    html = post(client, {**VALID, "health_details": "うつ病で通院中です"}).content.decode()
    assert "同意のチェックを入れてください" in html
    assert not Inquiry.objects.exists()
    post(client, {**VALID, "health_consent": "on", "health_details": "うつ病で通院中です"})
    inquiry = Inquiry.objects.get()
    assert inquiry.health_consent and inquiry.health_consent_at and inquiry.health_details == "うつ病で通院中です"


def test_consent_alone_stores_no_details(client):
    post(client, {**VALID, "health_consent": "on"})
    inquiry = Inquiry.objects.get()
    assert inquiry.health_consent and inquiry.health_details == ""


# --- Abuse ----------------------------------------------------------------------------------------


def test_honeypot_gets_a_thank_you_and_nothing_is_stored(client):
    response = post(client, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert not Inquiry.objects.exists() and not mail.outbox


def test_repeated_posts_from_one_address_are_limited_with_a_localized_message(client):
    for _ in range(8):
        assert post(client, VALID, REMOTE_ADDR="203.0.113.5").status_code == 302
    response = post(client, {**VALID, "message": "9通目"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    html = response.content.decode()
    assert "短い時間に何度も送信されたため、受け付けられませんでした。" in html
    assert "9通目</textarea>" in html
    assert Inquiry.objects.count() == 8
    # Another address is not affected.
    assert post(client, VALID, REMOTE_ADDR="203.0.113.6").status_code == 302


def test_rate_limit_reads_the_address_behind_a_trusted_proxy(client):
    with override_settings(TRUSTED_PROXY_COUNT=1):
        for n in range(8):
            post(client, VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert post(client, VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 302


def test_wrong_content_type_is_refused_with_a_localized_message(client):
    response = client.post(URL, data='{"name": "x"}', content_type="application/json")
    assert response.status_code == 415
    assert "送信の形式が正しくありません" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_large_body_is_refused_with_a_localized_message(client):
    response = post(client, {**VALID, "message": "a" * 70_000})
    assert response.status_code == 413
    assert "送信された内容が大きすぎます" in response.content.decode()


@pytest.mark.parametrize("check", ["token", "origin"])
def test_body_over_the_upload_limit_is_a_localized_error_not_a_500(check):
    client = Client(enforce_csrf_checks=True)  # as in production
    if check == "token":  # Django's check would read the body first: the limit comes before it
        client.get("/admin/login/")
        headers = {}
        data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    else:  # a browser's same-origin post
        headers, data = {"HTTP_SEC_FETCH_SITE": "same-origin"}, {}
    response = client.post(URL, {**VALID, "message": "a" * 3_000_000, **data}, **headers)
    assert response.status_code == 413
    assert "送信された内容が大きすぎます" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # neither Sec-Fetch-Site nor Origin, and no token
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://sub.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_post_from_another_site_is_a_localized_403(headers):
    response = Client(enforce_csrf_checks=True).post(URL, VALID, **headers)
    assert response.status_code == 403
    assert "送信できませんでした" in response.content.decode()
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},  # every current browser
        {"HTTP_ORIGIN": "http://testserver"},  # a browser without fetch metadata
    ],
)
def test_same_origin_post_works_without_a_token(headers):
    client = Client(enforce_csrf_checks=True)
    assert not client.get(URL).cookies  # the page sets no CSRF cookie
    response = client.post(URL, VALID, **headers)
    assert response.status_code == 302 and Inquiry.objects.count() == 1


def test_a_token_still_works_for_clients_without_those_headers():
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")  # the admin's forms still carry Django's token
    response = client.post(URL, {**VALID, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 302 and Inquiry.objects.count() == 1


# --- Staff access ---------------------------------------------------------------------------------


def staff_user(username, group=None):
    user = User.objects.create_user(username, password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def inquiry():
    return Inquiry.objects.create(purpose="trial", name='=HYPERLINK("http://x")', phone="0488128677", message="体験")


def test_staff_without_the_permission_get_403(client, inquiry):
    client.force_login(staff_user("editor"))
    assert client.get("/admin/").status_code == 200
    for url in (
        "/admin/inquiries/",
        "/admin/inquiries/?export=csv",
        f"/admin/inquiries/inspect/{inquiry.pk}/",
        f"/admin/inquiries/edit/{inquiry.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/inquiries/" not in dashboard and "未対応のお問い合わせ" not in dashboard  # not in the menu either


def test_inquiry_staff_read_mark_handled_and_export(client, inquiry):
    client.force_login(staff_user("reception", INQUIRY_GROUP))
    assert "/admin/inquiries/" in client.get("/admin/").content.decode()
    assert client.get("/admin/inquiries/").status_code == 200
    assert "体験" in client.get(f"/admin/inquiries/inspect/{inquiry.pk}/").content.decode()
    response = client.post(f"/admin/inquiries/edit/{inquiry.pk}/", {"handled": "on", "staff_note": "電話済み"})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.handled and inquiry.handled_at and inquiry.staff_note == "電話済み"
    assert inquiry.name.startswith("=HYPERLINK")  # what the person wrote is not editable
    csv = b"".join(client.get("/admin/inquiries/?export=csv").streaming_content).decode()
    assert csv.startswith("\ufeff受付番号,")
    assert "'=HYPERLINK" in csv  # no formula runs when staff open the file
    # Inquiries only come from the website.
    assert client.get("/admin/inquiries/new/").status_code == 403


FORMULAS = ["=1+1", "+81 48", "-1", "@SUM(A1)", "\t=1", "\r=1"]
FORMULAS += ['＝HYPERLINK("http://x")', "＋1", "－1", "＠A1", "　＝1", " =1"]  # full-width, after spaces


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_never_start_a_cell_with_a_formula_full_width_included(client, export):
    for text in FORMULAS:
        Inquiry.objects.create(purpose="other", name="普通の名前", phone="0488128677", message=text)
    Inquiry.objects.create(purpose="other", name="普通の名前", phone="0488128677", message="見学したい 1+1=2")
    client.force_login(staff_user("reception", INQUIRY_GROUP))
    response = client.get(f"/admin/inquiries/?export={export}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export == "csv":
        import csv

        text = content.decode().lstrip("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        values = list(sheet.values)
        rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    messages = {row["お問い合わせ内容"] for row in rows}
    for text in FORMULAS:
        if export == "xlsx":
            text = text.replace("\r", "\n")  # XML reads a CR back as a line feed
        assert "'" + text in messages, (export, text)
    assert "見学したい 1+1=2" in messages  # ordinary text stays as it was


def test_retention_command_deletes_only_old_handled_inquiries(inquiry):
    old = timezone.now() - timedelta(days=400)
    old_handled = Inquiry.objects.create(purpose="other", name="古い対応済み", phone="0488128677", handled=True)
    old_open = Inquiry.objects.create(purpose="other", name="古い未対応", phone="0488128677")
    recent_handled = Inquiry.objects.create(purpose="other", name="新しい対応済み", phone="0488128677", handled=True)
    Inquiry.objects.filter(pk__in=[old_handled.pk, old_open.pk]).update(created_at=old)
    with override_settings(INQUIRY_RETENTION_DAYS=365):
        call_command("purge_inquiries", stdout=io.StringIO())
    remaining = set(Inquiry.objects.values_list("name", flat=True))
    assert remaining == {inquiry.name, "古い未対応", "新しい対応済み"}
    assert recent_handled.pk in Inquiry.objects.values_list("pk", flat=True)
