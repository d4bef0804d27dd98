from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from .admin_views import InquiryPermissionPolicy, InquiryViewSet
from .models import Inquiry

register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry), exact_class=True)


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet()


class InquirySummaryPanel(Component):
    """On the dashboard of inquiry staff: how many inquiries wait for an answer, and failed notifications."""

    name = "inquiries"
    order = 50
    template_name = "inquiries/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "open_count": Inquiry.objects.filter(handled=False).count(),
            "unsent_count": Inquiry.objects.filter(email_sent=False).count(),
        }


@hooks.register("construct_homepage_panels")
def add_inquiry_summary(request, panels):
    if InquiryPermissionPolicy(Inquiry).user_has_permission(request.user, "view"):
        panels.append(InquirySummaryPanel())
