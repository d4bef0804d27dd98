"""GET /api/search/?q=&locale=&limit= — the JSON search endpoint for headless clients.

A plain Django view (no language prefix). Contract, documented in README.md ("Search API"):
200 → {"query", "locale", "count", "low_confidence", "results": [{"id", "type", "title", "url",
"excerpt", "score"}]}; a bad `locale` or `limit` → 400 {"error": {"code", "message"}}.
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from language.locales import LOCALES, SOURCE

from .backends import run
from .query import clean_query
from .schema import DEFAULT_LIMIT, MAX_LIMIT


def error(code, message):
    return JsonResponse({"error": {"code": code, "message": message}}, status=400)


def result_json(hit):
    entry = hit.entry
    return {
        "id": entry.key,
        "type": entry.kind,
        "title": entry.title,
        "url": entry.url,
        "excerpt": hit.excerpt,
        "score": hit.score,
    }


@csrf_exempt  # read-only and cookie-free: any other method gets 405, not CSRF's 403
@require_GET
def search_api(request):
    locale = request.GET.get("locale", SOURCE)
    if locale not in LOCALES:
        return error("invalid_locale", f"locale must be one of: {', '.join(LOCALES)}")
    raw_limit = request.GET.get("limit", str(DEFAULT_LIMIT))
    try:
        limit = int(raw_limit)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        return error("invalid_limit", f"limit must be an integer from 1 to {MAX_LIMIT}")
    text = clean_query(request.GET.get("q", ""))
    result = run(text, locale, limit) if text else None
    hits = result.hits if result else []
    body = {
        "query": text,
        "locale": locale,
        "count": len(hits),
        "low_confidence": result.low_confidence if result else True,
        "results": [result_json(hit) for hit in hits],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
