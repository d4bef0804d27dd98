"""Create the seeded site: locales, the Japanese page tree and the office details.

Idempotent: a page that already exists (same parent and slug) is left exactly as it is,
so re-running never duplicates pages and never overwrites what staff have edited.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.models import Office
from editorial.roles import ensure_roles
from home.models import HomePage, InquiryPage, PolicyPage
from home.site_address import apply_site_address, configured_address
from language.locales import LOCALES
from language.models import FuriganaOverride, Term
from services.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    DaySchedulePage,
    EmploymentFlowPage,
    FAQPage,
    FeesPage,
    GlossaryPage,
    ServicePage,
    StartFlowPage,
)

from . import content, glossary, translations

SECTION_PAGES = [
    (ServicePage, content.SERVICE),
    (FeesPage, content.FEES),
    (StartFlowPage, content.START_FLOW),
    (DaySchedulePage, content.DAY_SCHEDULE),
    (EmploymentFlowPage, content.EMPLOYMENT_FLOW),
    (CaseStudyIndexPage, content.CASE_INDEX),
]


def raw_stream(blocks):
    """StreamField raw JSON (keeps our fixed block ids; times become ISO strings)."""
    return json.dumps(blocks, cls=DjangoJSONEncoder, ensure_ascii=False)


class Seeder:
    def __init__(self, update_translations=False):
        self.update_translations = update_translations
        self.created = []
        self.translation_report = None

    def run(self):
        with transaction.atomic():
            self.ensure_locales()
            home = self.ensure_home()
            self.ensure_office()
            self.ensure_furigana_overrides()
            pages = self.ensure_pages(home)
            self.ensure_glossary(home, pages)
            if home in self.created:
                home.body = raw_stream(content.home_body(pages))
                self.publish(home)
        # Outside the transaction: wagtail-localize publishes translations in on_commit hooks
        # with the page as it was when the revision was made, which would reset the tree's
        # child counts (numchild) if they all ran at the end of one big transaction.
        self.translation_report = translations.translate_all(update=self.update_translations)
        # Translators' rights are granted on the translated home pages, which exist only now.
        ensure_roles()
        return self.created

    def ensure_locales(self):
        for code in LOCALES:
            Locale.objects.get_or_create(language_code=code)

    def ensure_home(self):
        locale = Locale.get_default()
        home = HomePage.objects.filter(locale=locale, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's migrations leave a placeholder "Welcome" page (slug "home"): remove it.
            for placeholder in root.get_children().exact_type(Page):
                if placeholder.is_leaf():
                    placeholder.delete()
            home = HomePage(
                title=content.HOME["title"],
                slug="home",
                lead=content.HOME["lead"],
                search_keywords=content.PAGE_KEYWORDS["home"],
                search_description=content.PAGE_DESCRIPTIONS["home"],
                locale=locale,
                body="[]",
            )
            root.add_child(instance=home)
            self.publish(home)
            self.created.append(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            hostname, port = configured_address()  # SITE_URL
            Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=content.HOME["title"]
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = content.HOME["title"]
            site.save()
        apply_site_address()
        return home

    def ensure_office(self):
        if not Office.objects.filter(locale=Locale.get_default()).exists():
            office = Office.objects.create(locale=Locale.get_default(), **content.OFFICE)
            office.save_revision().publish()  # history starts with the published details

    def ensure_furigana_overrides(self):
        for word, reading, note in content.FURIGANA_OVERRIDES:
            FuriganaOverride.objects.get_or_create(word=word, defaults={"reading": reading, "note": note})

    def ensure_child(self, parent, model, spec, in_menu=True, **fields):
        existing = parent.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            return existing.specific
        fields.setdefault("search_keywords", content.PAGE_KEYWORDS.get(spec["slug"], ""))
        fields.setdefault("search_description", content.PAGE_DESCRIPTIONS.get(spec["slug"], ""))
        page = model(title=spec["title"], slug=spec["slug"], locale=parent.locale, show_in_menus=in_menu, **fields)
        parent.add_child(instance=page)
        self.publish(page)
        self.created.append(page)
        return page

    def ensure_pages(self, home):
        pages = {}
        for model, spec in SECTION_PAGES:
            pages[spec["slug"]] = self.ensure_child(
                home, model, spec, intro=spec["intro"], body=raw_stream(spec["body"])
            )
        for case in content.CASE_INDEX["children"]:
            self.ensure_child(
                pages["case-studies"],
                CaseStudyPage,
                case,
                in_menu=False,
                person=case["person"],
                age_group=case["age_group"],
                gender=case["gender"],
                diagnosis=case["diagnosis"],
                timeline=raw_stream(case["timeline"]),
            )
        pages["faq"] = self.ensure_child(
            home, FAQPage, content.FAQ, intro=content.FAQ["intro"], body=raw_stream(self.faq_body(pages))
        )
        pages["contact"] = self.ensure_child(
            home, InquiryPage, content.INQUIRY, intro=content.INQUIRY["intro"], body=raw_stream(content.INQUIRY["body"])
        )
        for spec in (content.ACCESSIBILITY, content.PRIVACY):
            pages[spec["slug"]] = self.ensure_child(
                home, PolicyPage, spec, in_menu=False, intro=spec["intro"], body=raw_stream(spec["body"])
            )
        return pages

    def ensure_glossary(self, home, pages):
        """The glossary page (in the footer) and its terms; a term that exists (same slug) is left alone."""
        spec = glossary.GLOSSARY
        self.ensure_child(
            home, GlossaryPage, spec, in_menu=False, intro=spec["intro"], search_keywords=spec["search_keywords"]
        )
        locale = home.locale
        for slug, term, reading, definition, page_slug in glossary.TERMS:
            if Term.objects.filter(locale=locale, slug=slug).exists():
                continue
            item = Term(
                locale=locale, slug=slug, term=term, reading=reading, definition=definition, page=pages[page_slug]
            )
            item.save()
            item.save_revision().publish()

    def faq_body(self, pages):
        body = []
        for entry in content.FAQ_ENTRIES:
            slug, link_text = entry.get("link", (None, ""))
            value = {
                "question": entry["question"],
                "answer": entry["answer"],
                "link_page": pages[slug].pk if slug else None,
                "link_text": link_text,
                "keywords": entry["keywords"],
            }
            body.append(content.block(entry["id"], "faq", value))
        return body

    def publish(self, page):
        page.save_revision().publish()
