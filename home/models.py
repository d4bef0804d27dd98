"""The home page and the site's own pages (inquiry, policies)."""

from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.help_texts import INTRO_HELP
from core.mixins import SearchKeywordsMixin
from inquiries.views import serve_form, serve_thanks

from .blocks import HomeStreamBlock, InquiryStreamBlock


class HomePage(SearchKeywordsMixin, Page):
    lead = models.TextField("リード文", help_text="ページ最上部の、事業所を一言で表す文です。")
    body = StreamField(
        HomeStreamBlock(),
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
        "services.GlossaryPage",
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
        InquiryStreamBlock(),
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
        return serve_form(self, request)

    def get_cached_paths(self):
        # The thank-you page is a route of this page: a reverse proxy purges it with the page.
        return ["/", "/thanks/"]

    @path("thanks/", name="inquiry_thanks")
    def inquiry_thanks(self, request):
        return serve_thanks(self, request)


class PolicyPage(SearchKeywordsMixin, Page):
    """Accessibility policy, privacy policy and other statements of the office."""

    intro = models.TextField("導入文", blank=True, help_text=INTRO_HELP)
    body = StreamField(
        BaseStreamBlock(),
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
