from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page

from language.locales import is_easy
from language.models import Term

from . import checks, status, views
from .permissions import is_editorial_staff


@hooks.register("construct_wagtail_userbar")
def use_site_content_checker(request, items, page):
    """Wagtail's checker (userbar and the editor's Checks panel) with the WCAG 2.2 AA rule tags."""
    items[:] = [
        checks.SiteContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]


@hooks.register("before_edit_page", order=-10)
def show_easy_japanese_checks(request, page):
    """On opening an easy-Japanese page (the editor or the translation editor), show its figures and what to fix.

    Runs before wagtail-localize's hook, which answers with the translation editor for translated pages.
    """
    if request.method != "GET" or not is_easy(page.locale.language_code):
        return None
    latest = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    # Text the page shows from elsewhere (the glossary page: every term's definition) is read there too.
    check = checks.easy_japanese_check(latest, getattr(latest, "easy_japanese_texts", list)())
    show = messages.warning if check.issues else messages.info
    show(request, checks.easy_japanese_message(check))
    return None


@hooks.register("before_edit_snippet", order=-10)
def show_easy_japanese_checks_of_a_term(request, instance):
    """On opening an easy-Japanese glossary term (its definition opens on every page that uses it)."""
    if request.method != "GET" or not isinstance(instance, Term) or not is_easy(instance.locale.language_code):
        return None
    latest = instance.get_latest_revision_as_object() if instance.has_unpublished_changes else instance
    check = checks.easy_japanese_check(latest)
    show = messages.warning if check.issues else messages.info
    show(request, checks.easy_japanese_message(check))
    return None


@hooks.register("construct_translated_pages_to_cascade_actions")
def translations_follow_their_source(pages, action):
    """Deleting or moving a Japanese page: the confirmation names its translations, which follow it."""
    if action not in ("delete", "move"):
        return None
    default = Locale.get_default()
    return {page: Page.objects.translation_of(page, inclusive=False) for page in pages if page.locale_id == default.pk}


@hooks.register("before_delete_page")
def name_the_translations_before_delete(request, page):
    """On the delete confirmation of a Japanese page, say in Japanese which translations go with it."""
    if request.method != "GET" or page.locale_id != Locale.get_default().pk:
        return None
    translations = Page.objects.translation_of(page, inclusive=False).select_related("locale")
    if translations:
        listed = format_html_join(
            "", "<li>{}: {}</li>", ((t.locale.get_display_name(), t.get_admin_display_title()) for t in translations)
        )
        messages.warning(
            request,
            format_html(
                "このページを削除すると、次の翻訳も一緒に削除されます。<ul>{}</ul>"
                "翻訳を残したいときは、削除せずに「非公開」にしてください。",
                listed,
            ),
        )
    return None


class TranslationStatusPanel(Component):
    name = "translation_status"
    template_name = "editorial/translation_status_panel.html"
    order = 110
    limit = 10

    def get_context_data(self, parent_context):
        statuses = status.translation_statuses()
        pending = [s for s in statuses if s.status != status.UP_TO_DATE]
        counts = {key: sum(s.status == key for s in statuses) for key in status.LABELS}
        return {
            "pending": pending[: self.limit],
            "more": max(len(pending) - self.limit, 0),
            "counts": [(status.LABELS[key], counts[key], key) for key in status.LABELS],
            "report_url": reverse("editorial_translation_status"),
        }


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if is_editorial_staff(request.user):
        panels.append(TranslationStatusPanel())


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", views.translation_status, name="editorial_translation_status")]


class EditorialMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editorial_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return EditorialMenuItem("翻訳の状況", reverse("editorial_translation_status"), icon_name="globe", order=250)


@hooks.register("register_page_listing_buttons")
def translation_status_buttons(page, user, next_url=None):
    """In the page listing, a Japanese page shows which translations need work (in its row's buttons)."""
    if page.is_root() or page.locale_id != Locale.get_default().pk:
        return
    for item in status.translation_statuses([page]):
        if item.status != status.UP_TO_DATE:
            yield ListingButton(
                f"{item.locale.get_display_name()}: {item.label}",
                item.edit_url,
                priority=90,
                icon_name="globe",
            )
