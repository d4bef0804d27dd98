"""The inquiry form on InquiryPage (GET shows it, POST stores it) and the localized CSRF failure page."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from language.locales import SOURCE

from . import conf
from .forms import InquiryForm
from .services import over_rate_limit, save_inquiry

PRIVACY_SLUG = "privacy"
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def error_summary(form):
    """(anchor id, label, message) for each error, in the order of the form, for the summary box."""
    items = []
    for field in form:
        for message in field.errors:
            anchor = f"{field.auto_id}_0" if field.name == "purpose" else field.auto_id
            items.append((anchor, field.label, message))
    return items


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body for a malformed length


def privacy_page(locale):
    """The privacy policy in the page's language (the Japanese one if it is not translated yet)."""
    source = Page.objects.live().filter(slug=PRIVACY_SLUG, locale__language_code=SOURCE).first()
    if source is None:
        return None
    translated = source.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else source


def render_form(page, request, form, status=200, problem=""):
    context = page.get_context(request)
    context.update(
        {"form": form, "errors": error_summary(form), "problem": problem, "privacy_page": privacy_page(page.locale)}
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    if request.method == "POST":
        add_never_cache_headers(response)  # it shows what the visitor typed
    return response


def serve_form(page, request):
    if request.method != "POST":
        return render_form(page, request, InquiryForm())

    content_type = request.content_type or ""
    if content_type not in FORM_CONTENT_TYPES:
        return render_form(
            page,
            request,
            InquiryForm(),
            415,
            _("送信の形式が正しくありません。このページのフォームから送信してください。"),
        )
    if content_length(request) > conf.get("INQUIRY_MAX_BODY_BYTES"):
        return render_form(
            page, request, InquiryForm(), 413, _("送信された内容が大きすぎます。文章を短くしてから送信してください。")
        )

    form = InquiryForm(request.POST)
    if over_rate_limit(request):
        form.errors  # noqa: B018 — validate so that the entered values are shown again
        return render_form(
            page,
            request,
            form,
            429,
            _(
                "短い時間に何度も送信されたため、受け付けられませんでした。"
                "しばらく時間をおいてから送信するか、お電話でお問い合わせください。"
            ),
        )
    if not form.is_valid():
        return render_form(page, request, form)
    if not form.is_spam:
        save_inquiry(form.cleaned_data, get_language())
    return redirect(page.get_url(request) + page.reverse_subpage("inquiry_thanks"))


def serve_thanks(page, request):
    context = page.get_context(request)
    context["thanks"] = True
    return TemplateResponse(request, page.get_template(request), context)


def csrf_failure(request, reason=""):
    """Django's CSRF failure page, in the visitor's language and the site's own words."""
    return TemplateResponse(request, "inquiries/csrf_failure.html", {"reason": reason}, status=403)
