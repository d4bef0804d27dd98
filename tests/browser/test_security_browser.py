"""In Chromium, with the Content-Security-Policy enforced: the admin and the inquiry form work and
nothing is blocked (no inline script without its nonce)."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
USERNAME, PASSWORD = "csp-browser-admin", "csp-browser-password-1"


@pytest.fixture(scope="module")
def site(site_url, django_db_blocker):
    """The shared live server (tests/browser/conftest.py) and a superuser for the admin."""
    with django_db_blocker.unblock():
        User.objects.filter(username=USERNAME).delete()
        User.objects.create_superuser(USERNAME, password=PASSWORD)
        fees = Page.objects.get(slug="fees", locale__language_code="ja")
        translation = Page.objects.filter(translation_key=fees.translation_key).exclude(pk=fees.pk).first()
    yield site_url, fees.pk, translation.pk
    with django_db_blocker.unblock():
        User.objects.filter(username=USERNAME).delete()


@pytest.fixture(scope="module")
def page(browser):
    """A fresh context of the session's one browser; bypass_csp stays off so the policy is enforced."""
    context = browser.new_context()
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda m: page.csp_violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()


def visit(page, url):
    page.csp_violations.clear()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.csp_violations


def test_inquiry_form_under_the_policy(site, page):
    base, _fees, _translation = site
    assert visit(page, base + "/ja/contact/") == []
    details = page.locator("#id_health_details")
    assert not details.is_visible()  # shown only after consent, with CSS alone
    page.check("#id_health_consent")
    assert details.is_visible()
    page.click(".inquiry-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.className") == "error-summary"  # autofocus, no script
    assert page.csp_violations == []


def test_admin_works_under_the_policy(site, page):
    base, fees, translation = site
    assert visit(page, base + "/admin/login/") == []
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith("/admin")
    for url in (
        f"/admin/pages/{fees}/edit/",
        f"/admin/pages/{translation}/edit/",
        "/admin/snippets/core/office/edit/1/",
        "/admin/inquiries/",
        "/admin/workflows/add/",
    ):
        assert visit(page, base + url) == [], url
    # The page editor's scripts ran: its preview panel opens and shows the page.
    visit(page, base + f"/admin/pages/{fees}/edit/")
    page.click("[data-side-panel-toggle='preview']")
    heading = page.frame_locator("#w-preview-iframe").locator("h1").first
    assert heading.inner_text(timeout=20_000) == "ご利用期間・料金"
    # A chooser (a nonce added by cms/wagtail_chooser_nonce.py) opens its modal.
    visit(page, base + "/admin/redirects/add/")
    page.click(".chooser__choose-button")
    page.wait_for_selector(".modal-content", timeout=10_000)
    assert page.csp_violations == []
