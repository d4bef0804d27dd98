"""The whole path staff walk, in Chromium: edit → review → publish → translations out of date → translate.

An editor changes an FAQ answer and submits it for review; the public page keeps the old answer
until a publisher approves; then the page and the site search show the new answer, the English and
easy versions show as out of date, and a translator syncs and translates the English answer in
wagtail-localize's editor and publishes it.

The test is transactional: the live server (whichever connection it uses) sees every step as it
commits, and wagtail-localize's publishing on commit happens as it would in production. pytest-django
runs transactional tests after all the others and empties the database after them, so nothing else
sees the changes.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles
from services.models import FAQPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-staff-password"  # a throwaway account of the test database
ACCOUNTS = {"e2e-editor": roles.EDITORS, "e2e-publisher": roles.PUBLISHERS, "e2e-translator": roles.TRANSLATORS}
BLOCK_ID = "faq-cost"
NEW_ANSWER = "費用は、前の年の収入で決まります。源泉徴収票をお持ちください。"
NEW_ENGLISH = "The fee depends on last year's income. Please bring your withholding tax slip."


@pytest.fixture
def staff(seeded_site):
    """The seeded site and one account per role."""
    roles.ensure_roles()
    User = get_user_model()
    for username, role in ACCOUNTS.items():
        user = User.objects.create_user(username=username, password=PASSWORD)
        user.groups.set([Group.objects.get(name=role)])


@pytest.fixture
def faq_pages(staff):
    return {page.locale.language_code: page for page in FAQPage.objects.all()}


def log_in(browser, site_url, username):
    context = browser.new_context(locale="ja-JP")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{site_url}/admin/")
    return page


def public_answer(browser, url):
    """The answer under the FAQ anchor, as an anonymous visitor sees it following a link to it (opened)."""
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    response = page.goto(f"{url}#{BLOCK_ID}")
    assert response.status == 200, url
    text = page.locator(f"#{BLOCK_ID}").inner_text()
    context.close()
    return text


def more_actions(page):
    page.locator("footer").get_by_role("button", name="他のアクション").click()


def status_row(page, locale):
    return page.locator(f'tr[data-locale="{locale}"]', has_text="よくあるご質問")


def test_an_faq_answer_from_edit_to_review_to_publish_to_translation(browser, site_url, faq_pages):
    ja, en = faq_pages["ja"], faq_pages["en"]
    old_answer = next(block.value["answer"] for block in ja.body if block.id == BLOCK_ID)
    index = [block.id for block in ja.body].index(BLOCK_ID)
    ja_url, en_url = f"{site_url}{ja.url}", f"{site_url}{en.url}"

    # An editor changes the answer and submits it for review: it cannot go live yet.
    editor = log_in(browser, site_url, "e2e-editor")
    editor.goto(f"{site_url}/admin/pages/{ja.pk}/edit/")
    assert editor.locator('button[name="action-publish"]').count() == 0
    editor.fill(f'textarea[name="body-{index}-value-answer"]', NEW_ANSWER)
    more_actions(editor)
    editor.get_by_role("button", name=f"{roles.WORKFLOW_NAME}に提出する").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "提出されました" in editor.locator(".messages").inner_text()
    editor.context.close()

    public = public_answer(browser, ja_url)
    assert old_answer[:20] in public and NEW_ANSWER not in public

    # A publisher sees it waiting for review on the dashboard, and approves it.
    publisher = log_in(browser, site_url, "e2e-publisher")
    assert publisher.locator("main").get_by_text("よくあるご質問").count() >= 1
    publisher.goto(f"{site_url}/admin/pages/{ja.pk}/edit/")
    more_actions(publisher)
    publisher.get_by_role("button", name="承認と公開", exact=True).click()
    publisher.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    assert NEW_ANSWER in public_answer(browser, ja_url)
    search = publisher.context.new_page()
    search.goto(f"{site_url}/ja/search/?q=源泉徴収票")
    assert "源泉徴収票をお持ちください" in search.locator("main").inner_text()  # the excerpt of the new answer

    # Both translations are now out of date, with a link to the translation editor.
    publisher.goto(f"{site_url}/admin/translation-status/?status=out_of_date")
    for locale in ("en", "ja-x-easy"):
        row = status_row(publisher, locale)
        assert "更新が必要" in row.inner_text(), locale
        assert row.get_by_role("link", name="翻訳を編集").count() == 1
    publisher.context.close()

    # A translator syncs the page, translates the new answer into English and publishes it.
    translator = log_in(browser, site_url, "e2e-translator")
    translator.goto(f"{site_url}/admin/translation-status/?locale=en")
    status_row(translator, "en").get_by_role("link", name="同期").click()
    translator.locator("main form [type=submit]").first.click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    translator.goto(f"{site_url}/admin/translation-status/?locale=en")
    assert "まだ翻訳していない文が 1 件" in status_row(translator, "en").inner_text()
    status_row(translator, "en").get_by_role("link", name="翻訳を編集").click()
    segment = translator.locator("li", has_text=NEW_ANSWER).last
    segment.get_by_role("button", name=re.compile("^(Translate|翻訳)$")).click()
    segment.locator("textarea").fill(NEW_ENGLISH)
    segment.get_by_role("button", name=re.compile("^(Save|保存)$")).click()
    segment.get_by_text(NEW_ENGLISH).wait_for()
    translator.locator('footer button[name="action"][value="publish"]').click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    translator.locator(".messages").get_by_text("English").wait_for()

    assert NEW_ENGLISH in public_answer(browser, en_url)
    translator.goto(f"{site_url}/admin/translation-status/?locale=en")
    assert "最新" in status_row(translator, "en").inner_text()
    translator.context.close()
