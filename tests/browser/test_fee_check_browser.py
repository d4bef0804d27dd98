"""The fee self-check in Chromium, with the keyboard alone, in every locale: the answer, read from
the CMS's fee table, is announced and takes the focus; an incomplete answer gets the error summary;
axe finds nothing in either state (the site audit covers the other checks)."""

import re

import pytest
from wagtail.models import Locale

from services.models import FeesPage

from .audit import AXE_OPTIONS, LOCALES, answer_by_keyboard, axe, load, new_context, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# (option numbers per question, the amount the seeded table gives)
PATHS = [((0, None, None), 0), ((1, 0, None), 0), ((1, 1, 1), 9300), ((1, 1, 0), 37200), ((1, 2, None), 37200)]


def axe_violations(page):
    page.evaluate(axe.axe_script)  # injected into each loaded page, as the site audit does
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in run_axe(page, AXE_OPTIONS)]


@pytest.fixture
def page(browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_tier_by_keyboard(page, site_url, locale):
    url = site_url + FeesPage.objects.live().get(locale=Locale.objects.get(language_code=locale)).url
    for answers, amount in PATHS:
        load(page, url)
        assert answer_by_keyboard(page, answers) is None
        assert re.search(r"[?&]welfare=", page.url), page.url
        output = page.locator("main output")
        assert output.count() == 1
        assert output.locator("data").first.get_attribute("value") == str(amount), (answers, page.url)
        assert page.evaluate("document.activeElement.id") == "fee-check-result"
        assert axe_violations(page) == [], (answers, page.url)


@pytest.mark.parametrize("locale", LOCALES)
def test_missing_answers_by_keyboard_give_the_error_summary(page, site_url, locale):
    url = site_url + FeesPage.objects.live().get(locale=Locale.objects.get(language_code=locale)).url
    load(page, url)
    assert answer_by_keyboard(page, (1, None, None)) is None  # 生活保護: no, then nothing more
    assert page.locator("main output").count() == 0
    summary = page.locator("#fee-check-errors")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.id") == "fee-check-errors"
    assert axe_violations(page) == []
    # The summary's link leads to the unanswered question, and Tab from there goes on in the form.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#fee-check-tax_0"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#fee-check-tax_0"
    assert page.locator("#fee-check-tax_0").is_visible()
