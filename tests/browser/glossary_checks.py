"""Browser checks of the glossary terms marked on a page (language/glossary.py, glossary.js).

WCAG 1.4.13 (content on hover or focus): the definition opens on hover, focus and tap, stays
open while the pointer moves onto it, and Esc closes it without moving the pointer or the
focus. Without JavaScript the term is a link to its entry on the glossary page. axe-core runs
with a definition open, in light and dark mode.
"""

from urllib.parse import urljoin, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .audit import AXE_OPTIONS, axe, run_axe

TERM = ".term"
LINK = ".term__link"


def _shown(page, term):
    return term.locator(".term__def").is_visible()


def hover_and_focus_problems(page, term):
    problems = []
    link = term.locator(LINK)
    link.scroll_into_view_if_needed()
    link.hover()
    page.wait_for_timeout(100)
    if not _shown(page, term):
        return ["hover: the definition does not open"]
    definition = term.locator(".term__def")
    box = definition.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(600)
    if not _shown(page, term):
        problems.append("hover: the definition closes when the pointer moves onto it")
    page.keyboard.press("Escape")
    if _shown(page, term):
        problems.append("Esc does not close the definition")
    page.mouse.move(0, 0)
    page.wait_for_timeout(600)
    if _shown(page, term):
        problems.append("the definition stays open after the pointer leaves")
    link.focus()
    if not _shown(page, term):
        problems.append("focus: the definition does not open")
    page.keyboard.press("Escape")
    if _shown(page, term):
        problems.append("Esc does not close a definition opened by focus")
    return problems


def _context(browser, route, **options):
    context = browser.new_context(**options)
    if route is not None:  # a fixture served in place of the site
        context.route("http://fixture.invalid/**", route)
    return context


def tap_problems(browser, url, index=0, route=None):
    """On a touch screen: the first tap opens the definition, a second tap follows the link."""
    context = _context(browser, route, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    problems = []
    try:
        page.goto(url)
        term = page.locator(TERM).nth(index)
        link = term.locator(LINK)
        link.scroll_into_view_if_needed()
        href = urljoin(page.url, link.get_attribute("href"))
        link.tap()
        page.wait_for_timeout(200)
        if not _shown(page, term):
            problems.append("tap: the definition does not open")
        if page.url != url:
            problems.append("tap: the first tap leaves the page")
            return problems
        box = term.locator(".term__def").bounding_box()
        if box and (box["x"] < 0 or box["x"] + box["width"] > 390):
            problems.append("tap: the definition does not fit in a 390 px window")
        link.tap()
        try:
            page.wait_for_url(href, timeout=3000)
        except PlaywrightTimeout:
            pass
        if page.url != href:
            problems.append(f"tap: a second tap does not follow the link ({page.url})")
    finally:
        context.close()
    return problems


def no_javascript_problems(browser, url, route=None):
    """Without JavaScript every term links to an entry of the glossary page, which has that anchor."""
    context = _context(browser, route, java_script_enabled=False)
    page = context.new_page()
    problems = []
    try:
        page.goto(url)
        hrefs = page.locator(LINK).evaluate_all("links => links.map(a => a.href)")
        if not hrefs:
            return ["no marked terms"]
        if page.locator(".term__def").first.is_visible():
            problems.append("without JavaScript the definition is shown inline")
        pages = {}
        for href in hrefs:
            parsed = urlparse(href)
            base = href.split("#")[0]
            if base not in pages:
                response = page.goto(base)
                ids = page.locator("[id]").evaluate_all("els => els.map(e => e.id)")
                dfns = page.locator("dt dfn").count()
                pages[base] = (response.status if response else 0, set(ids), dfns)
            status, ids, dfns = pages[base]
            if status != 200 or parsed.fragment not in ids or not dfns:
                problems.append(f"{href}: no glossary entry there")
    finally:
        context.close()
    return problems


def axe_problems(page, term):
    """axe-core violations with `term`'s definition open, in light and dark mode."""
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        term.locator(LINK).focus()
        page.evaluate(axe.axe_script)
        found += [f"{scheme}: {v['id']}" for v in run_axe(page, AXE_OPTIONS)]
    page.emulate_media(color_scheme="light")
    return found
