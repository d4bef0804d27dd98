"""The fee self-check: three questions, and which tier of the page's fee table answers them.

The tiers, amounts and notes are the CMS's (services.blocks.FeeTableBlock); each tier says which
household it is for (`applies_to`) and whether 20-or-older residents of a facility or group home
are left out of it (`excludes_residential`, note ※3 of the seeded table: they go to the "other"
tier). Nothing here knows an amount.

Answers come as GET parameters, so the check works without JavaScript and a result has a URL:
    welfare = yes | no          生活保護を受けているか
    tax = exempt | low | high | unknown   世帯の市町村民税 (each worded as its tier's household)
    residential = yes | no      入所施設やグループホームを使う20歳以上か (asked only where it matters)
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

WELFARE, EXEMPT, LOW, OTHER = "welfare", "tax_exempt", "tax_low", "other"
# The households a tier can be for (the editor's choice on each tier, in the editor's language).
APPLIES_TO_CHOICES = [
    (WELFARE, "生活保護を受けている世帯"),
    (EXEMPT, "市町村民税が非課税の世帯"),
    (LOW, "市町村民税が課税で、所得割が16万円未満の世帯"),
    (OTHER, "上記以外の世帯"),
]
TAX_TO_HOUSEHOLD = {"exempt": EXEMPT, "low": LOW, "high": OTHER}  # the form's tax answers
# The tax answers after which the residential question changes the answer.
RESIDENTIAL_MATTERS = ("low", "unknown")
# `check` is a hidden field of the form: sent with no answer ticked, the form is still a submission.
PARAMETERS = ("check", "welfare", "tax", "residential")


TAX_REQUIRED = _("世帯の市町村民税に当てはまるものを選んでください。わからないときは「わからない」を選べます。")


class FeeCheckForm(forms.Form):
    welfare = forms.ChoiceField(
        label=_("生活保護を受けていますか?"),
        choices=[("yes", _("はい")), ("no", _("いいえ"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("生活保護を受けているかどうかを選んでください。")},
    )
    tax = forms.ChoiceField(
        label=_("世帯の市町村民税は、どれに当たりますか?"),
        help_text=_("前の年の世帯の収入で決まります。生活保護を受けている方は答えなくてかまいません。"),
        choices=[("unknown", _("わからない"))],  # the households come from the table (__init__)
        widget=forms.RadioSelect,
        required=False,
    )
    residential = forms.ChoiceField(
        label=_("20歳以上で、入所施設やグループホームを使っていますか?"),
        help_text=_("市町村民税が課税の世帯の方だけに関係します。"),
        choices=[("yes", _("はい")), ("no", _("いいえ"))],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, data=None, *, table, **kwargs):
        super().__init__(data, **kwargs)
        # Each tax answer is worded as its tier's household in the table (「市町村民税非課税世帯」…),
        # so the conditions, like the amounts, are the CMS's.
        households = [(tax, tier_for(table, key)["household"]) for tax, key in TAX_TO_HOUSEHOLD.items()]
        self.fields["tax"].choices = [*households, *self.fields["tax"].choices]

    def clean(self):
        data = super().clean()
        if data.get("welfare") == "no":
            if not data.get("tax") and "tax" not in self.errors:
                self.add_error(
                    "tax",
                    _("世帯の市町村民税に当てはまるものを選んでください。わからないときは「わからない」を選べます。"),
                )
            elif data.get("tax") in RESIDENTIAL_MATTERS and not data.get("residential"):
                self.add_error("residential", _("入所施設やグループホームを使っているかどうかを選んでください。"))
        return data

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the question: point each radio at its message.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"fee-check-{name}-error"


@dataclass
class Answer:
    tier: dict | None = None  # the tier that applies (a FeeTierBlock value)
    notes: list = field(default_factory=list)  # FeeNoteBlock values that apply, in the table's order
    moved_by_residential: bool = False  # the residential rule moved the answer to the "other" tier
    unsure: bool = False  # 「わからない」: guidance instead of one tier
    choices: list = field(default_factory=list)  # when unsure: the tiers it could be, cheapest first
    guide_notes: list = field(default_factory=list)  # when unsure: the rule of thumb (the exempt tier's notes)


@dataclass
class Check:
    form: "FeeCheckForm | None"
    table: dict | None = None  # the page's FeeTableBlock value
    submitted: bool = False
    answer: Answer | None = None
    errors: list = field(default_factory=list)  # (anchor, question, message) for the error summary
    available: bool = True  # the table has a tier for every household


def tier_for(table, household):
    return next((tier for tier in table["tiers"] if tier["applies_to"] == household), None)


def missing_households(table):
    """Households no tier of `table` applies to (labels for the editor); all of them without a table."""
    return [label for key, label in APPLIES_TO_CHOICES if table is None or tier_for(table, key) is None]


def notes_for(table, tiers):
    """The table's notes that belong to `tiers` (by marker), and the unmarked notes for everyone."""
    refs = {ref for tier in tiers for ref in tier["note_refs"]}
    return [note for note in table["notes"] if not note["marker"] or note["marker"] in refs]


def household_tier(table, tax, residential):
    """(tier, moved by the residential rule) for a household that does not receive 生活保護."""
    tier = tier_for(table, TAX_TO_HOUSEHOLD[tax])
    if residential == "yes" and tier["excludes_residential"]:
        return tier_for(table, OTHER), True
    return tier, False


def answer(table, welfare, tax=None, residential=None):
    """The Answer for valid answers (see FeeCheckForm) from `table`, a FeeTableBlock value."""
    if welfare == "yes":
        tier = tier_for(table, WELFARE)
        return Answer(tier=tier, notes=notes_for(table, [tier]))
    if tax == "unknown":
        exempt = tier_for(table, EXEMPT)
        taxed = [household_tier(table, other, residential)[0] for other in ("low", "high")]
        choices = []
        for tier in [exempt, *taxed]:
            if tier not in choices:
                choices.append(tier)
        choices.sort(key=lambda tier: tier["monthly_cap_yen"])
        guide = [note for note in notes_for(table, [exempt]) if note["marker"]]
        general = [note for note in table["notes"] if not note["marker"]]
        return Answer(unsure=True, choices=choices, guide_notes=guide, notes=general)
    tier, moved = household_tier(table, tax, residential)
    notes = notes_for(table, [tier])
    if moved:
        # The note that explains the move (※3) belongs to the tier moved from, and names this one.
        origin = tier_for(table, TAX_TO_HOUSEHOLD[tax])
        own = [note for note in notes_for(table, [origin]) if note["marker"] and note not in notes]
        explaining = [note for note in own if tier["label"] in note["text"]] or own
        notes = [note for note in table["notes"] if note in notes or note in explaining]
    return Answer(tier=tier, notes=notes, moved_by_residential=moved)


def check(params, table):
    """The state of the check for the request's GET parameters: not asked, errors, or the answer."""
    submitted = any(name in params for name in PARAMETERS)
    if table is None or missing_households(table):
        return Check(form=None, table=table, submitted=submitted, available=False)
    form = FeeCheckForm(params if submitted else None, table=table, auto_id="fee-check-%s")
    result = Check(form=form, table=table, submitted=submitted)
    if not submitted:
        return result
    if not form.is_valid():
        result.errors = [(f"fee-check-{f.name}_0", f.label, message) for f in form for message in f.errors]
        return result
    data = form.cleaned_data
    result.answer = answer(table, data["welfare"], data.get("tax"), data.get("residential"))
    return result
