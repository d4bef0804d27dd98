from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import BookingGroup, BookingPermissionPolicy
from .models import Booking

register_permission_policy(Booking, BookingPermissionPolicy(Booking), exact_class=True)


@hooks.register("register_admin_viewset")
def register_booking_viewsets():
    return BookingGroup()
