from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The staff group that reads inquiries. Other staff (editors, moderators) cannot see them.
INQUIRY_GROUP = "お問い合わせ担当"
INQUIRY_PERMISSIONS = ["view_inquiry", "change_inquiry", "delete_inquiry"]


def ensure_inquiry_group(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Our permissions are created by auth's own post_migrate handler, which may run after this one.
    create_permissions(sender, verbosity=0, using=using)

    group, _ = Group.objects.get_or_create(name=INQUIRY_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="inquiries", codename__in=INQUIRY_PERMISSIONS
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*permissions)


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = "お問い合わせの受付"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(ensure_inquiry_group, sender=self)
