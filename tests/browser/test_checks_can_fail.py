"""Proof that the audit can fail: deliberately broken pages are reported, rule by rule."""

from pathlib import Path

import pytest

from .audit import PageAudit, audit_page, check_form_problems, fragment_problems, menu_problems, new_context
from .test_accessibility import CHECKS, violation_lines

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture
def broken_page(browser):
    context = new_context(browser)
    page = context.new_page()

    def render(name):
        page.set_content((FIXTURES / name).read_text())
        return audit_page(page, "ja", "fixture", 200)

    yield render
    context.close()


def test_axe_reports_exactly_the_broken_rules(broken_page):
    audit = broken_page("broken_axe.html")
    assert sorted(v["id"] for v in audit.violations) == ["color-contrast", "image-alt", "link-name"]
    lines = violation_lines([audit])
    assert any("image-alt" in line and "img" in line and "dequeuniversity.com/rules/axe/" in line for line in lines)


def test_every_other_check_reports_its_broken_case(broken_page):
    audit = broken_page("broken_probes.html")
    expected = {
        "keyboard": ["not a skip link", "no visible focus indicator"],
        "ruby read once": [],  # no ruby here: broken_ruby.html is its broken case
        "target size (desktop)": ['<button> "閉じる" is 12.0×12.0 px'],
        "target size (320 px)": ['<button> "閉じる" is 12.0×12.0 px'],
        "reflow at 320 px": ["page scrolls sideways"],
        "200% zoom": ["page scrolls sideways"],
        "text spacing at 320 px": ["clips its content"],
        "reduced motion": ["moves (animation or transition)"],
        "language of parts": ['"e-learning"'],
        "links to another language": ['<a href="/en/"> "英語のページ" on a ja page leads to a en page'],
        "dark-mode contrast": ["color-contrast"],
        "first screen 390×844": ["not inside the first 844 px", "before <main> is 8", "(at most 35%)"],
        "first screen 360×640": ["not inside the first 640 px", "before <main> is 8"],
        "Latin words split": [f'at {w} px: "Category" is split across lines in <th>' for w in (320, 390, 1280)],
    }
    assert set(expected) == set(CHECKS)
    for check, fragments in expected.items():
        found = "\n".join(audit.problems[check])
        assert all(fragment in found for fragment in fragments), f"{check} missed {fragments}: {found!r}"
        assert bool(found) == bool(fragments), f"{check}: {found!r}"


def test_ruby_check_fails_for_readings_that_are_read_or_copied(broken_page):
    problems = "\n".join(broken_page("broken_ruby.html").problems["ruby read once"])
    for fragment in [
        # the page title holds the reading
        "RootWebArea \"就労移行支援(しゅうろういこうしえん)とは\": reading 'しゅうろういこうしえん'",
        # <rt> text: a description in Chromium, and copied
        "its reading 'しゅうろういこうしえん' exposed as a description",
        "a copy gives '就労移行支援' with its reading 'しゅうろういこうしえん'",
        # generated content without empty alternative text: read in the text
        "the text reads '電話' then its reading 'でんわ'",
        # a label with the reading written in
        "link \"見学 けんがく する\": reading 'けんがく' read after '見学'",
    ]:
        assert fragment in problems, f"missed {fragment!r} in:\n{problems}"


def test_ruby_check_passes_the_sites_technique(browser):
    """The same words marked up as the site does (reading drawn by CSS with empty alternative text): no problem."""
    context = new_context(browser)
    page = context.new_page()
    css = (Path(__file__).parents[2] / "static" / "css" / "site.css").read_text()
    page.set_content(
        f"<!doctype html><html lang='ja'><head><title>就労移行支援とは</title><style>{css}</style></head><body><main>"
        '<h1><ruby>就労移行支援<rt data-ruby="しゅうろういこうしえん"></rt></ruby>とは</h1>'
        '<p><a href="#visit"><ruby>見学<rt data-ruby="けんがく"></rt></ruby>する</a></p></main></body></html>'
    )
    audit = audit_page(page, "ja", "fixture", 200)
    shown = page.evaluate("getComputedStyle(document.querySelector('rt'), '::before').content")
    context.close()
    assert audit.problems["ruby read once"] == []
    assert "しゅうろういこうしえん" in shown  # and the reading is still drawn


def test_fragment_check_fails_where_only_chromium_opens_the_answer(browser):
    """The fixture has neither a :target rule nor a script; whether the browser expands it alone does not count."""
    context = new_context(browser)
    page = context.new_page()
    html = (FIXTURES / "broken_faq.html").read_text()
    page.route("http://fixture.invalid/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    crawled = PageAudit(url="http://fixture.invalid/faq/", locale="ja", kind="fixture", status=200)
    crawled.disclosures = ["faq-cost"]
    problems = fragment_problems(page, crawled)
    context.close()
    assert problems == [
        "/faq/#faq-cost: the answer is not shown",
        "/faq/#faq-cost: without the browser's auto-expand the answer stays closed (no :target rule or script)",
    ]


def test_menu_check_fails_for_a_menu_that_needs_javascript(browser):
    html = (FIXTURES / "broken_menu.html").read_text()
    assert menu_problems(browser, "http://fixture.invalid/", html=html) == [
        "the menu control does not show the menu (0 of 3 links)",
        "on a desktop only 0 of 3 menu links are shown",
    ]


def test_check_form_check_fails_for_a_form_that_neither_announces_nor_summarises(browser):
    """The fixture's answer is a plain div that keeps no focus; sent empty it shows no error summary;
    one question has no fieldset."""
    html = (FIXTURES / "broken_check.html").read_text()
    result = '<div class="result">あなたの負担上限月額は0円です。</div>'

    def serve(route):
        body = html.replace("<!--RESULT-->", result) if "welfare=" in route.request.url else html
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    context = new_context(browser)
    page = context.new_page()
    page.route("http://fixture.invalid/**", serve)
    answered = check_form_problems(page, "http://fixture.invalid/check/", (1, None, None))
    empty = check_form_problems(page, "http://fixture.invalid/check/", (None, None, None))
    context.close()
    outside = [
        "radio tax=exempt is not in a fieldset with a legend",
        "radio tax=unknown is not in a fieldset with a legend",
    ]
    assert answered == [*outside, "answered: no <output> or role=status region holds the answer"]
    assert empty == [*outside, "sent without answers: no error summary"]
