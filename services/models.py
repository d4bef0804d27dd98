"""Page types for each part of the office's service information."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.help_texts import INTRO_HELP
from core.mixins import SearchKeywordsMixin
from language import glossary

from . import blocks


class SectionPage(SearchKeywordsMixin, Page):
    """A page of the service information: an intro and typed content blocks."""

    intro = models.TextField("導入文", blank=True, help_text=INTRO_HELP)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True


class ServicePage(SectionPage):
    body = StreamField(
        blocks.ServiceStreamBlock(),
        verbose_name="本文",
        help_text="就労移行支援の説明と利用対象者を入力します。",
    )

    class Meta:
        verbose_name = "就労移行支援とは(サービス説明)"


class FeesPage(SectionPage):
    body = StreamField(
        blocks.FeesStreamBlock(),
        verbose_name="本文",
        help_text="利用期間、料金表と注を入力します。金額は整数(円)です。",
    )

    class Meta:
        verbose_name = "ご利用期間・料金"


class StartFlowPage(SectionPage):
    body = StreamField(
        blocks.StartFlowStreamBlock(),
        verbose_name="本文",
        help_text="お問い合わせから正式利用までの手順を入力します。",
    )

    class Meta:
        verbose_name = "利用までの流れ"


class DaySchedulePage(SectionPage):
    body = StreamField(
        blocks.DayScheduleStreamBlock(),
        verbose_name="本文",
        help_text="1日の時間割を入力します。時刻は開始・終了を分けて入力します。",
    )

    class Meta:
        verbose_name = "入所後の1日例"


class EmploymentFlowPage(SectionPage):
    body = StreamField(
        blocks.EmploymentFlowStreamBlock(),
        verbose_name="本文",
        help_text="就職・職場定着までの段階を入力します。",
    )

    class Meta:
        verbose_name = "就労までの流れ"


class CaseStudyIndexPage(SectionPage):
    body = StreamField(
        BaseStreamBlock(),
        verbose_name="本文",
        blank=True,
        help_text="一覧の前に置く説明です(なくても構いません)。ケーススタディはこのページの下に作ります。",
    )
    subpage_types = ["services.CaseStudyPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cases"] = self.get_children().live().public().specific()
        return context

    class Meta:
        verbose_name = "就職活動の進め方(ケーススタディ一覧)"


class CaseStudyPage(SearchKeywordsMixin, Page):
    """One person's path from first consultation to a job offer."""

    person = models.CharField("仮名", max_length=40, help_text="例: Aさん(実名は入れません)")
    age_group = models.CharField("年代", max_length=40, help_text="例: 40代")
    gender = models.CharField("性別", max_length=40, blank=True, help_text="例: 男性")
    diagnosis = models.CharField("障害・疾患", max_length=80, help_text="例: うつ病")
    timeline = StreamField(
        blocks.TimelineStreamBlock(),
        verbose_name="経過",
        help_text="ご相談から内定までの経過を、時間の順に入力します。",
    )

    parent_page_types = ["services.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [index.SearchField("diagnosis"), index.SearchField("timeline")]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("person"), FieldPanel("age_group"), FieldPanel("gender"), FieldPanel("diagnosis")],
            heading="ご本人について",
        ),
        FieldPanel("timeline"),
    ]

    class Meta:
        verbose_name = "ケーススタディ"


class FAQPage(SectionPage):
    body = StreamField(
        blocks.FAQStreamBlock(),
        verbose_name="質問と回答",
        help_text="質問と回答を1組ずつ入力します。各回答には固定のアンカー(リンク先)が付きます。",
    )

    template = "services/faq_page.html"

    class Meta:
        verbose_name = "よくあるご質問"

    def faq_items(self):
        return [block for block in self.body if block.block_type == "faq"]


class GlossaryPage(SearchKeywordsMixin, Page):
    """The glossary of a locale: every published term (language.models.Term) with its definition,
    in あいうえお order (ja, ja-x-easy) or A–Z (en). Each entry has a stable anchor, #term-<slug>,
    that the terms marked on other pages link to."""

    intro = models.TextField("導入文", blank=True, help_text=INTRO_HELP)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "用語集"

    def entries(self):
        return glossary.glossary(self.locale.language_code).entries

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries()
        return context

    def search_items(self):
        """The page's own entries for site search: one per term (kind "term", linked to its anchor)."""
        return [
            {
                "kind": "term",
                "key": entry.anchor,
                "title": entry.term,
                "anchor": entry.anchor,
                "text": entry.definition,
                # Other forms, the reading (じゅきゅうしゃしょう) and, in English, the Japanese term.
                "keywords": " ".join({*entry.forms[1:], entry.reading, entry.term_ja} - {entry.term}),
            }
            for entry in self.entries()
        ]

    def easy_japanese_texts(self):
        """What readers read on the page besides its own fields: the definitions (editor's check)."""
        return [f"{entry.term}\n{entry.definition}" for entry in self.entries()]
