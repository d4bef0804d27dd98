"""Blocks of the home page: what the office offers and the visitor's next steps."""

from wagtail import blocks

from core.blocks import BaseStreamBlock, ContactBlock, LocalizedLinksMixin


class OfferBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="題", help_text="案内の題です(例: ご利用期間・料金)。")
    text = blocks.TextBlock(label="説明", help_text="1〜2文で、何が分かるページかを書きます。")
    page = blocks.PageChooserBlock(
        label="詳しいページ", required=False, help_text="詳しく説明しているページを選びます。"
    )

    class Meta:
        icon = "doc-full"
        label = "案内"


class OfferListBlock(LocalizedLinksMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", help_text="例: ご利用案内")
    offers = blocks.ListBlock(OfferBlock(), label="案内", min_num=1)

    def pages_in(self, value):
        return [offer["page"] for offer in value["offers"]]

    class Meta:
        icon = "list-ul"
        label = "案内の一覧"
        template = "blocks/offers.html"
        description = "事業所が提供することの一覧(詳しいページへのリンク付き)"
        preview_value = {
            "heading": "キャリア・サポート・パートナーズでできること",
            "offers": [{"title": "ご利用期間・料金", "text": "約9割の方が0円で利用しています。", "page": None}],
        }


class NextStepBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="種類", choices=[("call", "電話"), ("visit", "見学"), ("trial", "体験利用"), ("form", "フォーム")]
    )
    title = blocks.CharBlock(label="題", help_text="訪問者がすることを短く書きます(例: 電話で相談する)。")
    text = blocks.TextBlock(label="説明", help_text="その一歩で何ができるかを1〜2文で書きます。")
    page = blocks.PageChooserBlock(label="リンク先", required=False, help_text="電話の場合は空で構いません。")

    class Meta:
        icon = "arrow-right"
        label = "次の一歩"


class NextStepsBlock(LocalizedLinksMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", help_text="例: まずはお気軽にお問い合わせください")
    steps = blocks.ListBlock(NextStepBlock(), label="次の一歩", min_num=1)

    def pages_in(self, value):
        return [step["page"] for step in value["steps"]]

    class Meta:
        icon = "arrow-right"
        label = "次の一歩(電話・見学・体験)"
        template = "blocks/next_steps.html"
        description = "電話・見学・体験利用など、訪問者の次の行動の案内"
        preview_value = {
            "heading": "まずはお気軽にお問い合わせください",
            "steps": [
                {"kind": "call", "title": "電話する", "text": "平日10時から17時まで受け付けています。", "page": None}
            ],
        }


class HomeStreamBlock(BaseStreamBlock):
    offers = OfferListBlock()
    next_steps = NextStepsBlock()
    contact = ContactBlock()


class InquiryStreamBlock(BaseStreamBlock):
    contact = ContactBlock()
