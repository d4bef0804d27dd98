"""Staff publish safely: roles, review workflow, scheduling, rollback, translation status, checks, safety."""

import datetime
import json
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, Workflow, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from editorial import checks, roles, status
from home.models import HomePage, InquiryPage, PolicyPage
from services import blocks
from services.models import CaseStudyIndexPage, CaseStudyPage, FAQPage, FeesPage

pytestmark = pytest.mark.django_db
NEW_ANSWER = "利用料は、前の年の収入で決まります。約9割の方は0円です。"


@pytest.fixture(autouse=True)
def staff_roles():
    roles.ensure_roles()


def make_user(django_user_model, username, role=None, **extra):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", roles.EDITORS)


@pytest.fixture
def publisher(django_user_model):
    return make_user(django_user_model, "publisher", roles.PUBLISHERS)


@pytest.fixture
def translator(django_user_model):
    return make_user(django_user_model, "translator", roles.TRANSLATORS)


def faq(code="ja"):
    return FAQPage.objects.get(locale__language_code=code)


def answer_of(page, block_id="faq-cost"):
    return next(block.value["answer"] for block in page.body if block.id == block_id)


def with_answer(page, answer, block_id="faq-cost"):
    """The page with one FAQ answer changed (not saved)."""
    raw = [dict(block) for block in page.body.raw_data]
    for block in raw:
        if block["id"] == block_id:
            block["value"] = {**block["value"], "answer": answer}
    page.body = StreamValue(page.body.stream_block, raw, is_lazy=True)
    return page


# --- roles -------------------------------------------------------------------------------------


def test_the_migration_created_the_three_roles_and_the_workflow():
    assert set(roles.ROLES) <= set(Group.objects.values_list("name", flat=True))
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [roles.TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.PUBLISHERS]
    for code in ("ja", "ja-x-easy", "en"):
        assert faq(code).get_workflow() == workflow, code


def test_ensure_roles_is_idempotent():
    from wagtail.models import GroupPagePermission

    before = GroupPagePermission.objects.count()
    roles.ensure_roles()
    assert GroupPagePermission.objects.count() == before
    assert Group.objects.filter(name__in=roles.ROLES).count() == 3


def test_an_editor_edits_but_cannot_publish(editor):
    perms = faq().permissions_for_user(editor)
    assert perms.can_edit() and not perms.can_publish() and not perms.can_unpublish()
    assert not perms.can_set_view_restrictions()


def test_a_publisher_reviews_publishes_locks_and_deletes(publisher):
    perms = faq().permissions_for_user(publisher)
    assert perms.can_edit() and perms.can_publish() and perms.can_lock() and perms.can_delete()


def test_a_translator_edits_translations_but_not_the_japanese_source(translator, client):
    assert not faq("ja").permissions_for_user(translator).can_edit()
    for code in ("en", "ja-x-easy"):
        perms = faq(code).permissions_for_user(translator)
        assert perms.can_edit() and perms.can_publish(), code
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[faq("ja").pk]))
    assert response.status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[faq("en").pk])).status_code == 200


def test_the_editor_screen_offers_an_editor_submit_but_not_publish(editor, publisher, client):
    url = reverse("wagtailadmin_pages:edit", args=[faq().pk])
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    client.force_login(publisher)
    assert 'name="action-publish"' in client.get(url).content.decode()


def test_an_edit_goes_live_only_after_a_publisher_approves(editor, publisher, client):
    page = faq()
    old_answer = answer_of(page)
    revision = with_answer(page, NEW_ANSWER).save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    assert answer_of(faq()) == old_answer
    assert client.get(page.url).content.decode().count(NEW_ANSWER) == 0

    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    client.force_login(editor)
    client.post(approve, {"comment": ""})
    assert answer_of(faq()) == old_answer

    client.force_login(publisher)
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert answer_of(faq()) == NEW_ANSWER
    assert faq().live_revision_id == revision.pk
    assert NEW_ANSWER in client.get(page.url).content.decode()


def test_a_publisher_schedules_a_change(publisher):
    page = faq()
    old_answer = answer_of(page)
    page = with_answer(page, NEW_ANSWER)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = page.save_revision(user=publisher)
    revision.publish(user=publisher)
    revision.refresh_from_db()
    assert revision.approved_go_live_at == page.go_live_at
    assert answer_of(faq()) == old_answer

    time.sleep(max((page.go_live_at - timezone.now()).total_seconds(), 0) + 0.1)
    call_command("publish_scheduled", verbosity=0)
    assert answer_of(faq()) == NEW_ANSWER


def test_a_publisher_rolls_back_to_an_earlier_revision(publisher, client):
    page = faq()
    old_answer = answer_of(page)
    old_revision = page.live_revision
    with_answer(page, NEW_ANSWER).save_revision(user=publisher).publish(user=publisher)
    assert answer_of(faq()) == NEW_ANSWER

    client.force_login(publisher)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk])
    response = client.get(revert)
    assert response.status_code == 200
    assert answer_of(response.context["page"]) == old_answer  # the editor opens with the old content

    old_revision.publish(user=publisher, previous_revision=old_revision)
    assert answer_of(faq()) == old_answer


# --- translation status -----------------------------------------------------------------------------


def test_translations_go_out_of_date_when_the_source_changes(publisher):
    before = {s.locale.language_code: s for s in status.translation_statuses([faq()])}
    assert before["en"].status == status.UP_TO_DATE

    with_answer(faq(), NEW_ANSWER).save_revision(user=publisher).publish(user=publisher)
    after = {s.locale.language_code: s for s in status.translation_statuses([faq()])}
    for code in ("en", "ja-x-easy"):
        assert after[code].status == status.OUT_OF_DATE, code
        assert after[code].reason == status.SOURCE_CHANGED
        assert after[code].sync_url == reverse(
            "wagtail_localize:update_translations", args=[TranslationSource.objects.get_for_instance(faq()).pk]
        )
        assert after[code].edit_url == reverse("wagtailadmin_pages:edit", args=[faq(code).pk])

    # Synced but the new sentence is not translated: still out of date, for another reason.
    source = TranslationSource.objects.get_for_instance(faq())
    source.update_from_db()
    assert status.status_for(faq(), Locale.objects.get(language_code="en")).reason == status.STRINGS_MISSING % {"n": 1}

    # Translated and published: up to date again.
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    segment = source.stringsegment_set.get(string__data=NEW_ANSWER)
    from wagtail_localize.models import StringTranslation

    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        data="The fee depends on last year's income. About 90% pay nothing.",
    )
    translation.save_target(user=publisher)
    assert status.status_for(faq(), translation.target_locale).status == status.UP_TO_DATE
    assert "About 90% pay nothing." in answer_of(faq("en"))


def test_a_page_without_translations_is_missing():
    home = HomePage.objects.get(locale=Locale.get_default())
    page = PolicyPage(title="テスト方針", slug="test-policy", intro="テストです。")
    home.add_child(instance=page)
    page.save_revision().publish()
    found = status.translation_statuses([page])
    assert [s.status for s in found] == [status.MISSING, status.MISSING]
    assert found[0].edit_url == reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_dashboard_panel_and_status_listing_show_the_translation_status(publisher, client):
    with_answer(faq(), NEW_ANSWER).save_revision(user=publisher).publish(user=publisher)
    client.force_login(publisher)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status' in html and "翻訳の状況" in html
    assert reverse("wagtailadmin_pages:edit", args=[faq("en").pk]) in html

    listing = reverse("editorial_translation_status")
    html = client.get(listing, {"status": status.OUT_OF_DATE, "locale": "en"}).content.decode()
    rows = re.findall(r'data-translation-status="([a-z_]+)" data-locale="([a-z-]+)"', html)
    assert rows and set(rows) == {(status.OUT_OF_DATE, "en")}
    assert "よくあるご質問" in html and "同期" in html

    explorer = client.get(reverse("wagtailadmin_explore", args=[faq().get_parent().pk])).content.decode()
    assert "English: 更新が必要" in explorer


# --- the editor's checks ------------------------------------------------------------------------------


def axe_configuration(html):
    found = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no content checker configuration on the page"
    return json.loads(found.group(1))


def test_the_content_checker_runs_the_wcag_22_aa_rules_in_the_editor(publisher, client):
    client.force_login(publisher)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[faq().pk])).content.decode()
    config = axe_configuration(html)
    assert config["options"]["runOnly"] == checks.AXE_TAGS
    assert checks.AXE_TAGS == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    assert "alt-text-quality" in [rule["id"] for rule in config["spec"]["rules"]]


def test_the_userbar_checker_on_the_site_uses_the_same_rules(publisher, client):
    items = [ContentCheckerItem(in_editor=True)]
    from wagtail.admin.userbar import apply_userbar_hooks

    apply_userbar_hooks(None, items, faq())
    assert isinstance(items[0], checks.SiteContentChecker) and items[0].in_editor
    client.force_login(publisher)
    html = client.get(faq().url).content.decode()
    assert axe_configuration(html)["options"]["runOnly"] == checks.AXE_TAGS


def test_easy_japanese_checks_find_long_sentences_and_unexplained_terms():
    page = PolicyPage(
        title="テスト",
        slug="t",
        intro="受給者証があれば使えます。これはとても長い文で、三十文字をこえてしまうので、読む人がつかれてしまいます。",
        locale=Locale.objects.get(language_code="ja-x-easy"),
    )
    issues = checks.easy_japanese_issues(page)
    assert any("「受給者証」" in issue for issue in issues)
    assert any("三十文字をこえてしまうので" in issue for issue in issues)

    page.intro = "受給者証(サービスを使うための紙)があれば使えます。短い文です。"
    assert checks.easy_japanese_issues(page) == []


def easy_page(**fields):
    return PolicyPage(slug="t", locale=Locale.objects.get(language_code="ja-x-easy"), **fields)


def test_each_long_sentence_is_named_even_when_the_page_meets_the_target():
    short = "".join(f"短い文です。{n}時に来ます。" for n in range(10))
    page = easy_page(title="テスト", intro=short + "これはとても長い文なので、読む人がとてもつかれてしまうと思います。")
    assert checks.easy_japanese_check(page).text.problems == []
    assert [issue for issue in checks.easy_japanese_issues(page) if issue.startswith("文が長すぎます")]


def test_the_easy_japanese_check_shows_the_share_of_easy_words_and_the_hard_words():
    page = easy_page(title="就労移行支援", intro="就労移行支援は、国の支援です。会社で働く練習をします。")
    check = checks.easy_japanese_check(page)
    assert ("支援", 3) in check.text.hard_words
    message = str(checks.easy_japanese_message(check))
    assert f"やさしい言葉(N3まで): {check.text.easy_share:.0%}" in message
    assert "「支援」×3" in message and "jReadability" in message
    assert "直したほうがよい点" in message  # 支援 ×3 and more: under 85% easy words


def test_the_easy_japanese_check_covers_search_keywords_as_a_word_list():
    page = easy_page(
        title="テスト",
        intro="短い文です。",
        search_keywords="、".join(["おかね", "いくら", "障害者枠", "ご相談ください"] * 5),  # one long "sentence"
    )
    check = checks.easy_japanese_check(page)
    assert check.text.long_sentences == []  # keywords are not read as sentences
    assert any(issue.startswith("検索キーワード: 敬語") for issue in check.issues)
    assert "枠" in "".join(word for word, _ in check.keywords.hard_words)
    assert "障害者枠" not in checks.translatable_text(page)


def test_the_easy_japanese_check_measures_extra_texts_with_the_page():
    page = easy_page(title="テスト", intro="短い文です。")
    assert checks.easy_japanese_issues(page) == []
    definition = "障害者総合支援法における障害福祉サービスの支給決定に基づく受給者証の交付を受ける。"
    issues = checks.easy_japanese_issues(page, extra_texts=[definition])
    assert any(issue.startswith("やさしい言葉") for issue in issues)


def test_easy_japanese_checks_are_shown_in_the_editor(translator, client):
    page = PolicyPage.objects.get(locale__language_code="ja-x-easy", slug="privacy")
    page.intro = (
        "受給者証があれば使えます。これはとても長い文で、三十文字をこえてしまうので、読む人がつかれてしまいます。"
    )
    page.save_revision(user=translator)
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "やさしい日本語のチェック" in html and "受給者証" in html

    english = client.get(reverse("wagtailadmin_pages:edit", args=[faq("en").pk])).content.decode()
    assert "やさしい日本語のチェック" not in english

    # a page that meets every target still shows its figures and hard words
    seeded = client.get(reverse("wagtailadmin_pages:edit", args=[faq("ja-x-easy").pk])).content.decode()
    assert "やさしい日本語のチェック: 目標をすべて満たしています" in seeded and "むずかしい言葉" in seeded


# --- safety ----------------------------------------------------------------------------------------


def test_an_faq_answer_cannot_be_empty():
    block = blocks.FAQItemBlock()
    value = block.to_python({"question": "質問?", "answer": "", "link_page": None, "link_text": ""})
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python({"question": "", "answer": "回答です。", "link_page": None, "link_text": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def fee_tier(**changes):
    return {
        "label": "一般1",
        "household": "課税世帯",
        "exclusion": "",
        "monthly_cap_yen": 9300,
        "note_refs": [],
    } | changes


@pytest.mark.parametrize("amount", [-1, "9300.5", "abc", "", None])
def test_fee_amounts_are_whole_yen_not_below_zero(amount):
    block = blocks.FeeTierBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(fee_tier(monthly_cap_yen=amount)))


def test_fee_tiers_accept_zero_and_need_a_label_and_a_household():
    block = blocks.FeeTierBlock()
    assert block.clean(block.to_python(fee_tier(monthly_cap_yen=0)))["monthly_cap_yen"] == 0
    for field in ("label", "household"):
        with pytest.raises(ValidationError):
            block.clean(block.to_python(fee_tier(**{field: ""})))


def test_a_fee_table_needs_at_least_one_tier():
    block = blocks.FeeTableBlock()
    value = {"caption": "表", "household_heading": "世帯", "amount_heading": "金額", "tiers": [], "notes": []}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))


def test_deleting_a_japanese_page_names_its_translations(publisher, client):
    from wagtail_localize.operations import TranslationCreator

    home = HomePage.objects.get(locale=Locale.get_default())
    page = PolicyPage(title="削除テスト", slug="delete-test", intro="テストです。")
    home.add_child(instance=page)
    page.save_revision().publish()
    targets = list(Locale.objects.exclude(pk=Locale.get_default().pk))
    TranslationCreator(publisher, targets).create_translations(page)
    assert Page.objects.filter(translation_key=page.translation_key).count() == 3

    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    response = client.get(url)
    assert response.context["translation_count"] == 2
    html = response.content.decode()
    assert "このページを削除すると、次の翻訳も一緒に削除されます" in html
    assert "English: 削除テスト" in html and "やさしい日本語: 削除テスト" in html
    client.post(url)
    assert not Page.objects.filter(translation_key=page.translation_key).exists()


# --- the admin in Japanese, page types, previews -------------------------------------------------------


def test_the_admin_is_in_japanese_and_english_on_request(editor, client):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="ja"' in html and "ダッシュボード" in html
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    assert "Dashboard" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_page_types_appear_only_where_they_belong():
    home = HomePage.objects.get(locale=Locale.get_default())
    assert HomePage.allowed_parent_page_models() == [Page]
    assert CaseStudyPage.allowed_parent_page_models() == [CaseStudyIndexPage]
    assert FAQPage.allowed_subpage_models() == []
    assert not FAQPage.can_create_at(home)  # one per site: the seeded page is there
    assert not CaseStudyPage.can_create_at(home)
    assert InquiryPage.allowed_parent_page_models() == [HomePage]
    for page in Page.objects.filter(depth__gt=2).specific():
        parent = page.get_parent().specific
        assert type(page) in parent.specific_class.allowed_subpage_models(), page


def test_page_previews_render_in_every_locale():
    for code in ("ja", "ja-x-easy", "en"):
        for model in (FAQPage, FeesPage):
            page = model.objects.get(locale__language_code=code)
            response = page.make_preview_request()
            assert response.status_code == 200, (code, model)


def test_block_previews_render(publisher, client):
    client.force_login(publisher)
    for block in (blocks.FAQItemBlock(), blocks.FeeTableBlock(), blocks.ScheduleBlock()):
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200, block
    faq_block = FAQPage.body.field.stream_block.child_blocks["faq"]
    html = client.get(reverse("wagtailadmin_block_preview"), {"id": faq_block.definition_prefix}).content.decode()
    assert "週何日から利用できますか" in html.replace("<wbr>", "")  # phrase breaks between words


def test_every_block_and_field_has_a_japanese_label():
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for model in (HomePage, InquiryPage, PolicyPage, FAQPage, FeesPage, CaseStudyPage):
        assert japanese.search(str(model._meta.verbose_name)), model
        for field in model._meta.get_fields():
            if field.concrete and field.model is model and not field.auto_created and hasattr(field, "verbose_name"):
                if field.name.endswith("_ptr"):
                    continue
                assert japanese.search(str(field.verbose_name)), (model, field.name)
        body = getattr(model, "body", None) or getattr(model, "timeline", None)
        for name, block in body.field.stream_block.child_blocks.items():
            assert japanese.search(str(block.label)), (model, name)
            for child in getattr(block, "child_blocks", {}).values():
                assert japanese.search(str(child.label)), (model, name, child.name)


# --- demo accounts ------------------------------------------------------------------------------------


def test_demo_accounts_refuse_without_debug():
    with pytest.raises(CommandError):
        call_command("ensure_demo_accounts")


def test_demo_accounts_for_the_three_roles(settings, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_accounts")
    output = capsys.readouterr().out
    logins = dict(re.findall(r"(demo-\w+) / (\S+)", output))
    assert set(logins) == {"demo-editor", "demo-publisher", "demo-translator"}
    from django.contrib.auth import get_user_model

    for username, password in logins.items():
        assert get_user_model().objects.get(username=username).check_password(password)
    user = get_user_model().objects.get(username="demo-editor")
    assert list(user.groups.values_list("name", flat=True)) == [roles.EDITORS]
    assert not user.is_superuser


# --- lockout ------------------------------------------------------------------------------------------


def test_staff_are_locked_out_after_repeated_failed_logins(editor, settings):
    from django.test import Client

    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="192.0.2.77")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 200
    locked = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert locked.status_code == 429
    assert "ログインを一時的に止めています" in locked.content.decode()
    again = client.post("/admin/login/", {"username": "editor", "password": "pw-editor"})
    assert again.status_code == 429 and "_auth_user_id" not in client.session
