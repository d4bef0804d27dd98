"""The fee self-check on the fees page: every path to every tier, from the CMS's fee table, in each locale."""

import copy
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Locale

from services import fee_check
from services.blocks import FeesStreamBlock
from services.models import FeesPage

pytestmark = pytest.mark.django_db

# (answers, tier label in the seeded ja table, amount) for every path through the three questions.
PATHS = [
    ({"welfare": "yes"}, "生活保護", 0),
    ({"welfare": "yes", "tax": "high", "residential": "yes"}, "生活保護", 0),  # 生活保護 decides alone
    ({"welfare": "no", "tax": "exempt"}, "低所得", 0),
    ({"welfare": "no", "tax": "exempt", "residential": "yes"}, "低所得", 0),  # ※3 is for taxed households
    ({"welfare": "no", "tax": "low", "residential": "no"}, "一般1", 9300),
    ({"welfare": "no", "tax": "low", "residential": "yes"}, "一般2", 37200),  # ※3
    ({"welfare": "no", "tax": "high"}, "一般2", 37200),
    ({"welfare": "no", "tax": "high", "residential": "yes"}, "一般2", 37200),
]


def fees_page(code="ja"):
    return FeesPage.objects.live().get(locale=Locale.objects.get(language_code=code))


def table_of(page):
    return next(block.value for block in page.body if block.block_type == "fee_table")


def answer_html(response):
    html = response.content.decode()
    match = re.search(r'<output class="fee-check__answer"[^>]*>(.*?)</output>', html, re.S)
    return match.group(1) if match else None


def plain(html):
    return re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|<[^>]+>", "", html or "")


@pytest.mark.parametrize(("answers", "label", "amount"), PATHS)
def test_every_path_reaches_its_tier(answers, label, amount):
    table = table_of(fees_page())
    result = fee_check.answer(table, answers["welfare"], answers.get("tax"), answers.get("residential"))
    assert result.tier["label"] == label
    assert result.tier["monthly_cap_yen"] == amount
    assert not result.unsure


def test_notes_that_apply_come_with_the_answer():
    table = table_of(fees_page())
    markers = lambda result: [note["marker"] for note in result.notes]  # noqa: E731
    assert markers(fee_check.answer(table, "yes")) == [""]  # only the note for everyone (ask the office)
    assert markers(fee_check.answer(table, "no", "exempt")) == ["※1", ""]
    assert markers(fee_check.answer(table, "no", "low", "no")) == ["※2", "※3", ""]
    moved = fee_check.answer(table, "no", "low", "yes")
    assert moved.moved_by_residential and markers(moved) == ["※3", ""]  # the note that explains the move
    assert markers(fee_check.answer(table, "no", "high")) == [""]


@pytest.mark.parametrize(("residential", "amounts"), [("no", [0, 9300, 37200]), ("yes", [0, 37200])])
def test_dont_know_gives_the_rule_of_thumb_and_the_possible_amounts(residential, amounts):
    table = table_of(fees_page())
    result = fee_check.answer(table, "no", "unknown", residential)
    assert result.unsure and result.tier is None
    assert [tier["monthly_cap_yen"] for tier in result.choices] == amounts
    assert "100万円以下" in " ".join(note["text"] for note in result.guide_notes)


def test_the_table_decides_the_answer_not_the_code():
    """A tier's amount, household or `applies_to` changed in the CMS changes the answer."""
    page = fees_page()
    body = copy.deepcopy(list(page.body.raw_data))
    table = next(block for block in body if block["type"] == "fee_table")["value"]
    general = next(tier["value"] for tier in table["tiers"] if tier["value"]["applies_to"] == "tax_low")
    general["monthly_cap_yen"] = 4600
    general["excludes_residential"] = False
    general["household"] = "課税世帯(テスト)"
    page.body = body
    page.save_revision().publish()
    page = fees_page()
    assert fee_check.answer(table_of(page), "no", "low", "yes").tier["monthly_cap_yen"] == 4600
    form = fee_check.FeeCheckForm(table=table_of(page))
    assert "課税世帯(テスト)" in dict(form.fields["tax"].choices).values()


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"check": "1"}, ["welfare"]),  # the form sent with nothing ticked
        ({"welfare": ""}, ["welfare"]),
        ({"tax": "low"}, ["welfare"]),
        ({"welfare": "no"}, ["tax"]),
        ({"welfare": "no", "tax": "low"}, ["residential"]),
        ({"welfare": "no", "tax": "unknown"}, ["residential"]),
        ({"welfare": "maybe", "tax": "x" * 5000}, ["welfare", "tax"]),
    ],
)
def test_incomplete_or_bad_answers_are_errors_not_answers(params, errors):
    result = fee_check.check(params, table_of(fees_page()))
    assert result.answer is None
    assert [anchor for anchor, _label, _message in result.errors] == [f"fee-check-{name}_0" for name in errors]


def test_without_answers_nothing_is_checked():
    result = fee_check.check({}, table_of(fees_page()))
    assert not result.submitted and result.answer is None and not result.errors and result.available


def test_a_table_without_households_hides_the_check_and_the_editor_is_told():
    page = fees_page()
    body = copy.deepcopy(list(page.body.raw_data))
    table = next(block for block in body if block["type"] == "fee_table")["value"]
    for tier in table["tiers"]:
        tier["value"]["applies_to"] = ""
    stream = FeesStreamBlock()
    value = stream.to_python(body)
    with pytest.raises(StreamBlockValidationError) as raised:
        stream.clean(value)
    messages = [m for error in raised.value.non_block_errors.as_data() for m in error.messages]
    assert any("「料金の確認」には" in m and "生活保護" in m for m in messages), messages
    table_value = next(child.value for child in value if child.block_type == "fee_table")
    assert not fee_check.check({"welfare": "yes"}, table_value).available


def test_two_tiers_for_one_household_are_refused():
    page = fees_page()
    body = copy.deepcopy(list(page.body.raw_data))
    table = next(block for block in body if block["type"] == "fee_table")["value"]
    table["tiers"][1]["value"]["applies_to"] = "welfare"
    stream = FeesStreamBlock()
    with pytest.raises(ValidationError):
        stream.clean(stream.to_python(body))


# --- Through the site ------------------------------------------------------------------------------

AMOUNT = {"ja": "{:,}円", "ja-x-easy": "{:,}円", "en": "¥{:,}"}


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
@pytest.mark.parametrize(("answers", "label", "amount"), PATHS)
def test_the_page_answers_every_path_in_every_locale(client, code, answers, label, amount):
    page = fees_page(code)
    response = client.get(page.url, answers)
    assert response.status_code == 200
    output = answer_html(response)
    assert output is not None, "the answer is in an <output>"
    assert f'<data value="{amount}">' in output
    labels = {t["label"] for t in table_of(page)["tiers"] if t["monthly_cap_yen"] == amount}
    assert any(plain(lbl) in plain(output) for lbl in labels)
    html = response.content.decode()
    share = next(block.value for block in page.body if block.block_type == "free_share")
    assert share["text"] in plain(html)
    city = next(block.value for block in page.body if block.block_type == "fee_check")["city_office"]
    assert plain(city)[:10] in plain(html.split('id="fee-check-result"', 1)[1])


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_the_page_shows_a_localized_error_summary(client, code):
    response = client.get(fees_page(code).url, {"welfare": "no"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and answer_html(response) is None
    assert 'href="#fee-check-tax_0"' in html
    assert 'aria-describedby="fee-check-tax-error"' in html
    if code == "en":
        assert "Choose which applies to your household" in html
    else:
        assert "わからない" in plain(html)


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_dont_know_in_every_locale_gives_guidance(client, code):
    page = fees_page(code)
    response = client.get(page.url, {"welfare": "no", "tax": "unknown", "residential": "no"})
    output = answer_html(response)
    rule = next(note for note in table_of(page)["notes"] if note["marker"] and "1" in note["marker"])
    assert plain(rule["text"])[:12] in plain(output)
    assert re.findall(r'<data value="(\d+)">', output) == ["0", "9300", "37200"]


def test_easy_page_has_furigana_on_the_check(client):
    response = client.get(fees_page("ja-x-easy").url, {"welfare": "no", "tax": "exempt"})
    section = response.content.decode().split('id="fee-check"', 1)[1]
    assert "<ruby>" in section


def test_the_form_has_fieldsets_legends_and_works_without_script(client):
    html = client.get(fees_page().url).content.decode()
    section = html.split('id="fee-check"', 1)[1]
    assert 'method="get"' in section
    assert section.count("<fieldset") == 3 and section.count("<legend") == 3
    assert answer_html(client.get(fees_page().url)) is None


def test_each_answer_is_cached_under_its_own_url(client):
    url = fees_page().url
    first = client.get(url, {"welfare": "yes"})
    second = client.get(url, {"welfare": "no", "tax": "high"})
    again = client.get(url, {"welfare": "yes"})
    assert '<data value="0">' in answer_html(first)
    assert '<data value="37200">' in answer_html(second)
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert client.get(url)["X-Page-Cache"] == "miss"  # the empty form is not an answer's copy
