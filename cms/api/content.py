"""Typed JSON for pages and their StreamField blocks, and the pydantic models that describe it.

The models are generated from the page models and the block definitions themselves, so the OpenAPI
document cannot drift from the content model: a new page field or block type appears in both, and a
block type this module does not know (an image chooser, say) stops the API from loading instead of
being published as an untyped blob.
"""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, Union

from django.db import models
from django.urls import reverse
from pydantic import BaseModel, Discriminator, Field, Tag, TypeAdapter, create_model
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, get_page_models

from core.schema import HHMM, LocaleCode, Strict

# Every page type that can be created (the bare wagtailcore.Page is only the tree's root).
PAGE_MODELS = [model for model in get_page_models() if model is not Page]
PAGE_TYPES = tuple(model._meta.label for model in PAGE_MODELS)
PageType = Literal[PAGE_TYPES]  # ty: ignore[invalid-type-form]

ID_MAX = 2**31 - 1  # larger ids cannot exist, and SQLite overflows on them


class PageRef(Strict):
    """Another page: a parent, a translation, or the target of a page link in the content."""

    id: int
    type: PageType
    title: str
    locale: LocaleCode
    html_url: str | None = Field(description="The page on the website (null if it has no URL).")
    detail_url: str = Field(description="The page in this API.")


class Context:
    """Per-request lookups shared by every value in a response (locales, visible pages, blocks'
    content from elsewhere)."""

    def __init__(self, request, public_pages):
        self.request = request
        self.public_pages = public_pages
        self._locales = None
        self._visible = None
        self._by_translation = None
        self._shown = {}

    def locale_code(self, locale_id):
        if self._locales is None:
            self._locales = dict(Locale.objects.values_list("pk", "language_code"))
        return self._locales[locale_id]

    def _load_visible(self):
        if self._visible is None:
            rows = self.public_pages.values_list("pk", "translation_key", "locale_id")
            self._visible = {pk: (key, locale_id) for pk, key, locale_id in rows}
            self._by_translation = {value: pk for pk, value in self._visible.items()}

    def is_visible(self, page):
        self._load_visible()
        return page.pk in self._visible

    def localized(self, page, locale_id):
        """`page` in `locale_id` if it has a live, public translation there, else `page` itself.

        Page choosers are synchronised by wagtail-localize (an English page keeps linking to the
        Japanese page it was translated from), so links follow Wagtail's `Page.localized` rule.
        """
        self._load_visible()
        pk = self._by_translation.get((page.translation_key, locale_id))
        if pk is None or pk == page.pk:
            return page
        return self.public_pages.get(pk=pk)

    def detail_url(self, page_id):
        return self.request.build_absolute_uri(reverse("api_v3:pages_detail", kwargs={"page_id": page_id}))

    def page_ref(self, page):
        return {
            "id": page.pk,
            "type": page.specific_class._meta.label,
            "title": page.title,
            "locale": self.locale_code(page.locale_id),
            "html_url": page.get_full_url(self.request),
            "detail_url": self.detail_url(page.pk),
        }

    def shown(self, block, locale_id):
        """What a block showing content from elsewhere gives in `locale_id` (its api_value), once."""
        key = (type(block), locale_id)
        if key not in self._shown:
            self._shown[key] = block.api_value(Locale.objects.get(pk=locale_id))
        return self._shown[key]


# --- Blocks ------------------------------------------------------------------------------------
# One function gives a block's pydantic type, one its JSON value; they follow the same branches.

_struct_models: dict[tuple, type[BaseModel]] = {}
_item_models: dict[tuple, type[BaseModel]] = {}


def _unique_name(name):
    # Component names in the OpenAPI document must be unique.
    names = {model.__name__ for model in [*_struct_models.values(), *_item_models.values()]}
    candidate, n = name, 2
    while candidate in names:
        candidate, n = f"{name}{n}", n + 1
    return candidate


def _choices(block):
    return tuple(value for value, _label in block.field.choices if value != "")


def block_type(block: blocks.Block) -> Any:
    """The pydantic type of `block`'s value in the API."""
    if hasattr(block, "api_schema"):  # a block showing content from elsewhere (core.blocks.ContactBlock)
        return block.api_schema
    if isinstance(block, blocks.StreamBlock):
        return list[stream_item_type(block)]
    if isinstance(block, blocks.ListBlock):
        return list[block_type(block.child_block)]
    if isinstance(block, blocks.StructBlock):
        return struct_model(block)
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, blocks.IntegerBlock):
        value_type = int
    elif isinstance(block, blocks.TimeBlock):
        value_type = HHMM
    elif isinstance(block, blocks.ChoiceBlock):
        value_type = Literal[_choices(block)]
    elif isinstance(block, blocks.PageChooserBlock):
        # Null when the chosen page is not live and public; else in the page's locale when translated.
        return PageRef | None
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.EmailBlock, blocks.URLBlock)):
        # Plain text; an empty optional text is "". Newlines separate paragraphs.
        return str
    else:
        raise TypeError(f"The API has no JSON type for {type(block).__name__} ({block.name!r}); add one in {__name__}")
    return value_type if block.required else value_type | None


def struct_model(block: blocks.StructBlock) -> type[BaseModel]:
    key = (type(block), tuple(block.child_blocks))
    if key not in _struct_models:
        fields = {name: (block_type(child), ...) for name, child in block.child_blocks.items()}
        name = _unique_name(type(block).__name__)
        _struct_models[key] = create_model(name, __base__=Strict, **fields)
    return _struct_models[key]


def stream_item_type(block: blocks.StreamBlock) -> Any:
    """A stream child: {"id", "type", "value"}, one schema per block type, told apart by `type`."""
    members = []
    for name, child in block.child_blocks.items():
        key = (name, type(child), child.required if isinstance(child, blocks.FieldBlock) else True)
        if key not in _item_models:
            model_name = _unique_name("".join(part.title() for part in name.split("_")) + "Item")
            _item_models[key] = create_model(
                model_name,
                __base__=Strict,
                id=(str, Field(description="The block's permanent id (the same in every locale).")),
                type=(Literal[name], ...),
                value=(block_type(child), ...),
            )
        members.append(_item_models[key])
    if len(members) == 1:
        return members[0]
    return Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007


def block_value(block: blocks.Block, value: Any, context: Context, locale_id: int) -> Any:
    """`value` of `block` as JSON-ready data matching block_type(block)."""
    if hasattr(block, "api_value"):
        return context.shown(block, locale_id)
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "id": child.id,
                "type": child.block_type,
                "value": block_value(child.block, child.value, context, locale_id),
            }
            for child in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item, context, locale_id) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_value(child, value.get(name), context, locale_id) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.TimeBlock):
        return value.strftime("%H:%M") if value else None
    if isinstance(block, blocks.ChoiceBlock):
        return value or None
    if isinstance(block, blocks.PageChooserBlock):
        if value is None or not context.is_visible(value):
            return None
        return context.page_ref(context.localized(value, locale_id))
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.EmailBlock, blocks.URLBlock)):
        return value or ""
    return value


# --- Pages -------------------------------------------------------------------------------------


class PageMeta(Strict):
    type: PageType
    locale: LocaleCode
    slug: str
    translation_key: uuid.UUID = Field(description="The same for a page and all its translations.")
    html_url: str | None
    detail_url: str
    parent_id: int | None = Field(description="Null for the home page of each locale.")
    seo_title: str
    search_description: str
    first_published_at: datetime | None
    last_published_at: datetime | None


class PageSummary(Strict):
    id: int
    title: str
    meta: PageMeta


class PageList(Strict):
    count: int = Field(description="Pages matching the filters, on every page of results.")
    limit: int
    offset: int
    items: list[PageSummary]


class PageDetailMeta(PageMeta):
    parent: PageRef | None
    translations: list[PageRef] = Field(description="The same page in the other locales (live and public ones).")


def content_fields(model):
    """The model's own content fields (those a page type adds to Wagtail's Page)."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.model is not Page and not (field.remote_field and field.remote_field.parent_link)
    ]


def field_type(model, field) -> Any:
    if isinstance(field, StreamField):
        return block_type(field.stream_block)
    if isinstance(field, (models.CharField, models.TextField)):
        return str | None if field.null else str
    raise TypeError(f"The API has no JSON type for {model.__name__}.{field.name}; add one in {__name__}")


def detail_model(model) -> type[BaseModel]:
    name = model.__name__
    meta = create_model(f"{name}Meta", __base__=PageDetailMeta, type=(Literal[model._meta.label], ...))
    fields = {field.name: (field_type(model, field), ...) for field in content_fields(model)}
    return create_model(f"{name}Detail", __base__=Strict, id=(int, ...), title=(str, ...), meta=(meta, ...), **fields)


DETAIL_MODELS = {model._meta.label: detail_model(model) for model in PAGE_MODELS}


def _page_type_of(value):
    return value["meta"]["type"] if isinstance(value, dict) else value.meta.type


PageDetail = Annotated[
    Union[tuple(Annotated[schema, Tag(label)] for label, schema in DETAIL_MODELS.items())],  # noqa: UP007
    Discriminator(_page_type_of),
    Field(description="One schema per page type, told apart by `meta.type`."),
]
page_detail_adapter = TypeAdapter(PageDetail)
page_list_adapter = TypeAdapter(PageList)


def public_pages():
    """Live pages without view restrictions (and not under one) and of a known page type.

    Deliberately ignores the request's session and user: responses are cacheable by anyone, so a
    staff login or an unlocked password page must not change them.
    """
    return Page.objects.live().public().type(*PAGE_MODELS).select_related("content_type")


def page_meta(page, context: Context, parent_ids: dict[str, int]) -> dict:
    return {
        "type": page.specific_class._meta.label,
        "locale": context.locale_code(page.locale_id),
        "slug": page.slug,
        "translation_key": page.translation_key,
        "html_url": page.get_full_url(context.request),
        "detail_url": context.detail_url(page.pk),
        "parent_id": parent_ids.get(page.path[: -Page.steplen]),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def parent_ids_for(pages, public_pages) -> dict[str, int]:
    """Tree path -> id of the visible parents of `pages`, in one query."""
    paths = {page.path[: -Page.steplen] for page in pages}
    return dict(public_pages.filter(path__in=paths).values_list("path", "pk"))


def page_summary(page, context: Context, parent_ids: dict[str, int]) -> dict:
    return {"id": page.pk, "title": page.title, "meta": page_meta(page, context, parent_ids)}


def page_detail(page, context: Context) -> dict:
    """The full, typed content of one live page (`page` is the specific instance)."""
    parent_ids = parent_ids_for([page], context.public_pages)
    parent_id = parent_ids.get(page.path[: -Page.steplen])
    translations = context.public_pages.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    data = page_summary(page, context, parent_ids)
    data["meta"]["parent"] = context.page_ref(context.public_pages.get(pk=parent_id)) if parent_id else None
    data["meta"]["translations"] = [context.page_ref(t) for t in translations.order_by("locale__language_code")]
    for field in content_fields(type(page)):
        value = getattr(page, field.name)
        if isinstance(field, StreamField):
            value = block_value(field.stream_block, value, context, page.locale_id)
        data[field.name] = value
    return data
