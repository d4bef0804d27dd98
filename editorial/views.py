from django.shortcuts import render
from wagtail.models import Locale

from . import status
from .permissions import editorial_staff_required


@editorial_staff_required
def translation_status(request):
    """Every Japanese page and translated locale with its translation status, filterable by locale and status."""
    locales = list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))
    chosen_locale = request.GET.get("locale", "")
    chosen_status = request.GET.get("status", "")
    shown = [locale for locale in locales if locale.language_code == chosen_locale] or locales
    rows = status.translation_statuses(locales=shown)
    if chosen_status in status.LABELS:
        rows = [row for row in rows if row.status == chosen_status]
    return render(
        request,
        "editorial/translation_status.html",
        {
            "rows": rows,
            "locales": locales,
            "statuses": list(status.LABELS.items()),
            "chosen_locale": chosen_locale,
            "chosen_status": chosen_status,
        },
    )
