"""Blocks that every page type can use, and the StreamBlock that page bodies start from.

Blocks carry meaning, not layout (see services.blocks for the office's facts). Text is plain
(TextBlock): `lang` runs and paragraphs are added by the template filters of language.text, and
furigana by language.middleware on easy-Japanese pages. A block that shows content from
elsewhere says so itself, so that search and the API need no special cases:
`search_text(locale)` gives its words, `api_schema` and `api_value(locale)` its JSON.
"""

from wagtail import blocks

from language.locales import localized_urls

from .models import Office
from .schema import OfficeContact


class LocalizedLinksMixin:
    """Give the template `urls`: {page pk: URL in the visitor's language} for `pages_in(value)`."""

    def pages_in(self, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["urls"] = localized_urls(self.pages_in(value), request)
        return context


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "見出し"
        help_text = "ページ内の小見出し(h2)です。短く、内容が分かる言葉にしてください。"
        template = "blocks/heading.html"
        form_classname = "title"
        preview_value = "利用対象者"
        description = "ページ内の小見出し"


class TextBlock(blocks.TextBlock):
    class Meta:
        icon = "pilcrow"
        label = "本文"
        help_text = "本文です。空行で段落を分けます。ふりがなと言語の指定は表示時に自動で付きます。"
        template = "blocks/text.html"
        preview_value = "就労移行支援とは、障害をお持ちの方や難病のある方が一般企業に就職するための行政サービスです。"
        description = "段落(プレーンテキスト)"


class ContactBlock(blocks.StaticBlock):
    """The office's contact details (core.models.Office) in the page's locale."""

    api_schema = OfficeContact | None

    def search_text(self, locale):
        """The office details the block shows, so that "電話番号" or "opening hours" finds the page."""
        office = Office.for_locale(locale)
        return office.search_text() if office else ""

    def api_value(self, locale):
        office = Office.for_locale(locale)
        return office.as_json() if office else None

    class Meta:
        icon = "mail"
        label = "連絡先"
        admin_text = "事業所の連絡先(電話番号・受付時間)をここに表示します。内容は「事業所情報」で編集します。"
        template = "blocks/contact.html"
        description = "サイト共通の連絡先を表示"


class BaseStreamBlock(blocks.StreamBlock):
    """Headings and paragraphs: what every page body has. Page types add their own blocks."""

    heading = HeadingBlock()
    text = TextBlock()
