"""StreamField blocks that carry the office's facts as typed values, and the page bodies made of them.

Blocks carry meaning, not layout: yen amounts are integers, times are TimeBlocks, steps
are lists. Text is plain (TextBlock), marked up by the filters of language.text. No
TableBlock: wagtail-localize would copy it untranslated.
"""

import datetime

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import BaseStreamBlock, LocalizedLinksMixin
from core.help_texts import FAQ_KEYWORDS_HELP

from . import fee_check


class EligibilityBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", help_text="例: 利用対象者")
    lead = blocks.TextBlock(label="導入文", help_text="条件の一覧の前に置く一文です。")
    conditions = blocks.ListBlock(
        blocks.CharBlock(label="条件"),
        label="利用条件",
        help_text="利用できる方の条件を1つずつ入力します。",
        min_num=1,
    )
    notes = blocks.ListBlock(
        blocks.TextBlock(label="補足"),
        label="補足",
        help_text="手帳や受給者証についての補足など。",
        required=False,
    )

    class Meta:
        icon = "list-ul"
        label = "利用対象者"
        template = "blocks/eligibility.html"
        description = "利用できる方の条件の一覧と補足"
        preview_value = {
            "heading": "利用対象者",
            "lead": "就労移行支援を利用できる方は、以下のような方です。",
            "conditions": ["65歳未満の方", "一般企業などへ就職したいと考えている方"],
            "notes": [],
        }


class PeriodBlock(blocks.StructBlock):
    months = blocks.IntegerBlock(
        label="利用期間(か月)", min_value=1, help_text="原則の利用期間を月数で入力します(例: 24)。"
    )
    text = blocks.TextBlock(label="説明", help_text="利用期間についての説明文です。")

    class Meta:
        icon = "date"
        label = "利用期間"
        template = "blocks/period.html"
        description = "原則の利用期間(月数)と説明"
        preview_value = {"months": 24, "text": "就労移行支援は原則24か月内でご利用することが可能です。"}


class FeeTierBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="区分", help_text="例: 生活保護、低所得、一般1")
    household = blocks.CharBlock(label="世帯の収入状況", help_text="例: 市町村民税非課税世帯")
    exclusion = blocks.TextBlock(label="除外条件", required=False, help_text="この区分に当てはまらない方(あれば)。")
    monthly_cap_yen = blocks.IntegerBlock(
        label="負担上限月額(円)",
        min_value=0,
        help_text="円単位の整数で入力します(例: 9300)。0円の場合は 0 です。",
    )
    note_refs = blocks.ListBlock(
        blocks.CharBlock(label="注の記号"),
        label="関係する注",
        required=False,
        help_text="この区分に付く注の記号(例: ※1)。下の「注」と同じ記号にしてください。",
    )
    # What the fee self-check (FeeCheckBlock) answers with this tier: the table's text stays free,
    # the check needs to know which household each row is for.
    applies_to = blocks.ChoiceBlock(
        label="料金の確認で当てはまる世帯",
        choices=fee_check.APPLIES_TO_CHOICES,
        required=False,
        help_text="「料金の確認」で、この区分を答えにする世帯です。各世帯に1つの区分を選んでください。",
    )
    excludes_residential = blocks.BooleanBlock(
        label="入所施設・グループホームを使う20歳以上の方は対象外",
        required=False,
        help_text="チェックすると、その方には「上記以外」の区分を答えにします。",
    )

    class Meta:
        icon = "tag"
        label = "料金区分"


class FeeNoteBlock(blocks.StructBlock):
    marker = blocks.CharBlock(label="記号", required=False, help_text="例: ※1。区分に関係しない注は空にします。")
    text = blocks.TextBlock(label="注の本文")

    class Meta:
        icon = "help"
        label = "注"


class FeeTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表の題", help_text="表の内容を表す題です(読み上げにも使われます)。")
    household_heading = blocks.CharBlock(label="列見出し(世帯)", help_text="例: 世帯の収入状況")
    amount_heading = blocks.CharBlock(label="列見出し(金額)", help_text="例: 負担上限月額")
    tiers = blocks.ListBlock(FeeTierBlock(), label="料金区分", min_num=1)
    notes = blocks.ListBlock(FeeNoteBlock(), label="注", required=False)

    def clean(self, value):
        value = super().clean(value)
        markers = {note["marker"] for note in value["notes"] if note["marker"]}
        missing = sorted({ref for tier in value["tiers"] for ref in tier["note_refs"]} - markers)
        if missing:
            raise StructBlockValidationError(
                block_errors={
                    "tiers": ValidationError(
                        "次の注の記号に対応する注がありません: %(m)s", params={"m": "、".join(missing)}
                    )
                }
            )
        used = [tier["applies_to"] for tier in value["tiers"] if tier["applies_to"]]
        twice = sorted({label for key, label in fee_check.APPLIES_TO_CHOICES if used.count(key) > 1})
        if twice:
            raise StructBlockValidationError(
                block_errors={
                    "tiers": ValidationError(
                        "「料金の確認で当てはまる世帯」が2つの区分で同じです: %(m)s", params={"m": "、".join(twice)}
                    )
                }
            )
        return value

    class Meta:
        icon = "table"
        label = "料金表"
        template = "blocks/fee_table.html"
        description = "負担上限月額の表(区分・世帯の状況・金額・注)"
        preview_value = {
            "caption": "自己負担の上限月額",
            "household_heading": "世帯の収入状況",
            "amount_heading": "負担上限月額",
            "tiers": [
                {
                    "label": "生活保護",
                    "household": "生活保護受給世帯",
                    "exclusion": "",
                    "monthly_cap_yen": 0,
                    "note_refs": [],
                },
                {"label": "一般2", "household": "上記以外", "exclusion": "", "monthly_cap_yen": 37200, "note_refs": []},
            ],
            "notes": [],
        }


class FreeShareBlock(blocks.StructBlock):
    percent = blocks.IntegerBlock(label="0円で利用している方の割合(%)", min_value=0, max_value=100, help_text="例: 90")
    text = blocks.TextBlock(label="説明", help_text="割合を説明する一文です。")

    class Meta:
        icon = "pick"
        label = "自己負担0円の割合"
        template = "blocks/free_share.html"
        description = "自己負担0円で利用している方の割合"
        preview_value = {"percent": 90, "text": "現状、およそ9割の方が無料、自己負担額0円で利用されています。"}


class FeeCheckBlock(blocks.StructBlock):
    """The fee self-check: a GET form of at most three questions and its answer, from this page's fee table.

    The amounts, tiers and notes come from the page's fee-table block (each tier's "applies to"),
    and the share of visitors who pay 0円 from its free-share block; this block holds only the
    words around them. The answer is worked out in services.fee_check.
    """

    heading = blocks.CharBlock(label="見出し", help_text="例: あなたの負担上限月額を確かめる")
    intro = blocks.TextBlock(label="説明", required=False, help_text="質問の前に置く一文です。")
    other_costs = blocks.TextBlock(
        label="ほかにかかる費用",
        required=False,
        help_text="交通費や昼食代など、利用料のほかにかかる費用です。事業所として案内できることだけを書きます。"
        "空にすると表示しません。",
    )
    city_office = blocks.TextBlock(
        label="役所への確認",
        help_text="最終的にはお住まいの役所に確かめることと、その窓口の例です(例: 春日部市なら障がい者支援課)。",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        page, request = parent_context.get("page"), parent_context.get("request")
        body = getattr(page, "body", None) or []
        table = next((b.value for b in body if b.block_type == "fee_table"), None)
        share = next((b.value for b in body if b.block_type == "free_share"), None)
        context["check"] = fee_check.check(request.GET if request else {}, table)
        context["free_share"] = share
        return context

    class Meta:
        icon = "form"
        label = "料金の確認(セルフチェック)"
        template = "blocks/fee_check.html"
        description = "3つまでの質問で、この料金表から負担上限月額を答えるフォーム"
        preview_value = {
            "heading": "あなたの負担上限月額を確かめる",
            "intro": "3つまでの質問に答えると、料金表のどの区分に当たるかが分かります。",
            "other_costs": "",
            "city_office": "最終的に決めるのは、お住まいの役所です。例えば春日部市であれば、障がい者支援課が担当です。",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="手順の名前", help_text="例: 体験利用")
    text = blocks.TextBlock(label="説明", help_text="この手順で何をするかを書きます。空行で段落を分けます。")
    duration = blocks.IntegerBlock(label="期間・目安(数)", required=False, min_value=0, help_text="例: 体験利用なら 3")
    duration_unit = blocks.ChoiceBlock(
        label="期間の単位",
        required=False,
        choices=[("days", "日間"), ("weeks", "週間"), ("months", "か月")],
    )
    approximate = blocks.BooleanBlock(
        label="目安(おおよそ)", required=False, help_text="「おおよそ2週間」のように目安の場合はチェックします。"
    )
    free_of_charge = blocks.BooleanBlock(label="費用はかからない", required=False)

    def clean(self, value):
        value = super().clean(value)
        if (value["duration"] is None) != (not value["duration_unit"]):
            raise StructBlockValidationError(
                block_errors={
                    "duration_unit": ValidationError("期間の数と単位は、両方入力するか両方空にしてください。")
                }
            )
        return value

    class Meta:
        icon = "arrow-right"
        label = "手順"


class StepListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", required=False, help_text="ページの題と同じなら空にします。")
    steps = blocks.ListBlock(StepBlock(), label="手順", min_num=1)

    class Meta:
        icon = "list-ol"
        label = "手順の一覧"
        template = "blocks/steps.html"
        description = "順番のある手順(番号付きリスト)"
        preview_value = {
            "heading": "",
            "steps": [
                {
                    "title": "お問い合わせ",
                    "text": "まずは、お気軽にご連絡ください。",
                    "duration": None,
                    "duration_unit": "",
                    "approximate": False,
                    "free_of_charge": False,
                },
                {
                    "title": "体験利用",
                    "text": "3日間の体験利用を行うことができます。",
                    "duration": 3,
                    "duration_unit": "days",
                    "approximate": False,
                    "free_of_charge": True,
                },
            ],
        }


class ScheduleSlotBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label="開始時刻", format="%H:%M")
    end = blocks.TimeBlock(label="終了時刻", required=False, format="%H:%M", help_text="なければ空にします。")
    title = blocks.CharBlock(label="内容", help_text="例: 朝礼、1限目")
    examples = blocks.ListBlock(
        blocks.CharBlock(label="例"),
        label="活動の例",
        required=False,
        help_text="この時間に行う活動の例を1つずつ入力します。",
    )

    def clean(self, value):
        value = super().clean(value)
        if value["end"] is not None and value["end"] <= value["start"]:
            raise StructBlockValidationError(
                block_errors={"end": ValidationError("終了時刻は開始時刻より後にしてください。")}
            )
        return value

    class Meta:
        icon = "time"
        label = "時間割"


class ScheduleBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表の題", help_text="例: 1日の流れ(例)")
    time_heading = blocks.CharBlock(label="列見出し(時刻)", help_text="例: 時刻")
    activity_heading = blocks.CharBlock(label="列見出し(内容)", help_text="例: 内容")
    slots = blocks.ListBlock(ScheduleSlotBlock(), label="時間割", min_num=1)

    def clean(self, value):
        value = super().clean(value)
        starts = [slot["start"] for slot in value["slots"]]
        if starts != sorted(starts):
            raise StructBlockValidationError(
                block_errors={"slots": ValidationError("時間割は開始時刻の順に並べてください。")}
            )
        return value

    class Meta:
        icon = "time"
        label = "1日の時間割"
        template = "blocks/schedule.html"
        description = "開始・終了時刻のある時間割の表"
        preview_value = {
            "caption": "1日の流れ(例)",
            "time_heading": "時刻",
            "activity_heading": "内容",
            "slots": [
                {"start": datetime.time(9, 30), "end": None, "title": "開所", "examples": []},
                {
                    "start": datetime.time(10, 10),
                    "end": datetime.time(11, 0),
                    "title": "1限目",
                    "examples": ["共通プログラム講義", "ウォーキング"],
                },
            ],
        }


class StageBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="段階の名前", help_text="例: 日々のトレーニング")
    text = blocks.TextBlock(label="説明", help_text="空行で段落を分けます。")

    class Meta:
        icon = "arrow-right"
        label = "段階"


class StageListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", required=False, help_text="ページの題と同じなら空にします。")
    stages = blocks.ListBlock(StageBlock(), label="段階", min_num=1)

    class Meta:
        icon = "list-ol"
        label = "段階の一覧"
        template = "blocks/stages.html"
        description = "就職までの段階(番号付きリスト)"
        preview_value = {
            "heading": "",
            "stages": [{"title": "利用開始・プランニング", "text": "利用契約を交わします。"}],
        }


MILESTONE_KINDS = [
    ("consultation", "ご相談"),
    ("admission", "入所"),
    ("progress", "経過"),
    ("offer", "内定"),
]


class MilestoneBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label="種類", choices=MILESTONE_KINDS)
    month = blocks.IntegerBlock(
        label="入所からの月数",
        required=False,
        min_value=0,
        help_text="入所から何か月目か(例: 3)。ご相談・入所のときは空にします。",
    )
    text = blocks.TextBlock(label="内容", help_text="この時期にしたこと・起きたことです。")

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] in ("progress", "offer") and value["month"] is None:
            raise StructBlockValidationError(
                block_errors={"month": ValidationError("経過と内定には月数を入力してください。")}
            )
        return value

    class Meta:
        icon = "date"
        label = "経過"
        template = "blocks/milestone.html"
        description = "ケーススタディの経過(月数と内容)"
        preview_value = {"kind": "progress", "month": 1, "text": "応募書類を作成していきます。"}


class FAQItemBlock(LocalizedLinksMixin, blocks.StructBlock):
    question = blocks.CharBlock(label="質問", help_text="訪問者が実際に尋ねる言葉で書きます。")
    answer = blocks.TextBlock(label="回答", help_text="空行で段落を分けます。")
    link_page = blocks.PageChooserBlock(
        label="関連ページ", required=False, help_text="回答の後に案内するページ(あれば)。"
    )
    link_text = blocks.CharBlock(label="関連ページのリンク文", required=False)
    keywords = blocks.TextBlock(
        label="検索キーワード",
        required=False,
        rows=2,
        help_text=FAQ_KEYWORDS_HELP,
    )

    def pages_in(self, value):
        return [value["link_page"]]

    def clean(self, value):
        value = super().clean(value)
        if value["link_text"] and not value["link_page"]:
            raise StructBlockValidationError(
                block_errors={"link_page": ValidationError("リンク文を入れた場合はページを選んでください。")}
            )
        return value

    class Meta:
        icon = "help"
        label = "よくある質問"
        template = "blocks/faq_item.html"
        description = "質問と回答(回答には固定のアンカーが付きます)"
        preview_value = {
            "question": "週何日から利用できますか?",
            "answer": "週3日からとしています。",
            "link_page": None,
            "link_text": "",
        }


# --- Page bodies ---------------------------------------------------------------------------------


class ServiceStreamBlock(BaseStreamBlock):
    eligibility = EligibilityBlock()


class FeesStreamBlock(BaseStreamBlock):
    period = PeriodBlock()
    fee_table = FeeTableBlock()
    free_share = FreeShareBlock()
    fee_check = FeeCheckBlock()

    def clean(self, value):
        value = super().clean(value)
        if any(child.block_type == "fee_check" for child in value):
            table = next((child.value for child in value if child.block_type == "fee_table"), None)
            missing = fee_check.missing_households(table)
            if missing:
                raise blocks.StreamBlockValidationError(
                    non_block_errors=ValidationError(
                        "「料金の確認」には、料金表の区分のうち次の世帯に当てはまるものが必要です"
                        "(区分の「料金の確認で当てはまる世帯」で選びます): %(m)s",
                        params={"m": "、".join(missing)},
                    )
                )
        return value


class StartFlowStreamBlock(BaseStreamBlock):
    steps = StepListBlock()


class DayScheduleStreamBlock(BaseStreamBlock):
    schedule = ScheduleBlock()


class EmploymentFlowStreamBlock(BaseStreamBlock):
    stages = StageListBlock()


class TimelineStreamBlock(blocks.StreamBlock):
    milestone = MilestoneBlock()


class FAQStreamBlock(blocks.StreamBlock):
    faq = FAQItemBlock()
