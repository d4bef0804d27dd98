"""The visitor's booking pages: free slots by day, the form for one slot, the confirmation, and the
cancel page reached from the e-mail's signed link.

Never cached (no page cache, no shared cache): what they show is the number of free seats, which
every booking and the clock change, and a stale "free" would send visitors into "just taken". Each
is one small query, so caching would buy little.
"""

import itertools

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inquiries import conf as inquiry_conf
from inquiries.services import over_rate_limit
from inquiries.views import FORM_CONTENT_TYPES, content_length, error_summary, privacy_page
from language.locales import active_locale

from . import links, services
from .forms import BookingForm
from .models import Booking, Slot, Status

PROBLEMS = {
    "unknown": _("この予約枠は見つかりませんでした。予約枠の一覧から、もう一度選んでください。"),
    "past": _("この時間は、もう予約を受け付けていません。別の時間を選んでください。"),
    "taken": _("この時間は、ちょうど別の方の予約で満席になりました。別の時間を選んでください。"),
    "busy": _("予約が混み合っていて、受け付けられませんでした。もう一度「予約する」を押してください。"),
    "format": _("送信の形式が正しくありません。このページのフォームから送信してください。"),
    "size": _("送信された内容が大きすぎます。文章を短くしてから送信してください。"),
    "rate": _(
        "短い時間に何度も送信されたため、受け付けられませんでした。"
        "しばらく時間をおいてから送信するか、お電話でお問い合わせください。"
    ),
}
LINK_PROBLEMS = {
    "invalid": _("このリンクは正しくありません。メールのリンクを、最後まで全部コピーして開いてください。"),
    "expired": _("このリンクは、有効期限が切れています。予約を取り消すときは、お電話でご連絡ください。"),
    "unknown": _("この予約は見つかりませんでした。お電話でご連絡ください。"),
}
STATUS = {"unknown": 404, "past": 410, "taken": 409, "busy": 503, "format": 415, "size": 413, "rate": 429}


def render(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def by_day(slots):
    return [(day, list(group)) for day, group in itertools.groupby(slots, key=lambda s: s.date)]


def slot_list(request, problem="", status=200):
    slots = list(services.free_slots())
    context = {"days": by_day(slots), "problem": PROBLEMS.get(problem, "")}
    return render(request, "booking/slot_list.html", context, status)


MAX_ID = 2**63 - 1  # a larger number in the URL would overflow the database's integer


def find_slot(slot_id):
    if not 0 < slot_id <= MAX_ID:
        return None
    return Slot.objects.filter(pk=slot_id, published=True).first()


def form_page(request, slot, form, problem="", status=200):
    alternatives = []
    if problem in ("taken", "past", "busy"):
        alternatives = by_day(services.free_slots().exclude(pk=slot.pk)[:30])
    context = {
        "slot": slot,
        "form": form,
        "errors": error_summary(form) if form.is_bound else [],
        "problem": PROBLEMS.get(problem, ""),
        "problem_code": problem,
        "alternatives": alternatives,
        "privacy_page": privacy_page(active_locale(request)),
    }
    return render(request, "booking/form.html", context, status)


def slot_form(request, slot_id):
    slot = find_slot(slot_id)
    if slot is None:
        return slot_list(request, "unknown", 404)
    if request.method != "POST":
        if not services.bookable(slot):
            return slot_list(request, "past", 410)
        if slot.free_seats <= 0:
            return slot_list(request, "taken", 409)
        return form_page(request, slot, BookingForm())

    if (request.content_type or "") not in FORM_CONTENT_TYPES:
        return form_page(request, slot, BookingForm(), "format", 415)
    if content_length(request) > inquiry_conf.get("INQUIRY_MAX_BODY_BYTES"):
        return form_page(request, slot, BookingForm(), "size", 413)
    form = BookingForm(request.POST)
    if over_rate_limit(request):
        form.errors  # noqa: B018 — validate so that the entered values are shown again
        return form_page(request, slot, form, "rate", 429)
    # After "just taken", the visitor may pick another time in the same form (the `slot` radios).
    chosen = request.POST.get("slot", str(slot.pk))
    if not chosen.isdigit() or (chosen != str(slot.pk) and find_slot(int(chosen)) is None):
        form.errors  # noqa: B018
        return form_page(request, slot, form, "unknown", 404)
    if not form.is_valid():
        return form_page(request, slot, form)
    if form.is_spam:
        return redirect("booking:slots")
    try:
        booking = services.book(int(chosen), form.cleaned_data, get_language())
    except services.Unavailable as error:
        return form_page(request, find_slot(int(chosen)) or slot, form, error.code, STATUS[error.code])
    return redirect("booking:done", links.make(booking.pk, links.DONE))


def booking_from_link(token, purpose):
    """(booking, problem code)."""
    try:
        booking_id = links.read(token, purpose)
    except links.LinkError as error:
        return None, error.code
    booking = Booking.objects.select_related("slot").filter(pk=booking_id).first()
    return booking, ("" if booking else "unknown")


def link_problem(request, code):
    status = {"expired": 410, "unknown": 404}.get(code, 400)
    return render(request, "booking/link_problem.html", {"problem": LINK_PROBLEMS[code]}, status)


def done(request, token):
    booking, problem = booking_from_link(token, links.DONE)
    if problem:
        return link_problem(request, problem)
    context = {"booking": booking, "slot": booking.slot, "cancel_token": links.make(booking.pk, links.CANCEL)}
    return render(request, "booking/done.html", context)


def cancel(request, token):
    booking, problem = booking_from_link(token, links.CANCEL)
    if problem:
        return link_problem(request, problem)
    state = "ask"
    if booking.status == Status.CANCELLED:
        state = "already"
    elif booking.slot.starts_at <= timezone.now():
        state = "started"
    elif request.method == "POST":
        state = "cancelled" if services.cancel(booking.pk, by="visitor") else "already"
    return render(request, "booking/cancel.html", {"booking": booking, "slot": booking.slot, "state": state})
