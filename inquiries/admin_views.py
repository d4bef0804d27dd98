"""The staff's view of inquiries in the Wagtail admin: list, read, mark handled, export."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.spreadsheet import safe_cell

from .models import Inquiry


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """Inquiries only come from the website form: nobody adds or copies one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


class ForbiddenMixin:
    """An explicit 403 for staff without the permission (Wagtail would redirect to the dashboard)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "inquiries/forbidden.html", status=403)


class InquiryIndexView(ForbiddenMixin, generic.IndexView):
    def preprocess_field_value(self, field, value, export_format):
        # What the visitor typed never runs as a formula when staff open the file (CSV and XLSX).
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        # A byte order mark, so that spreadsheet software in Japan reads the file as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)


class InquiryInspectView(ForbiddenMixin, generic.InspectView):
    pass


class InquiryEditView(ForbiddenMixin, generic.EditView):
    pass


class InquiryCreateView(ForbiddenMixin, generic.CreateView):
    pass


class InquiryDeleteView(ForbiddenMixin, generic.DeleteView):
    pass


class InquiryHistoryView(ForbiddenMixin, history.HistoryView):
    pass


class InquiryUsageView(ForbiddenMixin, usage.UsageView):
    pass


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "inquiries"
    icon = "mail"
    menu_label = "お問い合わせ"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = InquiryIndexView
    inspect_view_class = InquiryInspectView
    edit_view_class = InquiryEditView
    add_view_class = InquiryCreateView
    delete_view_class = InquiryDeleteView
    history_view_class = InquiryHistoryView
    usage_view_class = InquiryUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "name", "contact", "handled", "email_sent"]
    list_filter = ["handled", "email_sent", "purpose"]
    list_export = [
        "pk",
        "created_at",
        "get_purpose_display",
        "name",
        "phone",
        "email",
        "preferred_times",
        "message",
        "health_consent",
        "health_consent_at",
        "health_details",
        "language",
        "handled",
        "handled_at",
        "staff_note",
        "email_sent",
        "email_attempts",
    ]
    export_headings = {"pk": "受付番号", "get_purpose_display": "ご用件"}
    export_filename = "inquiries"
    inspect_view_fields = [
        "created_at",
        "purpose",
        "name",
        "phone",
        "email",
        "preferred_times",
        "message",
        "health_consent",
        "health_consent_at",
        "health_details",
        "language",
        "handled",
        "handled_at",
        "staff_note",
        "email_sent",
        "email_sent_at",
        "email_attempts",
        "email_last_error",
    ]
    # Staff only mark an inquiry handled and keep a note; what the person wrote is never edited.
    form_fields = ["handled", "staff_note"]
