"""Staff corrections to the furigana the analyser generates."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

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
