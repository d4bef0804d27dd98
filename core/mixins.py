from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .help_texts import SEARCH_KEYWORDS_HELP


class SearchKeywordsMixin(models.Model):
    """A page's hidden search keywords, like an FAQ entry's (services.blocks.FAQItemBlock)."""

    search_keywords = models.TextField("検索キーワード", blank=True, help_text=SEARCH_KEYWORDS_HELP)

    promote_panels = Page.promote_panels + [FieldPanel("search_keywords")]

    class Meta:
        abstract = True
