"""The site search index (one row per FAQ entry, glossary term and page, per locale) and its synonyms.

The database is the source of truth: the in-process inverted index (search.backends.database)
and the Elasticsearch index (search.backends.elasticsearch) are both built from these rows.
"""

import re
import uuid

from django.db import models
from wagtail.models import Locale, Page


class SearchEntry(models.Model):
    KIND_FAQ = "faq"
    KIND_PAGE = "page"
    KIND_TERM = "term"  # a glossary entry (language.models.Term), on the glossary page at its anchor

    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=4, choices=[(KIND_FAQ, "FAQ"), (KIND_PAGE, "ページ"), (KIND_TERM, "用語")])
    # Language-independent: the FAQ block id (same in every locale), the page's translation_key or
    # the glossary term's anchor (term-<slug>).
    key = models.CharField(max_length=64)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    url = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    # Pre-analysed terms (search.analysis), space-separated, one per occurrence.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # Cross-locale evidence: the terms of the same entry in a sibling locale (search.index.SIBLINGS:
    # standard Japanese for easy Japanese), ranked at a lower weight. Kept by search.index.
    alt_terms = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "kind", "key"], name="search_entry_unique")]
        indexes = [models.Index(fields=["locale", "kind"])]
        verbose_name = "検索インデックスの項目"
        verbose_name_plural = "検索インデックス"

    def __str__(self):
        return f"{self.kind}:{self.key} ({self.locale_id})"


class IndexState(models.Model):
    """A version token per locale ("entries:<locale id>") and for the synonyms ("synonyms"), and
    the analysis the stored terms were made with ("analysis": search.analysis.VERSION).

    Every process compares these with the tokens its in-memory index was built from: one cheap
    query per search keeps every worker fresh without a shared cache. Tokens are random, not
    counters, so that a rolled-back change can never reuse a version another state had.
    """

    name = models.CharField(max_length=40, primary_key=True)
    version = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.name}={self.version}"

    @classmethod
    def bump(cls, name):
        cls.objects.update_or_create(name=name, defaults={"version": uuid.uuid4().hex})

    @classmethod
    def versions(cls):
        return dict(cls.objects.values_list("name", "version"))


class Synonym(models.Model):
    """A word visitors type and the words the site uses for it, applied when searching."""

    term = models.CharField(
        "検索される言葉",
        max_length=100,
        unique=True,
        help_text="訪問者が検索に入力しそうな言葉です(例: お金、タダ、job interview)。",
    )
    synonyms = models.TextField(
        "あわせて探す言葉",
        help_text="サイトの文章で使っている言葉を、読点(、)・カンマ・改行で区切って入力します"
        "(例: 費用、料金、自己負担)。",
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "検索の同義語"
        verbose_name_plural = "検索の同義語"

    def __str__(self):
        return self.term

    def expansions(self):
        return [s.strip() for s in re.split(r"[、,,\n]", self.synonyms) if s.strip()]


class IndexFailure(models.Model):
    """A page whose index rows could not be updated, although its publish (or unpublish, move)
    went through: logged, and listed on the staff dashboard until the page is indexed again or
    `manage.py update_index` runs (search/failures.py)."""

    page_id = models.BigIntegerField(unique=True)  # no foreign key: a deleted page is still reported
    title = models.CharField(max_length=255)
    error = models.TextField()
    failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self):
        return f"{self.title} ({self.page_id}): {self.error[:80]}"
