from django.apps import AppConfig
from django.db.models.signals import post_migrate

BOOKING_PERMISSIONS = [
    "view_booking",
    "change_booking",
    *(
        f"{action}_{model}"
        for model in ("slot", "weeklypattern", "closedday")
        for action in ("view", "add", "change", "delete")
    ),
]


def grant_inquiry_staff(sender, using="default", **kwargs):
    """Bookings are read and handled by the same staff group as inquiries."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from inquiries.apps import INQUIRY_GROUP

    create_permissions(sender, verbosity=0, using=using)
    group, _ = Group.objects.get_or_create(name=INQUIRY_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="booking", codename__in=BOOKING_PERMISSIONS)
    )


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "見学・相談・体験利用の予約"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_inquiry_staff, sender=self)
