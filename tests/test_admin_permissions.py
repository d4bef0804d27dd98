"""The admin's lists of content are for editorial staff only: anyone else gets a 403."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from editorial import roles
from inquiries.apps import INQUIRY_GROUP

pytestmark = pytest.mark.django_db

# The project's own admin views that list content: a 403.
CONTENT_LISTS = [
    ("editorial_translation_status", ()),
    ("wagtailsnippets_core_office:list", ()),
    ("wagtailsnippets_core_office:history", ("office",)),
    ("wagtailsnippets_search_synonym:list", ()),
]
# Wagtail's own reports and default snippet views refuse with Wagtail's redirect to the dashboard
# ("Sorry, you do not have permission"): refused, with nothing listed.
WAGTAIL_LISTS = [
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:page_types_usage",
    "wagtailsnippets_language_furiganaoverride:list",
]


@pytest.fixture(autouse=True)
def staff_roles():
    roles.ensure_roles()


def user_in(django_user_model, name, group=None):
    user = django_user_model.objects.create_user(username=name, password="pw-" + name)
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture(params=["inquiries", "admin-only"])
def outsider(request, django_user_model):
    """Staff who may log in to the admin but not work on pages (お問い合わせ担当 only, or no group)."""
    return user_in(django_user_model, request.param, INQUIRY_GROUP if request.param == "inquiries" else None)


@pytest.mark.parametrize(("name", "args"), CONTENT_LISTS)
def test_staff_outside_the_editorial_roles_get_403(client, outsider, name, args):
    from core.models import Office

    client.force_login(outsider)
    args = [Office.objects.first().pk if arg == "office" else arg for arg in args]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 403


@pytest.mark.parametrize("name", WAGTAIL_LISTS)
def test_wagtails_own_reports_refuse_them_too(client, outsider, name):
    client.force_login(outsider)
    response = client.get(reverse(name))
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"


def test_the_translation_status_403_is_a_page_and_in_the_staffs_language(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("editorial_translation_status"))
    html = response.content.decode()
    assert response.status_code == 403 and "この画面を見る権限がありません" in html
    assert "よくあるご質問" not in html
    response = client.get(reverse("editorial_translation_status"), HTTP_ACCEPT_LANGUAGE="en")
    assert "You do not have permission to view this screen" in response.content.decode()


def test_the_dashboard_shows_outsiders_no_translation_status(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status' not in html
    assert reverse("editorial_translation_status") not in html  # nor in the menu
    assert "よくあるご質問" not in html


def test_site_history_shows_outsiders_no_page(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code in (200, 403)
    assert "よくあるご質問" not in response.content.decode()


@pytest.mark.parametrize("role", [roles.EDITORS, roles.PUBLISHERS, roles.TRANSLATORS])
def test_editorial_staff_see_the_translation_status(client, django_user_model, role):
    client.force_login(user_in(django_user_model, "staff", role))
    response = client.get(reverse("editorial_translation_status"))
    assert response.status_code == 200 and "よくあるご質問" in response.content.decode()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status' in html and reverse("editorial_translation_status") in html
