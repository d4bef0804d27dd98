"""The glossary terms marked on the site's pages, in Chromium: WCAG 1.4.13, tap, no JavaScript, axe
with a definition open; and a deliberately broken page (fixtures/broken_glossary.html) that fails."""

from pathlib import Path

import pytest

from .audit import new_context
from .glossary_checks import TERM, axe_problems, hover_and_focus_problems, no_javascript_problems, tap_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
FIXTURES = Path(__file__).with_name("fixtures")
PAGES = ["/ja/service/", "/ja-x-easy/service/", "/en/service/", "/ja/fees/", "/en/fees/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_definition_opens_on_hover_and_focus_stays_while_hovered_and_esc_closes_it(browser, site_url, path):
    context = new_context(browser)
    page = context.new_page()
    page.goto(site_url + path)
    terms = page.locator(TERM)
    assert terms.count() >= 2
    problems = hover_and_focus_problems(page, terms.nth(0)) + hover_and_focus_problems(page, terms.nth(1))
    problems += axe_problems(page, terms.nth(0))
    context.close()
    assert problems == []


@pytest.mark.parametrize("path", ["/ja/service/", "/ja-x-easy/service/", "/en/service/"])
def test_a_tap_opens_the_definition_and_a_second_tap_follows_the_link(browser, site_url, path):
    assert tap_problems(browser, site_url + path, index=1) == []


@pytest.mark.parametrize("path", ["/ja/service/", "/ja-x-easy/fees/", "/en/fees/"])
def test_without_javascript_each_term_links_to_its_glossary_entry(browser, site_url, path):
    assert no_javascript_problems(browser, site_url + path) == []


def test_the_checks_fail_for_a_broken_definition(browser):
    html = (FIXTURES / "broken_glossary.html").read_text()
    glossary = "<!doctype html><html lang=ja><title>用語集</title><main><dl><dt id=term-other><dfn>x</dfn></dt></dl>"

    def serve(route):
        body = glossary if "/glossary/" in route.request.url else html
        route.fulfill(body=body, content_type="text/html")

    context = new_context(browser)
    context.route("http://fixture.invalid/**", serve)
    page = context.new_page()
    page.goto("http://fixture.invalid/page/")
    assert hover_and_focus_problems(page, page.locator(TERM).first) == [
        "hover: the definition closes when the pointer moves onto it",
        "focus: the definition does not open",
    ]
    context.close()
    url = "http://fixture.invalid/page/"
    assert tap_problems(browser, url, route=serve) == [
        "tap: the definition does not open",
        "tap: the first tap leaves the page",
    ]
    assert no_javascript_problems(browser, url, route=serve) == [
        "http://fixture.invalid/glossary/#term-missing: no glossary entry there"
    ]
