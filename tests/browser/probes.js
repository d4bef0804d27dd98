// Checks that axe-core does not make, run inside each audited page.
// Each function returns a list of problems as short strings naming the element; [] means none.
window.a11yProbes = (() => {
    const FOCUSABLE = [
        "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
        "summary", "iframe", "[tabindex]", "[contenteditable=true]",
    ].join(",");
    const JAPANESE = /[\u3005\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]+/;
    // Same rule as home/text.py: an English word has a lowercase letter (PC, MOS are loanwords).
    const ENGLISH = /[A-Za-z][A-Za-z\-']*/g;

    const describe = (el) => {
        const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
        const href = el.getAttribute("href");
        return `<${el.tagName.toLowerCase()}${href ? ` href="${href}"` : ""}> "${text.slice(0, 40)}"`;
    };
    // Drawn on the page: also not inside a closed <details> (content-visibility keeps its boxes).
    const rendered = (el) => {
        const style = getComputedStyle(el);
        return el.getClientRects().length > 0 && style.visibility !== "hidden" && style.display !== "none"
            && el.checkVisibility({ contentVisibilityAuto: true });
    };
    const baseLang = (lang) => (lang.toLowerCase().startsWith("ja") ? "ja" : lang.toLowerCase().split("-")[0]);
    const langOf = (el) => (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
    const scrollsX = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    // The visually-hidden pattern (screen-reader text, the form's honeypot): a 1 px box that clips.
    const visuallyHidden = (el) => {
        for (let p = el; p && p !== document.body; p = p.parentElement) {
            const rect = p.getBoundingClientRect();
            const style = getComputedStyle(p);
            if (rect.width <= 1 && rect.height <= 1 && ["hidden", "clip"].includes(style.overflowX)) return true;
        }
        return false;
    };
    const insideScroller = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (scrollsX(p)) return true;
        }
        return false;
    };

    // Every element keyboard users should reach, in document order; one stop per radio group.
    function tabStops() {
        // A radio group is one stop: its checked radio, else its first (as browsers Tab).
        const groups = new Set();
        return [...document.querySelectorAll(FOCUSABLE)].filter((el) => {
            if (el.tabIndex < 0 || el.disabled || !rendered(el)) return false;
            if (el.type === "radio") {
                const group = el.form ? [...el.form.elements].filter((r) => r.type === "radio" && r.name === el.name) : [el];
                const stop = group.find((r) => r.checked) || group[0];
                if (el !== stop || groups.has(el.name)) return false;
                groups.add(el.name);
            }
            return true;
        });
    }

    function markTabStops() {
        const stops = tabStops();
        stops.forEach((el, i) => el.setAttribute("data-a11y-stop", i));
        return stops.map(describe);
    }

    // The focused element: its tab-stop number, and whether the focus can be seen.
    function focused() {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return null;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== "none";
        const rect = el.getBoundingClientRect();
        const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
            && rect.top < innerHeight && rect.left < innerWidth;
        const stop = el.getAttribute("data-a11y-stop");
        return {
            stop: stop === null ? -1 : Number(stop),
            name: describe(el),
            isSkipLink: stop === "0" && isSkipLink(el),
            indicator: outline || shadow,
            onScreen,
            id: el.id,
        };
    }

    // A link to the main content, the first thing on the page.
    function isSkipLink(el) {
        const href = el.getAttribute("href") || "";
        const target = href.startsWith("#") && href.length > 1 && document.getElementById(href.slice(1));
        return Boolean(target && (target.matches("main, [role=main]") || target.querySelector("h1")));
    }

    // The first tab stop after the focused element (or the first of all), in document order.
    function nextStop() {
        const active = document.activeElement;
        const stops = [...document.querySelectorAll("[data-a11y-stop]")];
        const next = stops.find((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        return next ? Number(next.getAttribute("data-a11y-stop")) : 0;
    }

    // WCAG 2.5.8: links and controls at least 24 x 24 CSS px; links inside a sentence are exempt.
    function smallTargets() {
        const problems = [];
        for (const el of tabStops()) {
            if (el.matches("[data-a11y-skip-size]")) continue;
            const rect = el.getBoundingClientRect();
            if (rect.width >= 24 - 0.01 && rect.height >= 24 - 0.01) continue;
            if (isInline(el)) continue;
            problems.push(`${describe(el)} is ${rect.width.toFixed(1)}×${rect.height.toFixed(1)} px`);
        }
        return problems;
    }
    function isInline(el) {
        if (getComputedStyle(el).display !== "inline") return false;
        let block = el.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        const own = (el.textContent || "").trim().length;
        return block && block.textContent.trim().length > own;
    }

    // WCAG 1.4.10 and 1.4.12: no horizontal scrolling, nothing pushed off-screen or clipped.
    function overflow() {
        const problems = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1) {
            problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px wide in ${width}px`);
        }
        for (const el of document.body.querySelectorAll("*")) {
            if (!rendered(el) || el.matches(".skip-link") || insideScroller(el) || visuallyHidden(el)) continue;
            const rect = el.getBoundingClientRect();
            if (rect.width > 0 && (rect.right > width + 1 || rect.left < -1)) {
                problems.push(`${describe(el)} sticks out (${rect.left.toFixed(0)}–${rect.right.toFixed(0)}px)`);
                continue;
            }
            const style = getComputedStyle(el);
            const clips = (o) => o === "hidden" || o === "clip";
            if ((clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
                || (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
                problems.push(`${describe(el)} clips its content`);
            }
        }
        return problems;
    }

    // WCAG 3.1.1 and 3.1.2: the page language, and every run in the other language marked.
    function languageRuns(expected) {
        const problems = [];
        const htmlLang = document.documentElement.getAttribute("lang");
        if (htmlLang !== expected) problems.push(`<html lang="${htmlLang}">, expected "${expected}"`);
        const check = (text, el, where) => {
            const lang = baseLang(langOf(el));
            let run = null;
            if (lang === "en") {
                const m = text.match(JAPANESE);
                run = m && m[0];
            } else if (lang === "ja") {
                run = (text.match(ENGLISH) || []).find((w) => /[a-z]/.test(w));
            }
            if (run) problems.push(`"${run}" in ${where} of ${describe(el)} is not marked lang (inside lang="${langOf(el)}")`);
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || el.closest("script, style, noscript, template") || !node.textContent.trim()) continue;
            check(node.textContent, el, "text");
        }
        for (const el of document.body.querySelectorAll("[aria-label], [alt], [title]")) {
            for (const attr of ["aria-label", "alt", "title"]) {
                if (el.hasAttribute(attr)) check(el.getAttribute(attr), el, attr);
            }
        }
        if (baseLang(htmlLang) === "en" && JAPANESE.test(document.title)) {
            problems.push(`"${document.title.match(JAPANESE)[0]}" in the <title> is not in the page's language`);
        }

        return problems;
    }

    // A link to a page in another language says so (hreflang), as the language switcher does;
    // any other link stays in the visitor's language.
    function crossLanguageLinks(expected) {
        const problems = [];
        for (const a of document.body.querySelectorAll("a[href^='/']")) {
            const target = a.getAttribute("href").split("/")[1] || "";
            if (["ja", "ja-x-easy", "en"].includes(target) && target !== expected && !a.hasAttribute("hreflang")) {
                problems.push(`${describe(a)} on a ${expected} page leads to a ${target} page without hreflang`);
            }
        }
        return problems;
    }

    // prefers-reduced-motion: reduce: no animation, transition or smooth scrolling anywhere.
    function motion() {
        const problems = [];
        if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") {
            problems.push("smooth scrolling despite prefers-reduced-motion");
        }
        for (const el of document.querySelectorAll("*")) {
            const style = getComputedStyle(el);
            const moving = (style.animationName !== "none" && parseFloat(style.animationDuration) > 0)
                || style.transitionDuration.split(",").some((d) => parseFloat(d) > 0);
            if (moving) problems.push(`${describe(el)} moves (animation or transition)`);
        }
        return problems;
    }

    // The h1 as read, without furigana readings.
    function heading() {
        const h1 = document.querySelector("h1");
        if (!h1) return "";
        const copy = h1.cloneNode(true);
        copy.querySelectorAll("rt, rp").forEach((n) => n.remove());
        return copy.textContent.trim().replace(/\s+/g, " ");
    }

    // Every ruby as [base, reading]: the reading from <rt> text or from the data-ruby that CSS draws.
    function rubies() {
        const seen = new Map();
        for (const ruby of document.querySelectorAll("ruby")) {
            const copy = ruby.cloneNode(true);
            const rts = [...copy.querySelectorAll("rt")];
            const reading = rts.map((rt) => rt.dataset.ruby || rt.textContent).join("").trim();
            copy.querySelectorAll("rt, rp").forEach((n) => n.remove());
            const base = copy.textContent.trim();
            if (base && reading) seen.set(`${base}\u0000${reading}`, [base, reading]);
        }
        return [...seen.values()];
    }

    // The page's text without readings, as it should be read (a base followed by the same kana, as
    // in 聞き or 質問と, is text there, not a reading read twice).
    function plainText() {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll("rt, rp, script, style, template").forEach((n) => n.remove());
        return copy.textContent.replace(/\s+/g, "");
    }

    // What a visitor gets who selects the whole page and copies it.
    function copiedText() {
        const selection = getSelection();
        selection.selectAllChildren(document.body);
        const text = selection.toString();
        selection.removeAllRanges();
        return text;
    }

    // The first screen of a phone, scrolled to the top: the whole <h1> (with its furigana) is on it,
    // and what comes before <main> (header, menu, breadcrumbs) takes at most `share` of its height.
    function firstScreen(share) {
        window.scrollTo(0, 0);
        const h1 = document.querySelector("h1");
        const main = document.querySelector("main, [role=main]");
        if (!h1 || !main) return [`no ${h1 ? "<main>" : "<h1>"} on the page`];
        const problems = [];
        const height = window.innerHeight;
        const boxes = [h1, ...h1.querySelectorAll("rt")].flatMap((el) => [...el.getClientRects()]);
        const top = Math.min(...boxes.map((r) => r.top));
        const bottom = Math.max(...boxes.map((r) => r.bottom));
        if (top < -0.5 || bottom > height + 0.5) {
            problems.push(`the <h1> "${heading().slice(0, 30)}" spans ${top.toFixed(0)}–${bottom.toFixed(0)} px, not inside the first ${height} px`);
        }
        const before = main.getBoundingClientRect().top + window.scrollY;
        if (before > share * height + 0.5) {
            problems.push(`what comes before <main> is ${before.toFixed(0)} px tall, ${Math.round((100 * before) / height)}% of the first screen (at most ${Math.round(share * 100)}%)`);
        }
        return problems;
    }

    // A Latin word drawn on two lines ("Cat / ego / ry") in a heading, table, button or summary.
    const WORD_PLACES = "h1, h2, h3, h4, h5, h6, caption, th, td, button, .button, summary, [role=button]";
    const LATIN_WORD = /[A-Za-z]+(?:['’][A-Za-z]+)*/g;
    function splitWords() {
        const problems = [];
        for (const place of document.querySelectorAll(WORD_PLACES)) {
            if (!rendered(place) || visuallyHidden(place)) continue; // a 1 px screen-reader box wraps every word
            const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (parent.closest(WORD_PLACES) !== place || parent.closest("rt, rp, script, style")) continue;
                for (const match of node.textContent.matchAll(LATIN_WORD)) {
                    if (match[0].length < 2) continue;
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
                    if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
                        problems.push(`"${match[0]}" is split across lines in ${describe(place)}`);
                    }
                }
            }
        }
        return problems;
    }

    return {
        markTabStops, focused, nextStop, smallTargets, overflow, languageRuns, crossLanguageLinks, motion, heading,
        firstScreen, splitWords, rubies, plainText, copiedText,
    };
})();
