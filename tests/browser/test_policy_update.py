"""The latest test run reaches the accessibility policy page as a draft that staff publish."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import PolicyPage

pytestmark = pytest.mark.django_db

REPORT = {
    "date": "2026-11-26T15:30:00+00:00",
    "passed": True,
    "pages_audited": {
        "ja": {"pages": 13, "all_states": 19},
        "ja-x-easy": {"pages": 13, "all_states": 30},
        "en": {"pages": 13, "all_states": 17},
    },
    "violations": 0,
    "other_problems": 0,
}


def test_the_result_becomes_a_draft_and_the_live_page_is_unchanged(tmp_path):
    report = tmp_path / "a11y_report.json"
    report.write_text(json.dumps(REPORT))
    page = PolicyPage.objects.get(locale=Locale.get_default(), slug="accessibility")
    live_body = page.body.raw_data[:]

    call_command("a11y_policy_update", report=str(report), stdout=None)

    page.refresh_from_db()
    assert page.has_unpublished_changes and page.live
    assert page.body.raw_data[:] == live_body
    draft = page.get_latest_revision_as_object()
    result = next(b for b in draft.body if b.id == "a11y-result")
    assert result.value.startswith("2026年11月27日に自動試験を実施しました。")  # 00:30 in Japan
    assert "日本語 13ページ、やさしい日本語 13ページ、英語 13ページ" in result.value
    assert "66画面" in result.value and "問題: 0件" in result.value
    assert [b.id for b in draft.body][:4] == ["a11y-target-heading", "a11y-target", "a11y-scope-heading", "a11y-scope"]

    # The easy-Japanese and English pages get the result in their own words, as drafts too.
    expected = {
        "ja-x-easy": "2026年11月27日に、コンピューターで調べました。",
        "en": "Automated test run on November 27, 2026.",
    }
    translated = {p.locale.language_code: p.specific for p in page.get_translations()}
    assert set(translated) == set(expected)
    for language, first_line in expected.items():
        result = next(b for b in translated[language].get_latest_revision_as_object().body if b.id == "a11y-result")
        assert result.value.startswith(first_line), language
        assert "13" in result.value


def test_a_missing_report_is_a_clear_error(tmp_path):
    with pytest.raises(Exception, match="make a11y-report"):
        call_command("a11y_policy_update", report=str(tmp_path / "missing.json"))
