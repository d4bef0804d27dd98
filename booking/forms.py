"""The booking form: the inquiry form's name, contact and consent fields, unchanged (same rules,
same messages), without the fields a booking does not need."""

from django.utils.translation import gettext_lazy as _

from inquiries.forms import InquiryForm

NOT_FOR_BOOKING = ("purpose", "preferred_times", "message")


class BookingForm(InquiryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NOT_FOR_BOOKING:
            del self.fields[name]
        email = self.fields["email"]
        email.help_text = _("メールアドレスを入れると、予約の確認と、取り消しのためのリンクがメールで届きます。")
        email.widget.attrs["aria-describedby"] = f"{self['email'].auto_id}-help"
