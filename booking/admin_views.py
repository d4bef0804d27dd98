"""Staff's view of slots, weekly patterns, closed days and bookings in the Wagtail admin.

The お問い合わせ担当 group (inquiries) holds these permissions too (apps.py): the people who read
inquiries are the ones who agree visits. Bookings come only from the website: staff read them,
confirm or cancel them and keep a note, and never add, copy or delete one (cancelling frees the
seat; a deleted row would lose the count).
"""

from django.db import IntegrityError
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from inquiries.admin_views import ForbiddenMixin

from . import services
from .models import Booking, ClosedDay, Slot, Status, WeeklyPattern

FULL = "この予約枠は満席のため、予約を戻せません。先に定員を増やしてください。"
BELOW_BOOKED = "すでに%(booked)d人が予約しています。定員はそれより少なくできません。"


class BookingPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "copy", "delete"):
            return False
        return super().user_has_permission(user, action)


def guarded(view_class):
    """The view with an explicit 403 page for staff without the permission."""
    return type(view_class.__name__, (ForbiddenMixin, view_class), {})


class BookingEditView(ForbiddenMixin, generic.EditView):
    def form_valid(self, form):
        old = Booking.objects.values_list("status", flat=True).get(pk=self.object.pk)
        new = form.cleaned_data["status"]
        if old == Status.CANCELLED and new == Status.CONFIRMED and not services.reconfirm(self.object.pk):
            form.add_error("status", FULL)
            self.produced_error_message = FULL
            return self.form_invalid(form)
        if old == Status.CONFIRMED and new == Status.CANCELLED:
            services.cancel(self.object.pk, by="staff")
        return super().form_valid(form)  # saves the note; the status was moved above (Booking.save)


class SlotEditView(ForbiddenMixin, generic.EditView):
    def form_valid(self, form):
        booked = Slot.objects.values_list("booked", flat=True).get(pk=self.object.pk)
        if form.cleaned_data["capacity"] < booked:
            form.add_error("capacity", BELOW_BOOKED % {"booked": booked})
            self.produced_error_message = BELOW_BOOKED % {"booked": booked}
            return self.form_invalid(form)
        try:
            return super().form_valid(form)
        except IntegrityError:  # a visitor booked between the check and the save
            self.produced_error_message = BELOW_BOOKED % {"booked": self.object.booked}
            form.add_error("capacity", self.produced_error_message)
            return self.form_invalid(form)


class PatternCreateView(ForbiddenMixin, generic.CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.generate_slots()  # the new pattern's slots appear at once
        return response


class PatternEditView(ForbiddenMixin, generic.EditView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.generate_slots()
        return response


class StaffViewSet(ModelViewSet):
    index_view_class = guarded(generic.IndexView)
    inspect_view_class = guarded(generic.InspectView)
    add_view_class = guarded(generic.CreateView)
    edit_view_class = guarded(generic.EditView)
    delete_view_class = guarded(generic.DeleteView)
    copy_view_enabled = False


class SlotViewSet(StaffViewSet):
    model = Slot
    name = "booking_slots"
    icon = "date"
    menu_label = "予約枠"
    edit_view_class = SlotEditView
    list_display = ["__str__", "mode", "capacity", "booked", "published"]
    list_filter = ["kind", "mode", "published", "date"]
    form_fields = ["date", "start", "end", "kind", "mode", "capacity", "published"]


class PatternViewSet(StaffViewSet):
    model = WeeklyPattern
    name = "booking_patterns"
    icon = "repeat"
    menu_label = "毎週の型"
    add_view_class = PatternCreateView
    edit_view_class = PatternEditView
    list_display = ["__str__", "mode", "capacity", "active"]
    form_fields = ["weekday", "start", "end", "kind", "mode", "capacity", "active"]


class ClosedDayViewSet(StaffViewSet):
    model = ClosedDay
    name = "booking_closed_days"
    icon = "cross"
    menu_label = "休業日"
    list_display = ["date", "note"]
    form_fields = ["date", "note"]


class BookingViewSet(StaffViewSet):
    model = Booking
    name = "bookings"
    icon = "user"
    menu_label = "予約"
    edit_view_class = BookingEditView
    inspect_view_enabled = True
    list_display = ["__str__", "name", "contact", "status", "created_at"]
    list_filter = ["status", "slot__kind", "slot__date"]
    inspect_view_fields = [
        "slot",
        "status",
        "name",
        "phone",
        "email",
        "language",
        "health_consent",
        "health_consent_at",
        "health_details",
        "created_at",
        "cancelled_at",
        "cancelled_by",
        "confirmation_sent_at",
        "reminder_sent_at",
        "email_last_error",
        "staff_note",
    ]
    form_fields = ["status", "staff_note"]


class BookingGroup(ViewSetGroup):
    menu_label = "見学・相談の予約"
    menu_icon = "date"
    menu_order = 260
    items = (BookingViewSet, SlotViewSet, PatternViewSet, ClosedDayViewSet)
