"""Every fact of the office's page is in the CMS as typed content, and seeding is idempotent."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.models import Office
from home.models import HomePage
from services.models import (
    CaseStudyPage,
    DaySchedulePage,
    EmploymentFlowPage,
    FAQPage,
    FeesPage,
    ServicePage,
    StartFlowPage,
)

SOURCE = (Path(__file__).resolve().parent.parent / "home" / "seed" / "source_ja.txt").read_text()
pytestmark = pytest.mark.django_db


def source_faq():
    """(question, answer) pairs parsed straight from the office's page."""
    faq = SOURCE.split("よくあるご質問", 1)[1]
    pairs = re.findall(r"^Q(.+?)\n\n(.+?)$", faq, flags=re.M)
    return [(q.strip(), a.strip()) for q, a in pairs]


def test_source_has_28_questions():
    assert len(source_faq()) == 28


def test_faq_has_all_28_questions_and_answers_verbatim():
    page = FAQPage.objects.get(locale__language_code="ja")
    items = page.faq_items()
    assert [(b.value["question"], b.value["answer"]) for b in items] == source_faq()


def test_faq_items_have_permanent_unique_anchors():
    page = FAQPage.objects.get(locale__language_code="ja")
    ids = [b.id for b in page.faq_items()]
    assert len(set(ids)) == 28
    assert all(re.fullmatch(r"faq-[a-z0-9-]+", i) for i in ids)
    assert "faq-cost" in ids


def test_fee_tiers_are_integers_with_their_notes():
    page = FeesPage.objects.get(locale__language_code="ja")
    table = next(b.value for b in page.body if b.block_type == "fee_table")
    tiers = [(t["label"], t["monthly_cap_yen"]) for t in table["tiers"]]
    assert tiers == [("生活保護", 0), ("低所得", 0), ("一般1", 9300), ("一般2", 37200)]
    assert all(isinstance(t["monthly_cap_yen"], int) for t in table["tiers"])
    refs = {t["label"]: list(t["note_refs"]) for t in table["tiers"]}
    assert refs["低所得"] == ["※1"] and refs["一般1"] == ["※2", "※3"]
    assert "グループホーム" in table["tiers"][2]["exclusion"]
    markers = [n["marker"] for n in table["notes"]]
    assert markers[:3] == ["※1", "※2", "※3"]
    period = next(b.value for b in page.body if b.block_type == "period")
    assert period["months"] == 24
    share = next(b.value for b in page.body if b.block_type == "free_share")
    assert share["percent"] == 90


def test_start_flow_has_five_steps_with_trial_and_certificate_facts():
    page = StartFlowPage.objects.get(locale__language_code="ja")
    steps = next(b.value for b in page.body if b.block_type == "steps")["steps"]
    assert [s["title"] for s in steps] == [
        "お問い合わせ",
        "無料カウンセリング・見学会",
        "体験利用",
        "利用申請",
        "正式利用開始",
    ]
    trial = steps[2]
    assert (trial["duration"], trial["duration_unit"], trial["free_of_charge"]) == (3, "days", True)
    certificate = steps[4]
    assert (certificate["duration"], certificate["duration_unit"], certificate["approximate"]) == (2, "weeks", True)


def test_day_schedule_has_every_time_slot():
    page = DaySchedulePage.objects.get(locale__language_code="ja")
    slots = next(b.value for b in page.body if b.block_type == "schedule")["slots"]
    t = datetime.time
    assert [(s["start"], s["end"], s["title"]) for s in slots] == [
        (t(9, 30), None, "開所"),
        (t(10, 0), None, "朝礼"),
        (t(10, 10), t(11, 0), "1限目"),
        (t(11, 10), t(12, 0), "2限目"),
        (t(12, 0), t(13, 0), "昼食・休憩"),
        (t(13, 0), t(13, 50), "3限目"),
        (t(14, 0), t(14, 50), "4限目"),
        (t(14, 50), t(15, 0), "掃除"),
        (t(15, 0), None, "終礼"),
    ]
    assert list(slots[3]["examples"]) == ["共通プログラム講義", "ハローワーク又はグループワーク"]


def test_employment_flow_has_five_stages():
    page = EmploymentFlowPage.objects.get(locale__language_code="ja")
    stages = next(b.value for b in page.body if b.block_type == "stages")["stages"]
    assert [s["title"] for s in stages] == [
        "利用開始・プランニング",
        "日々のトレーニング",
        "職場見学・職場体験",
        "本格的な就職活動へ",
        "就職決定・職場定着支援",
    ]


@pytest.mark.parametrize(
    ("slug", "person", "age", "diagnosis", "months"),
    [
        ("case-a", "Aさん", "40代", "うつ病", [None, None, 1, 2, 3, 4, 5, 6]),
        ("case-b", "Bさん", "20代", "統合失調症", [None, None, 3, 4, 5, 6, 8, 9, 10]),
    ],
)
def test_case_study_timelines(slug, person, age, diagnosis, months):
    page = CaseStudyPage.objects.get(slug=slug, locale__language_code="ja")
    assert (page.person, page.age_group, page.diagnosis) == (person, age, diagnosis)
    timeline = [b.value for b in page.timeline]
    assert [m["month"] for m in timeline] == months
    assert [m["kind"] for m in timeline][:2] == ["consultation", "admission"]
    assert timeline[-1]["kind"] == "offer" and timeline[-1]["text"] == "内定"


def test_service_eligibility_has_three_conditions():
    page = ServicePage.objects.get(locale__language_code="ja")
    eligibility = next(b.value for b in page.body if b.block_type == "eligibility")
    assert list(eligibility["conditions"]) == [
        "身体障害、知的障害、精神障害、発達障害、難病のある方",
        "65歳未満の方",
        "一般企業などへ就職したいと考えている方",
    ]
    assert any("障害者手帳の有無に関わらず" in n for n in eligibility["notes"])


def test_office_contact_details():
    office = Office.objects.get(locale__language_code="ja")
    assert office.phone == "048-812-8677"
    assert (office.hours_start, office.hours_end) == (datetime.time(10), datetime.time(17))
    assert office.hours_days == "平日"
    assert office.phone_uri == "tel:+81488128677"


def test_reseeding_creates_nothing_and_changes_nothing():
    before = {p.pk: (p.title, p.latest_revision_id) for p in Page.objects.all()}
    call_command("seed_content", verbosity=0)
    after = {p.pk: (p.title, p.latest_revision_id) for p in Page.objects.all()}
    assert after == before
    assert Office.objects.count() == 3  # one per locale


def test_reseeding_keeps_staff_edits():
    page = FAQPage.objects.get(locale__language_code="ja")
    page.title = "よくある質問(編集済み)"
    page.save_revision().publish()
    call_command("seed_content", verbosity=0)
    page.refresh_from_db()
    assert page.title == "よくある質問(編集済み)"
    assert FAQPage.objects.filter(locale__language_code="ja").count() == 1


def test_site_root_is_the_home_page():
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)


def test_page_tree_is_consistent_after_seeding_translations():
    """Regression: translations published at the end of one transaction reset numchild to 0."""
    assert all(not problem for problem in Page.find_problems())
    assert Page.objects.get(locale__language_code="en", depth=2).get_children().count() == 11  # with the glossary
