"""The search page, /<lang>/search/?q=…, in every locale."""

from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale

from services.models import FAQPage

from .backends import run
from .models import SearchEntry
from .query import clean_query
from .visibility import public_page_ids

PAGE_LIMIT = 20
# FAQ entries offered when nothing matches (block ids are the same in every locale).
SUGGESTED_FAQ = ["faq-cost", "faq-how-to-start", "faq-without-certificate", "faq-can-i-consult"]


def search_view(request):
    text = clean_query(request.GET.get("q", ""))
    language = get_language()
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    result = run(text, locale.language_code, PAGE_LIMIT) if text else None
    hits = result.hits if result else []
    context = {"query": text, "searched": bool(text), "hits": hits, "count": len(hits)}
    if text and (not hits or result.low_confidence):
        context["no_match"] = True
        context["faq_page"] = FAQPage.objects.live().public().filter(locale=locale).first()
        suggested = list(SearchEntry.objects.filter(locale=locale, kind=SearchEntry.KIND_FAQ, key__in=SUGGESTED_FAQ))
        public = public_page_ids(e.page_id for e in suggested)  # index rows, checked like every answer
        context["suggestions"] = sorted(
            (e for e in suggested if e.page_id in public), key=lambda e: SUGGESTED_FAQ.index(e.key)
        )
    return render(request, "search/search.html", context)
