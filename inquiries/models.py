"""Inquiries sent through the website form.

The row is written before anything else happens, so a failing mail server never loses a message;
the e-mail state (sent, attempts, last error) lives on the row so staff can see what is unsent.
"""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 2000
DETAILS_MAX_LENGTH = 2000
PREFERRED_MAX_LENGTH = 300


class Purpose(models.TextChoices):
    CONSULTATION = "consultation", _("相談")
    VISIT = "visit", _("見学")
    TRIAL = "trial", _("体験利用")
    OTHER = "other", _("その他")


class Inquiry(models.Model):
    purpose = models.CharField("ご用件", max_length=20, choices=Purpose.choices)
    name = models.CharField("お名前", max_length=100)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    email = models.EmailField("メールアドレス", max_length=254, blank=True)
    preferred_times = models.CharField("希望の日時", max_length=PREFERRED_MAX_LENGTH, blank=True)
    message = models.TextField("お問い合わせ内容", max_length=MESSAGE_MAX_LENGTH, blank=True)
    # 要配慮個人情報 (APPI): stored only when the person ticked the consent box.
    health_consent = models.BooleanField("健康状態などの取り扱いに同意", default=False)
    health_consent_at = models.DateTimeField("同意した日時", null=True, blank=True)
    health_details = models.TextField("障害・病気・体調について", max_length=DETAILS_MAX_LENGTH, blank=True)
    language = models.CharField("送信したページの言語", max_length=20, blank=True)

    created_at = models.DateTimeField("受付日時", auto_now_add=True, db_index=True)
    handled = models.BooleanField("対応済み", default=False, db_index=True)
    handled_at = models.DateTimeField("対応済みにした日時", null=True, blank=True)
    staff_note = models.TextField("スタッフのメモ", blank=True)

    email_sent = models.BooleanField("通知メール送信済み", default=False, db_index=True)
    email_sent_at = models.DateTimeField("通知メールの送信日時", null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField("通知メールの送信試行回数", default=0)
    email_last_error = models.TextField("通知メールの最後のエラー", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "お問い合わせ"
        verbose_name_plural = "お問い合わせ"

    def __str__(self):
        # No name here: Wagtail copies this label into its action log, which outlives purge_inquiries.
        received = timezone.localtime(self.created_at) if self.created_at else None
        return f"受付番号 {self.pk}({received:%Y-%m-%d %H:%M} {self.get_purpose_display()})" if received else "新規"

    def save(self, *args, **kwargs):
        # The time staff marked it handled; the retention command counts from arrival.
        if self.handled and self.handled_at is None:
            self.handled_at = timezone.now()
        elif not self.handled:
            self.handled_at = None
        super().save(*args, **kwargs)

    @property
    @admin.display(description="連絡先")
    def contact(self):
        return " / ".join(v for v in (self.phone, self.email) if v)
