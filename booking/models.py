"""Bookable slots (visit, consultation, trial), the weekly patterns that make them, and bookings.

Capacity is enforced by the database: a slot's `booked` counter only ever moves in a conditional
UPDATE (`WHERE booked < capacity`, see services.py) and a check constraint refuses a count above
the capacity, so two visitors can never take the last seat, on SQLite or PostgreSQL.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from language.locales import LOCALES

NAME_MAX_LENGTH = 100
DETAILS_MAX_LENGTH = 2000


class Kind(models.TextChoices):
    VISIT = "visit", _("見学")
    CONSULTATION = "consultation", _("相談")
    TRIAL = "trial", _("体験利用")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("事業所で")
    ONLINE = "online", _("オンライン")


class Weekday(models.IntegerChoices):
    MONDAY = 0, "月曜日"
    TUESDAY = 1, "火曜日"
    WEDNESDAY = 2, "水曜日"
    THURSDAY = 3, "木曜日"
    FRIDAY = 4, "金曜日"
    SATURDAY = 5, "土曜日"
    SUNDAY = 6, "日曜日"


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("予約済み")
    CANCELLED = "cancelled", _("取り消し")


def capacity_field():
    return models.PositiveSmallIntegerField(
        "定員",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="1回に受けられる人数です。",
    )


class WeeklyPattern(models.Model):
    """Every week on this weekday: slots made by `generate_slots` (or the admin) for the coming weeks."""

    weekday = models.PositiveSmallIntegerField("曜日", choices=Weekday.choices)
    start = models.TimeField("開始時刻")
    end = models.TimeField("終了時刻")
    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    mode = models.CharField("方法", max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    capacity = capacity_field()
    active = models.BooleanField("有効", default=True, help_text="外すと、この型から新しい枠を作りません。")

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = "毎週の予約枠の型"
        verbose_name_plural = "毎週の予約枠の型"
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="pattern_ends_after_start")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M} {self.get_kind_display()}"


class ClosedDay(models.Model):
    """A day without slots: public holidays, the New Year break, office events (kept by staff)."""

    date = models.DateField("日付", unique=True)
    note = models.CharField("理由", max_length=100, blank=True, help_text="例: 祝日(勤労感謝の日)、年末年始")

    class Meta:
        ordering = ["date"]
        verbose_name = "休業日"
        verbose_name_plural = "休業日"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.note}".strip()


class SlotQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Published slots that have not started yet, soonest first."""
        now = timezone.localtime(now)
        return (
            self.filter(published=True)
            .filter(Q(date__gt=now.date()) | Q(date=now.date(), start__gt=now.time()))
            .order_by("date", "start", "kind")
        )

    def free(self, now=None):
        return self.upcoming(now).filter(booked__lt=F("capacity"))


class Slot(models.Model):
    date = models.DateField("日付", db_index=True)
    start = models.TimeField("開始時刻")
    end = models.TimeField("終了時刻")
    kind = models.CharField("種類", max_length=20, choices=Kind.choices)
    mode = models.CharField("方法", max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    capacity = capacity_field()
    # Moved only by services.py, in one conditional UPDATE; never edited by hand.
    booked = models.PositiveSmallIntegerField("予約済みの人数", default=0, editable=False)
    published = models.BooleanField("公開", default=True, help_text="外すと、ウェブサイトに表示しません。")
    pattern = models.ForeignKey(
        WeeklyPattern, verbose_name="作成元の型", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start"]
        verbose_name = "予約枠"
        verbose_name_plural = "予約枠"
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="slot_booked_within_capacity"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_ends_after_start"),
            # One slot per time and kind: generating from a pattern twice adds nothing.
            models.UniqueConstraint(fields=["date", "start", "kind", "mode"], name="slot_unique_time_kind_mode"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start:%H:%M}–{self.end:%H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        # An edit in the admin must never write back a `booked` it read before a visitor booked.
        if not self._state.adding and "update_fields" not in kwargs:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields if f.name not in ("id", "booked")]
        super().save(*args, **kwargs)

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end))

    @property
    def free_seats(self):
        return max(self.capacity - self.booked, 0)


class Booking(models.Model):
    slot = models.ForeignKey(Slot, verbose_name="予約枠", on_delete=models.PROTECT, related_name="bookings")
    name = models.CharField("お名前", max_length=NAME_MAX_LENGTH)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    email = models.EmailField("メールアドレス", max_length=254, blank=True)
    language = models.CharField("予約したページの言語", max_length=20, choices=[(c, c) for c in LOCALES])
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.CONFIRMED, db_index=True)
    # 要配慮個人情報 (APPI): stored only when the person ticked the consent box, as in the inquiry form.
    health_consent = models.BooleanField("健康状態などの取り扱いに同意", default=False)
    health_consent_at = models.DateTimeField("同意した日時", null=True, blank=True)
    health_details = models.TextField("障害・病気・体調について", max_length=DETAILS_MAX_LENGTH, blank=True)

    created_at = models.DateTimeField("予約日時", auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField("取り消した日時", null=True, blank=True)
    cancelled_by = models.CharField(
        "取り消した人", max_length=20, blank=True, choices=[("visitor", "ご本人"), ("staff", "スタッフ")]
    )
    staff_note = models.TextField("スタッフのメモ", blank=True)
    confirmation_sent_at = models.DateTimeField("確認メールの送信日時", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("前日のお知らせの送信日時", null=True, blank=True)
    email_last_error = models.TextField("メールの最後のエラー", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "予約"
        verbose_name_plural = "予約"

    def __str__(self):
        # No name: Wagtail copies this label into its action log.
        return f"予約番号 {self.pk}({self.slot})" if self.pk else "新規"

    def save(self, *args, **kwargs):
        # The status moves only through services.cancel / reconfirm, together with the seat count.
        if not self._state.adding and "update_fields" not in kwargs:
            kept = ("id", "status", "cancelled_at", "cancelled_by", "confirmation_sent_at", "reminder_sent_at")
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields if f.name not in kept]
        super().save(*args, **kwargs)

    @property
    def contact(self):
        return " / ".join(v for v in (self.phone, self.email) if v)

    @property
    def is_confirmed(self):
        return self.status == Status.CONFIRMED
