"""Audit the live site in Chromium: axe-core plus the WCAG checks axe cannot make.

`audit_site` crawls every page from the locale home pages, adds the states a crawler cannot reach
by links (search results, no results, the 404 page, the inquiry form with errors, the fee check's
answers and errors reached by keyboard, easy pages with furigana off) and visits each page once,
running every check on that one load.
"""

import re
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

LOCALES = ("ja", "ja-x-easy", "en")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
CONTRAST_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
PROBES_JS = Path(__file__).with_name("probes.js")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
# Phones on which the page's first screen is checked: the <h1> on it, the header at most 35% of it.
PHONES = ({"width": 390, "height": 844}, {"width": 360, "height": 640})
HEADER_SHARE = 0.35
# Widths at which no Latin word may be split across lines in a heading, table or button.
WORD_WIDTHS = (320, 390, 1280)
# WCAG 1.4.12's test values (the W3C text-spacing bookmarklet).
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# The furigana on/off switch on easy pages: never followed by the crawler, since it changes
# how every later page renders; audited separately, both ways.
FURIGANA_TOGGLE = "[data-furigana-toggle], a[href*='furigana'], a[href*='ruby']"
# Searches per locale: one that finds FAQ answers, one that finds nothing.
SEARCHES = {"ja": ("費用", "ゐゑゐゑ"), "ja-x-easy": ("おかね", "ゐゑゐゑ"), "en": ("fees", "zzqxv")}

axe = Axe()


@dataclass
class PageAudit:
    """What one page showed: axe's violations and the problems each other check found."""

    url: str
    locale: str
    kind: str  # page, 404, search, search-empty, form-errors, check-result(-2), check-errors, furigana-off
    status: int
    title: str = ""
    heading: str = ""
    furigana: int = 0  # <rt> readings shown on the page
    search_form: dict | None = None  # {"action", "name"} of the site search form
    post_form: bool = False  # a form that sends data (the inquiry form)
    check_form: bool = False  # a GET form of questions that answers on the page (the fee self-check)
    disclosures: list = field(default_factory=list)  # ids of <details> a link may open (FAQ answers)
    violations: list = field(default_factory=list)
    problems: dict = field(default_factory=dict)  # check name -> list of problem strings
    seconds: dict = field(default_factory=dict)  # check name -> time it took


@dataclass
class SiteAudit:
    pages: list = field(default_factory=list)
    site_problems: dict = field(default_factory=dict)  # check name -> problems of site-wide checks (menu, fragments)
    rules: list = field(default_factory=list)
    broken_links: list = field(default_factory=list)  # (path, status) of links that do not lead to a page
    seconds: float = 0.0

    def of_kind(self, kind):
        return [p for p in self.pages if p.kind == kind]


def locale_of(path):
    first = path.strip("/").split("/")[0]
    return first if first in LOCALES else ""


def audit_site(browser, base_url):
    started = time.monotonic()
    site = SiteAudit()
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + "/ja/")
    site.rules = page.evaluate(axe.axe_script + f";axe.getRules({AXE_TAGS!r}).map(r => r.ruleId)")
    for path, status in crawl(page, base_url):
        if status == 200:
            site.pages.append(audit_page(page, locale_of(path), "page", status))
        elif path.strip("/") not in LOCALES:  # a locale not translated yet has no home page
            site.broken_links.append((path, status))
    for locale in LOCALES:
        status = load(page, f"{base_url}/{locale}/no-such-page/")
        site.pages.append(audit_page(page, locale, "404", status))
    site.pages += audit_searches(page, base_url, site)
    site.pages += audit_form_errors(page, site)
    checks, site.site_problems["check form by keyboard"] = audit_check_forms(page, site)
    site.pages += checks
    site.site_problems["fragment opens its answer"] = [
        problem
        for crawled in site.of_kind("page")
        if crawled.disclosures
        for problem in fragment_problems(page, crawled)
    ]
    context.close()
    site.site_problems["menu without JavaScript"] = [
        f"/{locale}/: {problem}" for locale in LOCALES for problem in menu_problems(browser, f"{base_url}/{locale}/")
    ]
    # Furigana off is remembered by the browser: a context of its own, thrown away afterwards.
    context = new_context(browser)
    site.pages += audit_furigana_off(context.new_page(), site)
    context.close()
    site.seconds = time.monotonic() - started
    return site


def new_context(browser):
    """A visitor who asked for reduced motion. The CSP is bypassed only to inject axe and the probes."""
    return browser.new_context(viewport=DESKTOP, reduced_motion="reduce", locale="ja-JP", bypass_csp=True)


def load(page, url):
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    return response.status if response else 0


def crawl(page, base_url):
    """Load every page reachable by links from the three home pages, breadth first; yield each load."""
    host = urlsplit(base_url).netloc
    queue = deque(f"/{locale}/" for locale in LOCALES)
    seen = set(queue)
    while queue:
        path = queue.popleft()
        status = load(page, base_url + path)
        if status != 200:
            yield path, status
            continue
        hrefs = page.eval_on_selector_all(
            "a[href]", f"links => links.filter(a => !a.matches({FURIGANA_TOGGLE!r})).map(a => a.href)"
        )
        for href in hrefs:
            url = urlsplit(href)
            if url.netloc == host and locale_of(url.path) and url.path not in seen:
                seen.add(url.path)
                queue.append(url.path)
        yield path, status


def audit_page(page, locale, kind, status, dark=True):
    """Every check on the loaded page. The last checks change the page (viewport, styles).

    `dark=False` leaves out the contrast run in dark mode, for a page whose colours were already
    checked in another state (easy pages with furigana off: the same text and colours, readings hidden).
    """
    lap = stopwatch()
    page.set_viewport_size(DESKTOP)
    page.add_script_tag(path=PROBES_JS)
    page.evaluate(axe.axe_script)  # axe-core as bundled by axe-playwright-python, injected once per load
    result = PageAudit(url=page.url, locale=locale, kind=kind, status=status)
    result.title = page.title()
    result.heading = page.evaluate("a11yProbes.heading()")
    result.furigana = page.evaluate(
        "[...document.querySelectorAll('rt')].filter(rt => rt.getClientRects().length).length"
    )
    result.search_form = page.evaluate(FIND_SEARCH_FORM)
    result.post_form = page.locator(POST_FORM).count() > 0
    result.check_form = has_check_form(page)
    result.disclosures = page.evaluate("[...document.querySelectorAll('details[id]')].map(d => d.id)")
    result.violations = run_axe(page, AXE_OPTIONS)
    result.problems["dark-mode contrast"] = dark_mode_contrast(page) if dark else []
    result.seconds["axe"] = lap()
    language = locale or "ja"
    result.problems["ruby read once"] = ruby_problems(page)
    result.problems["language of parts"] = page.evaluate("l => a11yProbes.languageRuns(l)", language)
    result.problems["links to another language"] = page.evaluate("l => a11yProbes.crossLanguageLinks(l)", language)
    result.problems["reduced motion"] = page.evaluate("a11yProbes.motion()")
    result.seconds["language, motion"] = lap()
    result.problems["keyboard"] = keyboard_problems(page)
    result.seconds["keyboard"] = lap()
    result.problems["target size (desktop)"] = page.evaluate("a11yProbes.smallTargets()")
    split = {DESKTOP["width"]: page.evaluate("a11yProbes.splitWords()")}
    for phone in PHONES:
        page.set_viewport_size(phone)
        check = f"first screen {phone['width']}×{phone['height']}"
        result.problems[check] = page.evaluate("share => a11yProbes.firstScreen(share)", HEADER_SHARE)
        if phone["width"] in WORD_WIDTHS:
            split[phone["width"]] = page.evaluate("a11yProbes.splitWords()")
    result.seconds["phone, words"] = lap()
    page.set_viewport_size({"width": 640, "height": 400})  # 1280 px at 200% zoom
    result.problems["200% zoom"] = page.evaluate("a11yProbes.overflow()")
    page.set_viewport_size({"width": 320, "height": 640})
    result.problems["reflow at 320 px"] = page.evaluate("a11yProbes.overflow()")
    result.problems["target size (320 px)"] = page.evaluate("a11yProbes.smallTargets()")
    split[320] = page.evaluate("a11yProbes.splitWords()")
    result.problems["Latin words split"] = [f"at {w} px: {p}" for w in WORD_WIDTHS for p in split.get(w, [])]
    page.add_style_tag(content=TEXT_SPACING_CSS)
    result.problems["text spacing at 320 px"] = page.evaluate("a11yProbes.overflow()")
    result.seconds["layout"] = lap()
    return result


def ruby_problems(page):
    """Each word read once: no furigana reading in Chromium's accessibility tree (after its word in
    an accessible name or the text, or as a description) nor in what a copy of the page gives.

    A reading found right after its base (就労移行支援 しゅうろういこうしえん, 障害(しょうがい)) is a
    word read twice. Descriptions count too: screen readers that report them (NVDA by default) read
    the word again, so the site exposes the reading to none (static/css/site.css, section 4).
    """
    rubies = page.evaluate("a11yProbes.rubies()")
    if not rubies:
        return []
    doubled = [
        (base, reading, re.compile(re.escape(base) + r"\s*[(（]?\s*" + re.escape(reading))) for base, reading in rubies
    ]
    readings = {reading: base for base, reading in rubies}
    plain = page.evaluate("a11yProbes.plainText()")

    def twice(text):
        """{base: reading} read twice in `text`: a match that the page's own text does not hold (聞き, 質問と)."""
        return {
            base: reading
            for base, reading, pattern in doubled
            for match in pattern.finditer(text)
            if re.sub(r"\s+", "", match.group()) not in plain
        }

    cdp = page.context.new_cdp_session(page)
    try:
        nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    finally:
        cdp.detach()
    problems, text = [], []
    root = next(n for n in nodes.values() if "parentId" not in n)
    stack = [root]
    while stack:  # depth first, in document order: the text as a screen reader reads it
        node = stack.pop()
        stack.extend(nodes[c] for c in reversed(node.get("childIds", [])) if c in nodes)
        if node.get("ignored"):
            continue
        role = node.get("role", {}).get("value", "")
        name = str(node.get("name", {}).get("value", ""))
        description = str(node.get("description", {}).get("value", ""))
        if role == "StaticText":
            text.append(name)
        elif role != "InlineTextBox" and name:
            problems += [f'{role} "{name[:40]}": reading {r!r} read after {b!r}' for b, r in twice(name).items()]
        if description in readings:
            problems.append(f'{role} "{readings[description]}": its reading {description!r} exposed as a description')
    read = "".join(text)
    problems += [f"the text reads {b!r} then its reading {r!r}" for b, r in twice(read).items()]
    copied = page.evaluate("a11yProbes.copiedText()")
    problems += [f"a copy gives {b!r} with its reading {r!r}" for b, r in twice(copied).items()]
    return problems


def stopwatch():
    """A function that returns the seconds since it was last called (or created)."""
    last = time.monotonic()

    def lap():
        nonlocal last
        now, previous = time.monotonic(), last
        last = now
        return now - previous

    return lap


def dark_mode_contrast(page):
    page.emulate_media(color_scheme="dark")
    violations = run_axe(page, CONTRAST_RULES)
    page.emulate_media(color_scheme="light")
    return [f"{v['id']}: {node['target']}" for v in violations for node in v["nodes"]]


def keyboard_problems(page):
    """Tab through the page: skip link first and visible, every stop in order, focus visible, no trap."""
    stops = page.evaluate("a11yProbes.markTabStops()")
    if not stops:
        return ["nothing on the page can be reached with Tab"]
    problems = []
    # A page may start with focus on purpose (the inquiry form's error summary); Tab goes on from there.
    start = page.evaluate("a11yProbes.focused()")
    first = 0 if start is None else page.evaluate("a11yProbes.nextStop()")
    reached = []
    for _ in range(len(stops) + 2):
        page.keyboard.press("Tab")
        current = page.evaluate("a11yProbes.focused()")
        if current is None:
            continue  # focus went to the browser, outside the page; the next Tab comes back
        if reached and current["stop"] == reached[0]["stop"]:
            break  # round the whole page and back: no trap
        reached.append(current)
    else:
        problems.append(f"keyboard trap: {len(stops) + 2} Tabs never came round (stuck at {reached[-1]['name']})")
    if start is None and not reached[0]["isSkipLink"]:
        problems.append(f"the first Tab reaches {reached[0]['name']}, not a skip link")
    elif start is None and not reached[0]["onScreen"]:
        problems.append(f"the skip link {reached[0]['name']} is not visible when focused")
    for item in reached:
        if not item["indicator"]:
            problems.append(f"{item['name']}: no visible focus indicator")
        if not item["onScreen"]:
            problems.append(f"{item['name']}: focused but off-screen")
    order = [item["stop"] for item in reached]
    expected = list(range(first, len(stops))) + list(range(first))
    if order != expected:
        missed = [stops[i] for i in expected if i not in order]
        problems.append(f"Tab order {order} is not document order {expected}; never reached: {missed}")
    if start is None and reached[0]["isSkipLink"]:
        page.focus("[data-a11y-stop='0']")
        page.keyboard.press("Enter")
        target = page.evaluate("document.activeElement.id")
        if target != "main":
            problems.append(f"the skip link moves focus to #{target or 'nothing'}, not to main")
    return problems


def run_axe(page, options):
    return AxeResults(page.evaluate("options => axe.run(document, options)", options)).response["violations"]


FIND_SEARCH_FORM = """() => {
    const form = document.querySelector("form[role=search], form:has(input[type=search])");
    const input = form && form.querySelector("input[type=search], input[name]");
    return input ? {action: new URL(form.action || location.href).pathname, name: input.name} : null;
}"""
POST_FORM = "main form[method=post i]"


def audit_searches(page, base_url, site):
    """Search results and the no-results state in each locale, through the site's search form."""
    audits = []
    for locale in LOCALES:
        form = next((p.search_form for p in site.of_kind("page") if p.locale == locale and p.search_form), None)
        if form is None:
            continue
        found, nothing = SEARCHES[locale]
        for kind, query in (("search", found), ("search-empty", nothing)):
            status = load(page, base_url + form["action"] + "?" + urlencode({form["name"]: query}))
            audits.append(audit_page(page, locale, kind, status))
    return audits


def audit_form_errors(page, site):
    """Each page with a form that sends data, submitted empty (browser validation off): the errors shown."""
    audits = []
    for crawled in site.of_kind("page"):
        if not crawled.post_form:
            continue
        load(page, crawled.url)
        page.eval_on_selector(POST_FORM, "f => { f.noValidate = true; }")
        with page.expect_navigation() as navigation:
            page.click(f"{POST_FORM} [type=submit]")
        status = navigation.value.status if navigation.value else 0
        audits.append(audit_page(page, crawled.locale, "form-errors", status))
    return audits


def audit_furigana_off(page, site):
    """Every easy page again with furigana turned off by the visitor's switch (once the switch exists)."""
    easy = [p for p in site.of_kind("page") if p.locale == "ja-x-easy"]
    if not easy:
        return []
    load(page, easy[0].url)
    if page.query_selector(FURIGANA_TOGGLE) is None:
        return []
    with page.expect_navigation():
        page.click(FURIGANA_TOGGLE)
    audits = []
    for crawled in easy:
        status = load(page, crawled.url)
        audits.append(audit_page(page, crawled.locale, "furigana-off", status, dark=False))
    return audits


FRAGMENT_STATE = """id => {
    const details = document.getElementById(id);
    const answer = details && details.querySelector(":scope > :not(summary)");
    return {
        open: Boolean(details && details.open),
        visible: Boolean(answer && answer.checkVisibility({ contentVisibilityAuto: true })),
    };
}"""


def fragment_problems(page, crawled, fragment="faq-cost"):
    """A link to an answer (/faq/#faq-cost) shows that answer opened: in Chromium, which expands a
    <details> for a fragment itself, and without that help (the page's own CSS :target rule or
    script), as in browsers that do not."""
    fragment = fragment if fragment in crawled.disclosures else crawled.disclosures[0]
    where = f"{urlsplit(crawled.url).path}#{fragment}"
    page.set_viewport_size(PHONES[0])
    page.goto(crawled.url.split("#")[0] + "#" + fragment)
    problems = []
    if not page.evaluate(FRAGMENT_STATE, fragment)["visible"]:
        problems.append(f"{where}: the answer is not shown")
    # No auto-expand: the target closed again, then what the page itself does on a fragment.
    page.evaluate("id => document.getElementById(id).removeAttribute('open')", fragment)
    by_css = page.evaluate(FRAGMENT_STATE, fragment)["visible"]
    page.evaluate("() => window.dispatchEvent(new HashChangeEvent('hashchange'))")
    by_script = page.evaluate(FRAGMENT_STATE, fragment)["visible"]
    if not (by_css or by_script):
        problems.append(
            f"{where}: without the browser's auto-expand the answer stays closed (no :target rule or script)"
        )
    return problems


MAIN_NAV = """() => {
    // The navigation in the header with the most links: the site's main menu.
    const navs = [...document.querySelectorAll("header nav, [role=banner] nav")];
    const nav = navs.sort((a, b) => b.querySelectorAll("a[href]").length - a.querySelectorAll("a[href]").length)[0];
    if (!nav) return null;
    const links = [...nav.querySelectorAll("a[href]")];
    const shown = links.filter((a) => a.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }));
    const onScreen = shown.filter((a) => {
        const r = a.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
    });
    return { links: links.length, shown: shown.length, onScreen: onScreen.length };
}"""
MENU_CONTROL = "header summary, header button[aria-expanded], header a[href^='#']:not(.skip-link)"


def menu_problems(browser, url, html=None):
    """With JavaScript off: on a phone the navigation is collapsed behind one labelled control that
    opens it; on a desktop it is all there without asking. `html` serves a fixture at `url`."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONES[0], reduced_motion="reduce")
    if html is not None:
        context.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page = context.new_page()
    page.goto(url)
    problems = []
    nav = page.evaluate(MAIN_NAV)
    controls = [c for c in page.locator(MENU_CONTROL).all() if c.is_visible()]
    if nav is None or not nav["links"]:
        problems.append("no navigation in the header")
    elif nav["shown"] == nav["links"]:
        problems.append(f"on a phone all {nav['links']} menu links are shown: the menu is not collapsed")
    elif len(controls) != 1:
        problems.append(f"{len(controls)} visible menu controls in the header, expected one")
    elif not controls[0].inner_text().strip():
        problems.append("the menu control has no visible label")
    else:
        controls[0].click()
        opened = page.evaluate(MAIN_NAV)
        if opened["shown"] < opened["links"] or not opened["onScreen"]:
            problems.append(f"the menu control does not show the menu ({opened['shown']} of {opened['links']} links)")
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    desktop = page.evaluate(MAIN_NAV)
    if desktop is not None and desktop["shown"] < desktop["links"]:
        problems.append(f"on a desktop only {desktop['shown']} of {desktop['links']} menu links are shown")
    context.close()
    return problems


# --- Forms that answer a question (the fee self-check) ------------------------------------------------
# A GET form of radio questions in <main> (not the site search): answered with the keyboard alone.
CHECK_FORM = "main form[method=get i]:has(input[type=radio])"
# The answers each audit gives, as option numbers per question (None: left unanswered). The fee
# check: 生活保護 no, tax 「わからない」, residential no (the guidance); no, low, yes (※3 moves the tier).
CHECK_ANSWERS = {"check-result": (1, 3, 0), "check-result-2": (1, 1, 0), "check-errors": (None, None, None)}
CHECK_STATE = """form => {
    const f = document.querySelector(form);
    const radios = f ? [...f.querySelectorAll("input[type=radio]")] : [];
    const outside = radios.filter((r) => !r.closest("fieldset")?.querySelector(":scope > legend")?.textContent.trim());
    const answer = document.querySelector("main output, main [role=status]");
    const summary = document.querySelector("main .error-summary, main [role=alert]");
    const focus = document.activeElement;
    const links = summary ? [...summary.querySelectorAll("a[href^='#']")] : [];
    return {
        outside: outside.map((r) => r.name + "=" + r.value),
        answer: answer ? answer.textContent.trim() : null,
        answerFocused: Boolean(answer && focus && focus !== document.body && focus.contains(answer)),
        summary: Boolean(summary),
        summaryFocused: Boolean(summary && focus && summary.contains(focus)),
        brokenLinks: links.filter((a) => !document.getElementById(a.hash.slice(1))?.matches("input, select, textarea"))
            .map((a) => a.getAttribute("href")),
    };
}"""


def has_check_form(page):
    return page.locator(CHECK_FORM).count() > 0


def tab_to(page, selector, limit=300):
    """Press Tab until the focused element matches `selector`; False if it never does."""
    for _ in range(limit):
        if page.evaluate("s => Boolean(document.activeElement && document.activeElement.matches(s))", selector):
            return True
        page.keyboard.press("Tab")
    return False


def answer_by_keyboard(page, answers):
    """From the top of the page, with Tab, Space and the arrow keys only: answer each question of the
    check form with the option numbered in `answers` (None: skip it), then send the form with Enter."""
    groups = page.eval_on_selector(
        CHECK_FORM,
        "f => [...f.querySelectorAll('fieldset')].map(fs => fs.querySelectorAll('input[type=radio]').length)",
    )
    for number, (options, pick) in enumerate(zip(groups, answers, strict=False)):
        group = f"{CHECK_FORM} fieldset:nth-of-type({number + 1}) input[type=radio]"
        if not tab_to(page, group):
            return f"question {number + 1} cannot be reached with Tab"
        if pick is not None:
            page.keyboard.press("Space")  # the first option, or the one already chosen
            for _ in range(min(pick, options - 1)):
                page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    if not tab_to(page, f"{CHECK_FORM} [type=submit]"):
        return "the form's button cannot be reached with Tab"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return None


def check_form_problems(page, url, answers):
    """Answer the check form at `url` by keyboard: the answer must be announced (an <output> or a status
    region) and take the focus, or the error summary must take it, its links pointing to the questions;
    every radio button sits in a fieldset with a legend."""
    load(page, url)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    problem = answer_by_keyboard(page, answers)
    if problem:
        return [problem]
    state = page.evaluate(CHECK_STATE, CHECK_FORM)
    problems = [f"radio {name} is not in a fieldset with a legend" for name in state["outside"]]
    if all(pick is None for pick in answers):
        if not state["summary"]:
            problems.append("sent without answers: no error summary")
        elif not state["summaryFocused"]:
            problems.append("sent without answers: the error summary does not take the focus")
        problems += [
            f"the error summary links to {href}, which is not a question's input" for href in state["brokenLinks"]
        ]
        if state["answer"]:
            problems.append("sent without answers, yet an answer is shown")
    elif state["answer"] is None:
        problems.append("answered: no <output> or role=status region holds the answer")
    elif not state["answer"]:
        problems.append("answered: the answer region is empty")
    elif not state["answerFocused"]:
        problems.append("answered: the focus does not move to the answer")
    return problems


def audit_check_forms(page, site):
    """Each page with a check form, answered by keyboard in each state of CHECK_ANSWERS; each state
    audited like a page. Problems go to the site check "check form by keyboard"."""
    audits, problems = [], []
    for crawled in site.of_kind("page"):
        if not crawled.check_form:
            continue
        for kind, answers in CHECK_ANSWERS.items():
            found = check_form_problems(page, crawled.url, answers)
            problems += [f"{urlsplit(crawled.url).path} [{kind}]: {p}" for p in found]
            audits.append(audit_page(page, crawled.locale, kind, 200))
    return audits, problems
