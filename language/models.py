"""Staff corrections to the furigana the analyser generates, and the glossary's terms."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .scripts import HAS_KANJI, HIRAGANA_WORD
from .sudachi import to_hiragana


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
        self.reading = to_hiragana(self.reading.strip())
        if not HIRAGANA_WORD.fullmatch(self.reading):
            raise ValidationError({"reading": "読みはひらがなで入力してください。"})
        if not HAS_KANJI.search(self.word):
            raise ValidationError({"word": "漢字を含む語句を入力してください。"})


@register_snippet
class Term(DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A necessary term (受給者証 …) and its short definition, one per locale, translated through
    wagtail-localize like the pages. Published terms are marked at their first use on every page
    (language/glossary.py) and listed on the glossary page."""

    term = models.CharField("用語", max_length=60, help_text="ページの文章に出てくる形で入力します(例: 受給者証)。")
    reading = models.CharField(
        "読み(ひらがな)", max_length=80, help_text="日本語の用語の読みです。用語集の五十音順に使います。"
    )
    slug = models.SlugField(
        "アンカー",
        max_length=60,
        allow_unicode=False,
        help_text="用語集でのリンク先(#term-…)です。英数字とハイフンで、公開後は変えないでください。",
    )
    definition = models.TextField(
        "説明",
        help_text="短い説明です。やさしい日本語では短い文を1つか2つにします。英語では平易な説明にします"
        "(日本語の用語は自動で添えます)。",
    )
    aliases = models.CharField(
        "ほかの形",
        max_length=200,
        blank=True,
        help_text="同じ用語として印を付ける別の書き方を、読点(、)かカンマで区切って入力します"
        "(例: recipient certificates)。",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="くわしく説明するページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revisions = GenericRelation("wagtailcore.Revision", content_type_field="content_type", object_id_field="object_id")

    # The reading, anchor and linked page are facts of the term: the same in every language.
    translatable_fields = [
        TranslatableField("term"),
        SynchronizedField("reading"),
        SynchronizedField("slug"),
        TranslatableField("definition"),
        TranslatableField("aliases"),
        SynchronizedField("page"),
    ]

    panels = [
        FieldPanel("term"),
        FieldPanel("reading"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("aliases"),
        FieldPanel("page"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "用語集の用語"
        verbose_name_plural = "用語集"
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="term_slug_per_locale")]

    def __str__(self):
        return self.term

    def clean(self):
        super().clean()
        self.reading = to_hiragana(self.reading.strip())
        if not HIRAGANA_WORD.fullmatch(self.reading):
            raise ValidationError({"reading": "読みはひらがなで入力してください。"})

    def forms(self):
        """The term and its other forms, as they appear in the text."""
        return [self.term, *(a.strip() for a in re.split(r"[、,,\n]", self.aliases) if a.strip())]

    def page_cache_targets(self):
        # A term is marked on any page that uses it (pagecache/events.py calls this on save and delete).
        return ["*"]
