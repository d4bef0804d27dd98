"""The glossary: published terms per locale, and marking the first use of each on a page.

Marking works on the rendered HTML of <main>, so no template has to remember it. The first use
of each term is wrapped in a link to its entry on the glossary page, followed by its definition
as a tooltip that the link's `aria-describedby` names (language/static/language/glossary.js
opens it on hover, focus and tap; without JavaScript the link leads to the glossary entry):

    <span class="term"><a class="term__link" href="/ja/glossary/#term-jukyushasho"
      aria-describedby="term-def-1">受給者証</a><span class="term__def" id="term-def-1"
      role="tooltip" hidden>…</span></span>

Text inside links, headings, buttons (and <summary>), labels, form fields, <dfn> and code is
never marked. Ruby (furigana), <wbr> phrase breaks and <rt> readings are read through, so the
result is the same whether furigana was added before marking or after.
"""

import functools
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape, format_html
from wagtail.models import Locale

from .locales import SOURCE, base_language
from .models import Term
from .sudachi import to_hiragana

CACHE_KEY = "glossary:{}"
CACHE_SECONDS = 60  # other processes see a published term within a minute; this one at once
ANCHOR = "term-{}"


@dataclass(frozen=True)
class Entry:
    slug: str
    term: str
    reading: str
    definition: str
    forms: tuple
    term_ja: str  # the Japanese term (shown with lang="ja" in English)
    page_url: str  # the page that explains it, in the same language when translated
    page_title: str

    @property
    def anchor(self):
        return ANCHOR.format(self.slug)


@dataclass(frozen=True)
class Glossary:
    language_code: str
    url: str  # the glossary page in this language ("" when there is none)
    entries: tuple  # in the glossary's order

    def entry_url(self, entry):
        return f"{self.url}#{entry.anchor}" if self.url else ""


def glossary_page_model():
    return apps.get_model(settings.GLOSSARY_PAGE_MODEL)


def sort_key(entry, language_code):
    """あいうえお order by reading for Japanese (voiced kana after their plain ones); A–Z for English."""
    if base_language(language_code) != "ja":
        return (entry.term.casefold(), entry.term)
    reading = to_hiragana(entry.reading).replace("ー", "")
    plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
    return (unicodedata.normalize("NFC", plain), reading)


def glossary(language_code):
    """The published glossary of a locale (cached; cleared on every term save and delete)."""
    return cache.get_or_set(CACHE_KEY.format(language_code), lambda: _load(language_code), CACHE_SECONDS)


def clear_cache():
    cache.delete_many([CACHE_KEY.format(code) for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES])


def _load(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return Glossary(language_code, "", ())
    page = glossary_page_model().objects.live().public().filter(locale=locale).first()
    terms = list(Term.objects.filter(locale=locale, live=True).select_related("page"))
    source_terms = dict(
        Term.objects.filter(
            locale__language_code=SOURCE, translation_key__in=[t.translation_key for t in terms]
        ).values_list("translation_key", "term")
    )
    entries = []
    for term in terms:
        page_url = page_title = ""
        if term.page is not None and term.page.live:
            linked = term.page.localized  # the page in this language when it has a live translation
            page_url, page_title = linked.url, linked.title
        entries.append(
            Entry(
                slug=term.slug,
                term=term.term,
                reading=term.reading,
                definition=term.definition,
                forms=tuple(term.forms()),
                term_ja=source_terms.get(term.translation_key, term.term),
                page_url=page_url or "",
                page_title=page_title,
            )
        )
    entries.sort(key=lambda e: sort_key(e, language_code))
    return Glossary(language_code, page.url if page else "", tuple(entries))


# --- marking ---------------------------------------------------------------------------------------

# Elements whose text is never marked: interactive or labelling ones, headings, and text that
# cannot hold markup.
SKIP = {
    "a", "button", "summary", "label", "select", "option", "textarea", "title", "h1", "h2", "h3", "h4",
    "h5", "h6", "dfn", "code", "pre", "script", "style", "template", "svg", "abbr",
}  # fmt: skip
# Read through: their text is part of the surrounding text (ruby bases; <rt>/<rp> are readings).
RUBY = {"ruby", "rb"}
READING = {"rt", "rp"}
VOID = {"wbr", "br", "img", "input", "meta", "link", "hr", "source", "area", "col", "embed", "track"}
TRANSPARENT = RUBY | READING | {"wbr"}
TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
ENTITY = re.compile(r"&[#\w]+;")
TERM_CLASS = re.compile(r"""class=["'][^"']*\bterm\b""")


@functools.lru_cache(maxsize=16)
def _pattern(forms, latin):
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if latin:  # English: whole words, any case, plurals too
        return re.compile(rf"(?<![\w-])(?P<form>{alternatives})(?:e?s)?(?![\w-])", re.I)
    return re.compile(f"(?P<form>{alternatives})")


def definition_html(entry, language_code):
    """The tooltip's content: in English, the Japanese term (lang="ja") before the gloss."""
    if base_language(language_code) != "ja" and entry.term_ja:
        return format_html('<span class="term__ja" lang="ja">{}</span> {}', entry.term_ja, entry.definition)
    return escape(entry.definition)


class Marker:
    def __init__(self, glossary, id_prefix="term-def-"):
        self.glossary = glossary
        self.id_prefix = id_prefix
        self.by_form = {}
        for entry in glossary.entries:
            for form in entry.forms:
                self.by_form.setdefault(form.casefold(), entry)
        latin = base_language(glossary.language_code) != "ja"
        self.pattern = _pattern(tuple(self.by_form), latin) if self.by_form else None
        self.used = set()
        self.count = 0

    def mark(self, html):
        if self.pattern is None:
            return html
        out, run, skipping = [], [], []
        for part in TOKEN.split(html):
            if not part:
                continue
            tag = TAG.match(part) if part.startswith("<") else None
            name = tag.group(2).lower() if tag else ""
            if part.startswith("<") and (name in TRANSPARENT or not tag):
                if not tag:  # a comment
                    out.append(self._marked(run) + part)
                    run = []
                else:
                    run.append(part)
                continue
            if part.startswith("<"):
                out.append(self._marked(run))
                run = []
                closing = bool(tag.group(1))
                if closing:
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                elif name not in VOID and not part.endswith("/>"):
                    if skipping or name in SKIP or (name == "span" and TERM_CLASS.search(part)):
                        skipping.append(name)
                out.append(part)
            elif skipping:
                out.append(part)
            else:
                run.append(part)
        out.append(self._marked(run))
        return "".join(out)

    def _marked(self, run):
        """A run of text (with ruby and <wbr> inside) with its first uses of terms marked."""
        if not run:
            return ""
        # units: (html, base character or None, ruby number or None); rt/rp content has no base.
        units, ruby_no, in_reading, rubies = [], None, 0, 0
        for part in run:
            if part.startswith("<"):
                tag = TAG.match(part)
                name, closing = tag.group(2).lower(), bool(tag.group(1))
                if name in RUBY and name == "ruby":
                    if closing:
                        units.append((part, None, ruby_no))
                        ruby_no = None
                        continue
                    rubies += 1
                    ruby_no = rubies
                elif name in READING:
                    in_reading += -1 if closing else 1
                units.append((part, None, ruby_no))
                continue
            for piece in re.split(f"({ENTITY.pattern})", part):
                if not piece:
                    continue
                if in_reading:
                    units.append((piece, None, ruby_no))
                elif ENTITY.fullmatch(piece):
                    units.append((piece, html_lib.unescape(piece)[:1] or "\ufffc", ruby_no))
                else:
                    units.extend((char, char, ruby_no) for char in piece)
        base_units = [i for i, u in enumerate(units) if u[1] is not None]
        base = "".join(units[i][1] for i in base_units)
        inserts = {}  # unit index -> html to put before it
        for match in self.pattern.finditer(base):
            entry = self.by_form.get(match.group("form").casefold())
            if entry is None or entry.slug in self.used:
                continue
            span = self._span(units, base_units, match.start(), match.end())
            if span is None:
                continue  # a ruby crosses the term's edge: leave it plain
            start, end = span
            self.used.add(entry.slug)
            self.count += 1
            def_id = f"{self.id_prefix}{self.count}"
            opening = format_html(
                '<span class="term"><a class="term__link" href="{}" aria-describedby="{}">',
                self.glossary.entry_url(entry),
                def_id,
            )
            closing = format_html(
                '</a><span class="term__def" id="{}" role="tooltip" hidden>{}</span></span>',
                def_id,
                definition_html(entry, self.glossary.language_code),
            )
            inserts[start] = inserts.get(start, "") + opening
            inserts[end] = closing + inserts.get(end, "")
        if not inserts:
            return "".join(u[0] for u in units)
        return "".join(inserts.get(i, "") + u[0] for i, u in enumerate(units)) + inserts.get(len(units), "")

    @staticmethod
    def _span(units, base_units, start, end):
        """Unit indices to open before and close before, or None when a ruby is cut in two."""
        first, last = base_units[start], base_units[end - 1]
        open_at, close_at = first, last + 1
        ruby = units[first][2]
        if ruby is not None:
            open_at = next(i for i, u in enumerate(units) if u[2] == ruby)  # its <ruby> tag
            if any(units[i][2] == ruby for i in base_units[:start]):
                return None
        ruby = units[last][2]
        if ruby is not None:
            close_at = max(i for i, u in enumerate(units) if u[2] == ruby) + 1  # after its </ruby>
            if any(units[i][2] == ruby for i in base_units[end:]):
                return None
        return open_at, close_at


MAIN = re.compile(r"(<main\b[^>]*>)(.*?)(</main>)", re.S)


def mark_page(html, glossary):
    """The page with the first use of each term in its <main> marked; a <main> with
    `data-no-terms` (the glossary page itself, search results) is left as it is."""
    if not glossary.entries or not glossary.url:
        return html
    match = MAIN.search(html)
    if match is None or "data-no-terms" in match.group(1):
        return html
    marker = Marker(glossary)
    marked = marker.mark(match.group(2))
    if not marker.count:
        return html
    return html[: match.start(2)] + marked + html[match.end(2) :]
