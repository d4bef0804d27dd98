"""Request bodies are limited before anything reads them (cms/request_limits.py, first in MIDDLEWARE)."""

import io
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from inquiries.models import Inquiry

pytestmark = pytest.mark.django_db
VALID = {"purpose": "visit", "name": "山田 花子", "phone": "048-812-8677"}
FORM = "application/x-www-form-urlencoded"


class UnreadableBody(io.RawIOBase):
    """A body that must not be read: reading it fails the test."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


def test_first_middleware_is_the_body_limit():
    assert settings.MIDDLEWARE[0] == "cms.request_limits.RequestBodyLimitMiddleware"


@pytest.mark.parametrize(
    ("url", "text", "lang"),
    [
        ("/ja/contact/", "送信された内容が大きすぎます", "ja"),
        ("/ja-x-easy/contact/", "文が長すぎます", "ja-x-easy"),
        ("/en/contact/", "What you sent is too large", "en"),
    ],
)
def test_a_declared_length_over_the_limit_is_a_localized_413_unread(url, text, lang):
    client = Client(enforce_csrf_checks=True)  # as in production: Django's CSRF check reads a form's token
    client.get("/admin/login/")
    response = client.post(
        url,
        {**VALID, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(20 * 1024 * 1024)},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert text in html and f'<html lang="{lang}">' in html and "tel:+81488128677" in html
    assert response["Connection"] == "close" and response["Cache-Control"] == "no-store"
    assert not Inquiry.objects.exists()


def test_the_admin_has_its_own_larger_limit_for_uploads():
    size = settings.REQUEST_MAX_BODY_BYTES + 1
    body = io.BytesIO(b"x" * size)
    response = Client().post(
        "/admin/login/", {}, content_type=FORM, **{"wsgi.input": body, "CONTENT_LENGTH": str(size)}
    )
    assert response.status_code == 200  # the login form again, after reading it: the length was allowed
    over_admin = str(settings.ADMIN_MAX_BODY_BYTES + 1)
    response = Client().post("/admin/login/", {}, **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": over_admin})
    assert response.status_code == 413


def chunked(client, url, body):
    stream = io.BytesIO(body)
    response = client.post(
        url,
        body,
        content_type=FORM,
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": stream, "CONTENT_LENGTH": ""},
    )
    return response, stream


def test_a_chunked_body_within_the_limit_is_read_and_works():
    response, _ = chunked(Client(enforce_csrf_checks=True), "/ja/contact/", urlencode(VALID).encode())
    assert response.status_code == 302 and Inquiry.objects.get().name == "山田 花子"


def test_a_chunked_body_over_the_limit_is_read_only_up_to_the_limit():
    body = urlencode({**VALID, "message": "a" * (2 * settings.REQUEST_MAX_BODY_BYTES)}).encode()
    response, stream = chunked(Client(enforce_csrf_checks=True), "/en/contact/", body)
    assert response.status_code == 413 and "What you sent is too large" in response.content.decode()
    assert stream.tell() == settings.REQUEST_MAX_BODY_BYTES + 1
    assert not Inquiry.objects.exists()


def test_a_malformed_length_is_not_a_500():
    response = Client().post("/ja/contact/", VALID, CONTENT_LENGTH="abc", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code < 500
