"""The home page, the site-wide office details and the site's own pages (inquiry, policies)."""

import re

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import get_language, gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.text import clock
from search.models import SearchKeywordsMixin
from services import blocks
from services.models import INTRO_HELP


@register_snippet
class Office(TranslatableMixin, models.Model):
    """Contact details shown on every page. One per locale, kept in step by wagtail-localize."""

    name = models.CharField("事業所名", max_length=100)
    phone = models.CharField("電話番号", max_length=20, help_text="例: 048-812-8677(ハイフン付き)")
    hours_days = models.CharField("受付日", max_length=40, help_text="例: 平日")
    hours_start = models.TimeField("受付開始時刻")
    hours_end = models.TimeField("受付終了時刻")
    call_to_action = models.TextField("お問い合わせの呼びかけ", help_text="全ページの連絡先の欄に表示する一文です。")
    phone_advice = models.TextField(
        "電話をおすすめする理由", blank=True, help_text="電話を先におすすめする理由を短く書きます。"
    )

    # The phone number and hours are facts, not text: they never differ between languages.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("phone"),
        TranslatableField("hours_days"),
        SynchronizedField("hours_start"),
        SynchronizedField("hours_end"),
        TranslatableField("call_to_action"),
        TranslatableField("phone_advice"),
    ]

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("hours_days"), FieldPanel("hours_start"), FieldPanel("hours_end")],
            heading="電話と受付時間",
        ),
        FieldPanel("call_to_action"),
        FieldPanel("phone_advice"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "事業所情報"
        verbose_name_plural = "事業所情報"

    def __str__(self):
        return f"{self.name} ({self.locale})"

    def search_text(self):
        """The details as the contact section shows them, in the office's own language."""
        with translation.override(self.locale.language_code):
            hours = f"{self.hours_days} {clock(self.hours_start)}~{clock(self.hours_end)}"
            lines = [
                self.name,
                self.call_to_action,
                f"{gettext('電話')} {self.phone}",
                f"{gettext('受付時間')}: {hours}",
                self.phone_advice,
            ]
        return "\n".join(line for line in lines if line)

    @property
    def phone_uri(self):
        return "tel:+81" + self.phone.replace("-", "").lstrip("0")

    @classmethod
    def for_locale(cls, locale):
        """The office details in `locale`, else in the default locale."""
        office = cls.objects.filter(locale=locale).first()
        return office or cls.objects.filter(locale=Locale.get_default()).first()


@register_snippet
class FuriganaOverride(models.Model):
    """A reading that the analyser gets wrong, corrected by staff (方 in お持ちの方 → かた)."""

    word = models.CharField(
        "語句", max_length=40, unique=True, help_text="読みを指定する語句です(例: お持ちの方、春日部市)。"
    )
    reading = models.CharField("読み(ひらがな)", max_length=80, help_text="語句全体の読みをひらがなで入力します。")
    note = models.CharField("メモ", max_length=200, blank=True)

    panels = [FieldPanel("word"), FieldPanel("reading"), FieldPanel("note")]

    class Meta:
        verbose_name = "ふりがなの読み"
        verbose_name_plural = "ふりがなの読み"
        ordering = ["word"]

    def __str__(self):
        return f"{self.word}({self.reading})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .furigana import HAS_KANJI, to_hiragana

        self.reading = to_hiragana(self.reading.strip())
        if not re.fullmatch(r"[\u3041-\u309f\u30fc]+", self.reading):
            raise ValidationError({"reading": "読みはひらがなで入力してください。"})
        if not HAS_KANJI.search(self.word):
            raise ValidationError({"word": "漢字を含む語句を入力してください。"})


class HomePage(SearchKeywordsMixin, Page):
    lead = models.TextField("リード文", help_text="ページ最上部の、事業所を一言で表す文です。")
    body = StreamField(
        [
            ("heading", blocks.HeadingBlock()),
            ("text", blocks.TextBlock()),
            ("offers", blocks.OfferListBlock()),
            ("next_steps", blocks.NextStepsBlock()),
            ("contact", blocks.ContactBlock()),
        ],
        verbose_name="本文",
        help_text="事業所の紹介と、次の一歩(電話・見学・体験利用)を入力します。",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "services.ServicePage",
        "services.FeesPage",
        "services.StartFlowPage",
        "services.DaySchedulePage",
        "services.EmploymentFlowPage",
        "services.CaseStudyIndexPage",
        "services.FAQPage",
        "home.InquiryPage",
        "home.PolicyPage",
    ]
    search_fields = Page.search_fields + [index.SearchField("lead")]
    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]

    class Meta:
        verbose_name = "ホーム"

    def serve(self, request, *args, **kwargs):
        # Wagtail falls back to the default-locale home when a translation is not live;
        # never show Japanese source text under another language's URL.
        if self.locale.language_code != get_language():
            raise Http404
        return super().serve(request, *args, **kwargs)


class InquiryPage(RoutablePageMixin, SearchKeywordsMixin, Page):
    """The contact page: the office's text, then the inquiry form (inquiries app) and its thank-you page."""

    intro = models.TextField("導入文", blank=True, help_text=INTRO_HELP)
    body = StreamField(
        [("heading", blocks.HeadingBlock()), ("text", blocks.TextBlock()), ("contact", blocks.ContactBlock())],
        verbose_name="本文",
        blank=True,
        help_text="お問い合わせフォームの前に表示する案内です。フォームは自動で表示されます。",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "home/inquiry_page.html"
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "お問い合わせ"

    @path("", name="inquiry_form")
    def inquiry_form(self, request):
        from inquiries.views import serve_form

        return serve_form(self, request)

    @path("thanks/", name="inquiry_thanks")
    def inquiry_thanks(self, request):
        from inquiries.views import serve_thanks

        return serve_thanks(self, request)


class PolicyPage(SearchKeywordsMixin, Page):
    """Accessibility policy, privacy policy and other statements of the office."""

    intro = models.TextField("導入文", blank=True, help_text=INTRO_HELP)
    body = StreamField(
        [("heading", blocks.HeadingBlock()), ("text", blocks.TextBlock())],
        verbose_name="本文",
        blank=True,
        help_text="見出しと本文を交互に入力します。",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "services/section_page.html"
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "方針・規約ページ"
