"""Proof that the audit can fail: deliberately broken pages are reported, rule by rule."""

from pathlib import Path

import pytest

from .audit import audit_page, new_context
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
        "target size (desktop)": ['<button> "閉じる" is 12.0×12.0 px'],
        "target size (320 px)": ['<button> "閉じる" is 12.0×12.0 px'],
        "reflow at 320 px": ["page scrolls sideways"],
        "200% zoom": ["page scrolls sideways"],
        "text spacing at 320 px": ["clips its content"],
        "reduced motion": ["moves (animation or transition)"],
        "language of parts": ['"e-learning"'],
        "links to another language": ['<a href="/en/"> "英語のページ" on a ja page leads to a en page'],
        "dark-mode contrast": ["color-contrast"],
    }
    assert set(expected) == set(CHECKS)
    for check, fragments in expected.items():
        found = "\n".join(audit.problems[check])
        assert all(fragment in found for fragment in fragments), f"{check} missed {fragments}: {found!r}"
        assert bool(found) == bool(fragments), f"{check}: {found!r}"
