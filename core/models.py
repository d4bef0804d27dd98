"""Content shared by every page: the office's contact details.

They go live the way pages do: an editor's change is a draft (a revision) submitted to the review
workflow; the site, the API and search show the live row only, which changes when a publisher
publishes (or approves) a revision. History, rollback (publish an earlier revision) and locking
come with Wagtail's snippet mixins; the admin views are in core.wagtail_hooks.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from language.text import clock_range

# schema.org day names for each choice of the office's opening days.
OPENING_DAYS = [("Mo-Fr", "月曜日から金曜日"), ("Mo-Sa", "月曜日から土曜日"), ("Mo-Su", "毎日")]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OPENING_DAY_NAMES = {"Mo-Fr": DAY_NAMES[:5], "Mo-Sa": DAY_NAMES[:6], "Mo-Su": DAY_NAMES}


class Office(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """Contact details shown on every page. One per locale, kept in step by wagtail-localize."""

    name = models.CharField("事業所名", max_length=100)
    phone = models.CharField("電話番号", max_length=20, help_text="例: 048-812-8677(ハイフン付き)")
    hours_days = models.CharField("受付日", max_length=40, help_text="例: 平日")
    hours_start = models.TimeField("受付開始時刻")
    hours_end = models.TimeField("受付終了時刻")
    # The days as a fact for search engines (schema.org openingHoursSpecification); hours_days is the
    # same thing in words, for people.
    opening_days = models.CharField(
        "受付日(曜日)",
        max_length=5,
        choices=OPENING_DAYS,
        default="Mo-Fr",
        help_text="検索エンジンに伝える受付の曜日です。「受付日」と同じ内容を選びます。",
    )
    area_served = models.CharField(
        "対象地域",
        max_length=100,
        blank=True,
        help_text="主にサービスを提供する地域です(例: 埼玉県)。検索エンジンに伝えます。",
    )
    call_to_action = models.TextField("お問い合わせの呼びかけ", help_text="全ページの連絡先の欄に表示する一文です。")
    phone_advice = models.TextField(
        "電話をおすすめする理由", blank=True, help_text="電話を先におすすめする理由を短く書きます。"
    )
    # For booking confirmations (booking app): how to come, how to join online.
    access = models.TextField(
        "行き方", blank=True, help_text="予約の確認メールに入れる、住所と最寄り駅からの行き方です。"
    )
    online_guide = models.TextField(
        "オンラインでの参加方法",
        blank=True,
        help_text="オンラインの予約の確認メールに入れる、参加のしかた(使うアプリ、URLを送る時期など)です。",
    )

    # The phone number and hours are facts, not text: they never differ between languages.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("phone"),
        TranslatableField("hours_days"),
        SynchronizedField("hours_start"),
        SynchronizedField("hours_end"),
        SynchronizedField("opening_days"),
        TranslatableField("area_served"),
        TranslatableField("call_to_action"),
        TranslatableField("phone_advice"),
        TranslatableField("access"),
        TranslatableField("online_guide"),
    ]

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("hours_days"),
                FieldPanel("opening_days"),
                FieldPanel("hours_start"),
                FieldPanel("hours_end"),
            ],
            heading="電話と受付時間",
        ),
        FieldPanel("area_served"),
        FieldPanel("call_to_action"),
        FieldPanel("phone_advice"),
        MultiFieldPanel([FieldPanel("access"), FieldPanel("online_guide")], heading="予約の確認メール"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="office")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="office",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = "事業所情報"
        verbose_name_plural = "事業所情報"

    def __str__(self):
        return f"{self.name} ({self.locale})"

    @property
    def revisions(self):
        return self._revisions

    def search_text(self):
        """The details as the contact section shows them, in the office's own language."""
        with translation.override(self.locale.language_code):
            hours = f"{self.hours_days} {clock_range(self.hours_start, self.hours_end, self.locale.language_code)}"
            lines = [
                self.name,
                self.call_to_action,
                f"{gettext('電話')} {self.phone}",
                f"{gettext('受付時間')}: {hours}",
                self.phone_advice,
            ]
        return "\n".join(line for line in lines if line)

    def as_json(self):
        """The details as the API gives them (core.schema.OfficeContact)."""
        return {
            "name": self.name,
            "phone": self.phone,
            "phone_uri": self.phone_uri,
            "hours_days": self.hours_days,
            "hours_start": self.hours_start.strftime("%H:%M"),
            "hours_end": self.hours_end.strftime("%H:%M"),
            "call_to_action": self.call_to_action,
            "phone_advice": self.phone_advice,
        }

    @property
    def phone_uri(self):
        return "tel:+81" + self.phone.replace("-", "").lstrip("0")

    @classmethod
    def for_locale(cls, locale):
        """The live (published) office details in `locale`, else in the default locale."""
        live = cls.objects.filter(live=True)
        return live.filter(locale=locale).first() or live.filter(locale=Locale.get_default()).first()
