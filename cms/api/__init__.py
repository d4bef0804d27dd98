"""The read-only headless API at /api/v3/: every live, public page in every locale as typed JSON.

Built from the parts of Wagtail 8's API v3 that fit (django-ninja, OpenAPI 3.1, the RFC 7807
problem+json error body, Wagtail's live/public page querysets) with our own routes, because v3 as
shipped does not meet our contract (README.md, "API"):

- v3 types every StreamField as `list[Any]` and gives TimeBlocks as "09:30:00": its schema says
  nothing about yen amounts, times or FAQ ids. Here the schema is generated from the blocks (content.py).
- v3 answers bad parameters with 422, and an unknown `?locale=` with 404; the contract says 400.
- v3's API object carries write endpoints (token-gated); this one has none at all.
- v3 sends no ETag/Last-Modified/Cache-Control and no links to a page's translations.

Mounted in cms/urls.py with `path("api/v3/", include("cms.api"))`; `urlpatterns` is below.
"""

import hashlib
import uuid

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, re_path
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Path, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail, problem_response
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from core.schema import LocaleCode, Strict
from language.locales import LOCALES
from search import schema as search_schema

from . import content, preview

LIMIT_DEFAULT = 20
LIMIT_MAX = 100
OFFSET_MAX = 10_000
CACHE_MAX_AGE = 60  # seconds a client or proxy may reuse a response without asking again


class HeadlessAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            item.pop("head", None)  # HEAD is implied by GET (RFC 9110); the WSGI server drops the body
        document_http(schema)
        document_search(schema)
        return schema


api = HeadlessAPI(
    title="キャリア・サポート・パートナーズ content API",
    version="1.0.0",
    description=(
        f"Read-only. Every live, public page of the site in every locale ({', '.join(LOCALES)}) as typed JSON. "
        "Responses carry ETag and Last-Modified (send If-None-Match / If-Modified-Since for a 304) and "
        "`Cache-Control: public`. Errors are RFC 7807 problem+json."
    ),
    urls_namespace="api_v3",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive docs load scripts from a CDN; the OpenAPI document is the reference
)
router = Router(tags=["pages"])


# --- Errors: always JSON, never 422, never a redirect -----------------------------------------


def problem(request, status, detail, errors=None):
    # LocaleMiddleware redirects any 404 whose path lacks a language prefix to /ja/<path> when that
    # path resolves, which it always does (Wagtail's catch-all serves /ja/…). It decides from
    # request.urlconf: pointing it at this module, which has no i18n_patterns, keeps the 404 a 404.
    request.urlconf = __name__
    return problem_response(status=status, detail=detail, errors=errors)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    return problem(request, 400, "Invalid parameters", errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return problem(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(request, 404, str(exc) or "Not found")


def check_parameter_names(request, allowed):
    # A misspelt filter (?locle=en) would otherwise silently return every page.
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        known = f"Known: {', '.join(allowed)}." if allowed else "This endpoint takes none."
        raise HttpError(400, f"Unknown query parameter(s): {', '.join(unknown)}. {known}")


# --- HTTP caching -----------------------------------------------------------------------------


def content_last_modified():
    """When public content last changed anywhere: publish, unpublish, move, delete, privacy, snippets.

    Site-wide on purpose: a page's JSON also shows its translations, linked pages and the office
    details, so only a site-wide time is never too early. The ETag is exact per response.
    """
    stamps = [
        Page.objects.aggregate(t=Max("last_published_at"))["t"],
        PageLogEntry.objects.aggregate(t=Max("timestamp"))["t"],
        ModelLogEntry.objects.aggregate(t=Max("timestamp"))["t"],
    ]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return int(max(stamps).timestamp()) if stamps else None


def cacheable_json(request, adapter, data, languages) -> HttpResponse:
    """Validate `data` against its schema, and answer with JSON or 304 Not Modified."""
    body = adapter.dump_json(adapter.validate_python(data))
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    last_modified = content_last_modified()
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
    # Else LocaleMiddleware labels every response with the visitor's language.
    response["Content-Language"] = ", ".join(languages)
    return response


# --- Pages ------------------------------------------------------------------------------------


class PageListParameters(Schema):
    locale: LocaleCode | None = Field(None, description="Only pages in this locale.")
    type: content.PageType | None = Field(None, description="Only pages of this type.")
    parent: int | None = Field(None, ge=1, le=content.ID_MAX, description="Only the children of this page id.")
    translation_key: uuid.UUID | None = Field(None, description="Only this page and its translations.")
    limit: int = Field(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


@router.api_operation(
    ["GET", "HEAD"],
    "/pages/",
    response={200: content.PageList, 304: None, 400: ProblemDetail},
    operation_id="pages_list",
    summary="List pages",
)
def list_pages(request: HttpRequest, params: Query[PageListParameters]):
    """Live, public pages in tree order. Filters combine; `count` is the total before `limit`/`offset`."""
    check_parameter_names(request, PageListParameters.model_fields)
    everything = content.public_pages()
    pages = everything
    if params.locale:
        pages = pages.filter(locale__language_code=params.locale)
    if params.type:
        pages = pages.exact_type(next(m for m in content.PAGE_MODELS if m._meta.label == params.type))
    if params.parent:
        parent_page = everything.filter(pk=params.parent).first()
        pages = pages.child_of(parent_page) if parent_page else pages.none()
    if params.translation_key:
        pages = pages.filter(translation_key=params.translation_key)
    pages = pages.order_by("path")
    limit, offset = params.limit, params.offset
    window = list(pages[offset : offset + limit])
    context = content.Context(request, everything)
    parent_ids = content.parent_ids_for(window, everything)
    data = {
        "count": pages.count(),
        "limit": limit,
        "offset": offset,
        "items": [content.page_summary(page, context, parent_ids) for page in window],
    }
    languages = [params.locale] if params.locale else LOCALES
    return cacheable_json(request, content.page_list_adapter, data, languages)


@router.api_operation(
    ["GET", "HEAD"],
    "/pages/{page_id}/",
    response={200: content.PageDetail, 304: None, 400: ProblemDetail, 404: ProblemDetail},
    operation_id="pages_detail",
    url_name="pages_detail",
    summary="Page detail",
)
def page_detail(request: HttpRequest, page_id: int = Path(..., ge=1, le=content.ID_MAX)):
    """One live, public page with its typed content; 404 for drafts, private and unknown pages."""
    check_parameter_names(request, ())
    everything = content.public_pages()
    page = everything.filter(pk=page_id).first()
    if page is None:
        raise Http404(f"No live, public page with id {page_id}")
    context = content.Context(request, everything)
    data = content.page_detail(page.specific, context)
    return cacheable_json(request, content.page_detail_adapter, data, [data["meta"]["locale"]])


class ApiIndex(Strict):
    pages: str
    openapi: str
    search: str


@router.get("/", response={200: ApiIndex, 400: ProblemDetail}, operation_id="index", summary="Where things are")
def index(request: HttpRequest):
    check_parameter_names(request, ())
    base = request.build_absolute_uri(request.path)
    return {
        "pages": base + "pages/",
        "openapi": base + "openapi.json",
        "search": request.build_absolute_uri(search_schema.SEARCH_PATH),
    }


api.add_router("/", router)
api.add_router("/", preview.router)


# --- OpenAPI additions ------------------------------------------------------------------------

CACHE_HEADERS = {
    "ETag": {"description": "Changes whenever the response body changes.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "When public content last changed.", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}, "example": f"max-age={CACHE_MAX_AGE}, public"},
}
CONDITIONAL_PARAMETERS = [
    {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}},
    {"name": "If-Modified-Since", "in": "header", "required": False, "schema": {"type": "string"}},
]


CACHED_OPERATIONS = {"pages_list", "pages_detail"}


def document_http(schema):
    """Add what ninja cannot infer: problem+json errors, cache headers, conditional requests, session auth."""
    for item in schema["paths"].values():
        operation = item["get"]
        cached = operation["operationId"] in CACHED_OPERATIONS
        if cached:
            operation.setdefault("parameters", []).extend(CONDITIONAL_PARAMETERS)
        for code, response in operation["responses"].items():
            status = int(code)
            if status >= 400:
                response["content"] = {PROBLEM_JSON: response["content"]["application/json"]}
            elif cached:
                response["headers"] = CACHE_HEADERS
                if status == 304:
                    response.pop("content", None)
    schema["components"]["securitySchemes"] = {
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A logged-in Wagtail admin session (staff only; used for preview links).",
        }
    }


def document_search(schema):
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (search_schema.SearchResponse, search_schema.SearchError):
        definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(definition.pop("$defs", {}))
        components[model.__name__] = definition
    schema["paths"][search_schema.SEARCH_PATH] = {
        "get": {
            "operationId": "search",
            "summary": "Search FAQ entries and pages",
            "description": "Implemented by the search app (search/api.py). Best match first.",
            "tags": ["search"],
            "parameters": search_schema.search_parameters(),
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}},
                },
                "400": {
                    "description": "Bad Request (unknown locale, limit out of range)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchError"}}},
                },
            },
        }
    }


@csrf_exempt  # so that any method gets this JSON 404, not CSRF's HTML 403
def unknown_path(request, rest=""):
    hint = "" if request.path.endswith("/") else f" (did you mean {request.path}/ ?)"
    return problem(request, 404, f"No API endpoint at {request.path}{hint}")


urlpatterns = [
    path("", api.urls),
    # Anything else under /api/v3/ is a JSON 404 (not the website's HTML 404, nor a redirect).
    re_path(r"^(?P<rest>.*)$", unknown_path),
]
