import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from wagtail.users.models import UserProfile

from editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS, ensure_roles

DEMO_ACCOUNTS = [
    ("demo-editor", EDITORS, "編集・確認依頼ができます(公開はできません)"),
    ("demo-publisher", PUBLISHERS, "確認・承認・公開・予約公開・以前の版に戻すことができます"),
    ("demo-translator", TRANSLATORS, "やさしい日本語と英語のページだけを編集・公開できます"),
]


class Command(BaseCommand):
    help = "Create one local demo account per staff role and print their logins (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_accounts is for local development only (DEBUG is off).")
        ensure_roles()
        User = get_user_model()
        lines = ["Demo accounts for the staff roles (local development only; new passwords on every run):"]
        for username, role, can in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": f"デモ{role}"})
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_active = True
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            profile = UserProfile.get_for_user(user)
            if not profile.preferred_language:  # the admin in Japanese whatever the browser's language
                profile.preferred_language = "ja"
                profile.save()
            lines.append(f"  {role}: {username} / {password}  ({can})")
        lines.append("Log in at /admin/.")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
