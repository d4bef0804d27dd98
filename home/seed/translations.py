"""Easy-Japanese and English versions of the seeded content, through wagtail-localize.

The translated text lives in PO files in the repo (translations/<locale>/<name>.po), keyed
by segment context (`body.faq-cost.answer`) and source text. Seeding creates each
translation with wagtail-localize, exports its PO (which carries the right
X-WagtailLocalize-TranslationID), fills it from the repo file, imports it and publishes the
target only when every segment is translated: Japanese source text never goes live under
an English or easy URL.
"""

from dataclasses import dataclass, field
from pathlib import Path

import polib
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from core.models import Office
from language.models import Term

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# Segments whose translation is the source itself (URLs stay the same in every language).
IDENTICAL_CONTEXTS = {"slug"}


@dataclass
class Report:
    published: list = field(default_factory=list)
    incomplete: dict = field(default_factory=dict)  # name -> missing segment contexts
    warnings: dict = field(default_factory=dict)


def po_name(instance):
    """The repo PO file's name for a page or a snippet: its URL path, 'office', or 'terms' (all the
    glossary's terms in one file: their texts differ, so context and source text tell them apart)."""
    if isinstance(instance, Office):
        return "office"
    if isinstance(instance, Term):
        return "terms"
    parts = [p.slug for p in instance.get_ancestors(inclusive=True).filter(depth__gt=2)]
    return "__".join(parts) or "home"


def po_path(locale_code, name):
    return TRANSLATIONS_DIR / locale_code / f"{name}.po"


def source_objects():
    """Everything in the source locale that gets translated: the page tree, the office details and the terms."""
    default = Locale.get_default()
    pages = [p.specific for p in Page.objects.filter(locale=default, depth__gt=1).order_by("path")]
    terms = Term.objects.filter(locale=default).order_by("pk")
    return pages + list(Office.objects.filter(locale=default)) + list(terms)


def repo_entries(locale_code, name):
    path = po_path(locale_code, name)
    if not path.exists():
        return {}
    return {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path)) if e.msgstr and not e.obsolete}


def fill(po, entries):
    """Fill a PO exported from the database with the repo's translations; return missing contexts."""
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = entries.get((entry.msgctxt, entry.msgid))
        if not text and entry.msgctxt in IDENTICAL_CONTEXTS:
            text = entry.msgid
        if text:
            entry.msgstr = text
        elif not entry.msgstr:
            missing.append(entry.msgctxt)
    return missing


def translate_all(update=False):
    """Create missing translations (or, with update=True, re-import every PO) and publish complete ones."""
    report = Report()
    targets = list(Locale.objects.exclude(pk=Locale.get_default().pk))
    creator = TranslationCreator(user=None, target_locales=targets)
    pending = []  # (instance, locale ids to fill)
    for instance in source_objects():
        todo = {loc.pk for loc in targets if update or not instance.has_translation(loc)}
        if todo:
            creator.create_translations(instance, include_related_objects=False)
            pending.append((instance, todo))
    # Every translated page exists (as a draft) before any is filled, so page links inside
    # content (home → fees, FAQ → fees) resolve to the page in the same language.
    for instance, todo in pending:
        source = TranslationSource.objects.get_for_instance(instance)
        name = po_name(instance)
        for translation in Translation.objects.filter(source=source, target_locale_id__in=todo):
            key = f"{translation.target_locale.language_code}/{name}" + (f"#{instance.slug}" if name == "terms" else "")
            po = translation.export_po()
            missing = fill(po, repo_entries(translation.target_locale.language_code, name))
            warnings = translation.import_po(po)
            if warnings:
                report.warnings[key] = [str(w) for w in warnings]
            if missing:
                report.incomplete[key] = missing
                continue
            translation.save_target(publish=True)
            report.published.append(key)
    return report


def export_templates():
    """Write (or refresh) the repo PO files from the database, keeping existing translations."""
    written = {}  # path -> PO being written (the terms share one file)
    targets = list(Locale.objects.exclude(pk=Locale.get_default().pk))
    for instance in source_objects():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        for locale in targets:
            translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
            name = po_name(instance)
            po = translation.export_po()
            entries = repo_entries(locale.language_code, name)
            for entry in po:
                entry.msgstr = entries.get((entry.msgctxt, entry.msgid), entry.msgstr)
            po.metadata.pop("X-WagtailLocalize-TranslationID", None)
            po.metadata.pop("POT-Creation-Date", None)
            po.metadata["Language"] = locale.language_code
            path = po_path(locale.language_code, name)
            if path in written:
                written[path].extend(po)
                po = written[path]
            written[path] = po
    for path, po in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    return list(written)
