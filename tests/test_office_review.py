"""The office details go live only when a publisher approves or publishes them: editors' changes are
drafts in the review workflow, the site (pages, API, search, page cache) shows the live version,
revisions keep the history and roll back, and the existing details were migrated live."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState

from core.models import Office
from editorial import roles
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

OLD, NEW, SCAM = "048-812-8677", "048-000-4321", "0120-999-999"


@pytest.fixture(autouse=True)
def staff_roles():
    roles.ensure_roles()


def user_in(django_user_model, name, role):
    user = django_user_model.objects.create_user(username=name, password="pw-" + name)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "editor", roles.EDITORS)


@pytest.fixture
def publisher(django_user_model):
    return user_in(django_user_model, "publisher", roles.PUBLISHERS)


def office():
    return Office.objects.get(locale=Locale.get_default())


def url(name, *args):
    return reverse(f"wagtailsnippets_core_office:{name}", args=args)


def form(instance, **changes):
    fields = ("name", "phone", "hours_days", "call_to_action", "phone_advice", "opening_days", "area_served")
    data = {name: getattr(instance, name) for name in fields}
    data["hours_start"] = instance.hours_start.strftime("%H:%M")
    data["hours_end"] = instance.hours_end.strftime("%H:%M")
    return {**data, **changes}


def visitor_sees(client, phone):
    """Whether an anonymous visitor sees `phone` on the home page (footer), the contact page and the API."""
    from django.test import Client

    visitor = Client()
    html = visitor.get("/ja/").content.decode() + visitor.get("/ja/contact/").content.decode()
    return phone in html


def contact_entry():
    return SearchEntry.objects.get(locale=Locale.get_default(), kind="page", url__endswith="/contact/")


def test_the_existing_details_are_live_with_a_first_revision():
    for instance in Office.objects.all():
        assert instance.live and not instance.has_unpublished_changes, instance
        assert instance.live_revision_id and instance.live_revision_id == instance.latest_revision_id, instance
        assert instance.revisions.count() >= 1
    assert office().phone == OLD
    assert office().get_workflow().name == roles.WORKFLOW_NAME


def test_an_editors_draft_does_not_reach_the_site(client, editor):
    from django.test import Client

    visitor = Client()
    visitor.get("/ja/")
    assert visitor.get("/ja/").get("X-Page-Cache") == "hit"

    client.force_login(editor)
    response = client.post(url("edit", office().pk), form(office(), phone=SCAM))
    assert response.status_code == 302
    instance = office()
    assert instance.phone == OLD and instance.has_unpublished_changes
    assert instance.latest_revision.as_object().phone == SCAM
    assert visitor.get("/ja/").get("X-Page-Cache") == "hit"  # a draft purges nothing
    assert OLD in visitor.get("/ja/").content.decode()
    assert visitor_sees(client, OLD) and not visitor_sees(client, SCAM)
    assert SCAM not in contact_entry().text
    # The API's contact block (on the contact page) gives the live details too.
    from wagtail.models import Page

    contact = Page.objects.get(locale=Locale.get_default(), slug="contact")
    assert SCAM not in Client().get(f"/api/v3/pages/{contact.pk}/").content.decode()


def test_an_editor_cannot_publish(client, editor):
    client.force_login(editor)
    html = client.get(url("edit", office().pk)).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    response = client.post(url("edit", office().pk), {**form(office(), phone=SCAM), "action-publish": "publish"})
    assert response.status_code in (302, 403)
    assert office().phone == OLD and not visitor_sees(client, SCAM)
    revision = office().latest_revision
    response = client.post(
        url("revisions_revert", office().pk, revision.pk), {**form(office(), phone=SCAM), "action-publish": "publish"}
    )
    assert office().phone == OLD


def test_a_submitted_change_goes_live_when_a_publisher_approves(client, editor, publisher):
    from django.test import Client

    visitor = Client()
    visitor.get("/ja/")
    client.force_login(editor)
    response = client.post(url("edit", office().pk), {**form(office(), phone=NEW), "action-submit": "submit"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="office", object_id=str(office().pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert office().phone == OLD and not visitor_sees(client, NEW)

    approve = url("workflow_action", office().pk, "approve", state.current_task_state.pk)
    client.post(approve, {"comment": ""})  # the editor cannot approve their own change
    assert office().phone == OLD

    client.force_login(publisher)
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert office().phone == NEW and not office().has_unpublished_changes
    assert visitor.get("/ja/").get("X-Page-Cache") == "miss"  # the publish purged the pages
    assert visitor_sees(client, NEW) and not visitor_sees(client, OLD)
    assert NEW in contact_entry().text


def test_a_publisher_publishes_and_rolls_back(client, publisher):
    client.force_login(publisher)
    first = office().live_revision
    response = client.post(url("edit", office().pk), {**form(office(), phone=NEW), "action-publish": "publish"})
    assert response.status_code == 302
    assert office().phone == NEW and visitor_sees(client, NEW)

    history = client.get(url("history", office().pk))
    assert history.status_code == 200
    revert = url("revisions_revert", office().pk, first.pk)
    opened = client.get(revert)
    assert opened.status_code == 200 and f'value="{OLD}"' in opened.content.decode()  # the earlier details
    response = client.post(revert, {**form(first.as_object()), "action-publish": "publish"})
    assert response.status_code == 302
    assert office().phone == OLD and visitor_sees(client, OLD) and not visitor_sees(client, NEW)
    assert OLD in contact_entry().text


def test_the_translated_details_are_live_and_follow_the_synchronised_phone():
    for code in ("ja-x-easy", "en"):
        translated = Office.objects.get(locale__language_code=code)
        assert translated.live
        assert Office.for_locale(translated.locale) == translated


def test_a_never_published_office_is_not_shown():
    en = Locale.objects.get(language_code="en")
    Office.objects.filter(locale=en).update(live=False)
    assert Office.for_locale(en) == office()  # the live Japanese details instead
