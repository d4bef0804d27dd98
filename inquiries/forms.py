"""The public inquiry form: validation only; saving and e-mail are in services.py."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import DETAILS_MAX_LENGTH, MESSAGE_MAX_LENGTH, PREFERRED_MAX_LENGTH, Purpose

# C0/C1 control characters (NUL included) other than tab and line breaks.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
PHONE_SEPARATORS = re.compile(r"[\s\-‐‑–—―−ー()]")


def no_control_characters(value):
    if CONTROL_CHARS.search(value):
        raise ValidationError(
            _("使用できない文字(制御文字)が含まれています。削除してから送信してください。"),
            code="control",
        )


class TextField(forms.CharField):
    """A CharField that strips, refuses control characters and says clearly when text is too long."""

    def __init__(self, *, label, max_length, **kwargs):
        super().__init__(label=label, max_length=max_length, **kwargs)
        self.validators.insert(0, no_control_characters)
        self.error_messages["max_length"] = _(
            "%(limit_value)d文字以内で入力してください(いまは%(show_value)d文字です)。"
        )


def normalize_phone(value):
    """Full-width digits and common separators are accepted; a Japanese or international number is kept."""
    digits = PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if re.fullmatch(r"0\d{9,10}", digits) or re.fullmatch(r"\+\d{8,15}", digits):
        return digits
    raise ValidationError(_("電話番号は、市外局番から数字で入力してください(例: 048-812-8677)。"), code="phone")


class InquiryForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("ご用件"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("ご用件を選んでください。")},
    )
    name = TextField(
        label=_("お名前"),
        max_length=100,
        error_messages={"required": _("お名前を入力してください。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = TextField(
        label=_("電話番号"),
        max_length=30,
        required=False,
        help_text=_("電話番号かメールアドレスの、どちらか一つは必ず入力してください。"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("メールアドレス"),
        max_length=254,
        required=False,
        validators=[no_control_characters],
        error_messages={"invalid": _("メールアドレスの形が正しくありません(例: name@example.jp)。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_times = TextField(
        label=_("ご希望の日時"),
        max_length=PREFERRED_MAX_LENGTH,
        required=False,
        help_text=_("見学・体験利用・お電話のご希望の日や時間帯があれば書いてください(例: 平日の午後)。"),
    )
    message = TextField(
        label=_("お問い合わせ内容"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    health_consent = forms.BooleanField(
        label=_("障害や病気、体調についての情報を書くことに同意します。"),
        required=False,
        help_text=_(
            "ご相談の準備のためだけに使い、この事業所の相談担当スタッフだけが読みます。"
            "書かなくても問い合わせはできます。"
        ),
    )
    health_details = TextField(
        label=_("障害・病気・体調について(任意)"),
        max_length=DETAILS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Honeypot: hidden from people by CSS; a bot that fills it gets a thank-you and nothing is stored.
    website = forms.CharField(
        label=_("この欄には何も入力しないでください"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return normalize_phone(value) if value else ""

    def clean(self):
        data = super().clean()
        if (
            not data.get("phone")
            and not data.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error("phone", _("電話番号かメールアドレスの、どちらか一つを入力してください。"))
        if data.get("health_details") and not data.get("health_consent"):
            self.add_error(
                "health_consent",
                _(
                    "障害や病気、体調について書く場合は、同意のチェックを入れてください。"
                    "書かない場合は、その欄を空にしてください。"
                ),
            )
        return data

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field: point each invalid input at its message.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                field_id = self[name].auto_id
                described = [f"{field_id}-error"]
                if self.fields[name].help_text:
                    described.append(f"{field_id}-help")
                attrs["aria-describedby"] = " ".join(described)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
