"""Build the office's wordmark, favicon and app icons (`make brand`); the results are committed.

The wordmark is the office's name drawn from the outlines of Noto Sans CJK JP Bold (OFL; Debian's
fonts-noto-cjk, also what the browser tests use), set with the font's proportional metrics (`palt`),
so that it looks the same on every device without a web font. There is no official logo: the mark
is three steps rising to a goal, the path 就労移行支援 walks with each person. PNG icons are the SVG
mark rendered by Chromium (Playwright), so no image library is needed. Output goes to static/brand/.
"""

import sys
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
OUT = Path(__file__).resolve().parent.parent / "static" / "brand"
# Colours: DADS green 900 (light) / green 300 (dark) for the mark, text in the page's text colour.
COLOURS = {
    "light": {"mark": "#115a36", "step": "#ffffff", "goal": "#ffd43d", "text": "#1a1a1a"},
    "dark": {"mark": "#71c598", "step": "#032213", "goal": "#ffd43d", "text": "#f2f2f2"},
}
NAMES = {"ja": ("キャリア・サポート", "パートナーズ"), "en": ("Career Support", "Partners")}
MARK = 48  # the mark is a 48 × 48 square; the text sits to its right, two lines


def mark(colours, x=0, y=0, size=MARK):
    s = size / 48
    return (
        f'<g transform="translate({x} {y}) scale({s:g})">'
        f'<rect width="48" height="48" rx="11" fill="{colours["mark"]}"/>'
        f'<path d="M9 37h9v-8h9v-8h9" fill="none" stroke="{colours["step"]}" stroke-width="4.5" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
        f'<circle cx="36.5" cy="11.5" r="4.5" fill="{colours["goal"]}"/></g>'
    )


def palt_adjustments(font):
    """{glyph: (x placement, x advance)} from the font's `palt` feature (proportional CJK widths)."""
    gpos = font["GPOS"].table
    adjust = {}
    for record in gpos.FeatureList.FeatureRecord:
        if record.FeatureTag != "palt":
            continue
        for index in record.Feature.LookupListIndex:
            for sub in gpos.LookupList.Lookup[index].SubTable:
                if sub.LookupType == 9:
                    sub = sub.ExtSubTable
                if sub.LookupType != 1:
                    continue
                glyphs = sub.Coverage.glyphs
                values = sub.Value if sub.Format == 2 else [sub.Value] * len(glyphs)
                for glyph, value in zip(glyphs, values, strict=True):
                    adjust[glyph] = (getattr(value, "XPlacement", 0) or 0, getattr(value, "XAdvance", 0) or 0)
        break
    return adjust


def text_path(font, text, size, x, baseline, tracking=0.0):
    """The outline of `text` as one SVG path, and the x where it ends."""
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    palt = palt_adjustments(font)
    scale = size / font["head"].unitsPerEm
    parts = []
    for char in text:
        name = cmap[ord(char)]
        place, advance = palt.get(name, (0, 0))
        pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x + place * scale, baseline)))
        parts.append(pen.getCommands())
        x += (font["hmtx"][name][0] + advance) * scale + tracking * size
    return " ".join(p for p in parts if p), x


def wordmark(font, language, colours):
    first, second = NAMES[language]
    size = 19 if language == "ja" else 20
    left = MARK + 10
    line1, end1 = text_path(font, first, size, left, 21)
    line2, end2 = text_path(font, second, size, left, 44)
    width = round(max(end1, end2) + 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {MARK}" width="{width}" height="{MARK}">'
        f"{mark(colours)}"
        f'<path fill="{colours["text"]}" d="{line1} {line2}"/></svg>\n'
    ), width


def main():
    font = TTCollection(str(FONT)).fonts[0]
    assert "JP" in font["name"].getDebugName(4), "expected Noto Sans CJK JP Bold first in the collection"
    OUT.mkdir(parents=True, exist_ok=True)
    for language in NAMES:
        for scheme, colours in COLOURS.items():
            svg, width = wordmark(font, language, colours)
            (OUT / f"wordmark-{language}-{scheme}.svg").write_text(svg)
            print(f"wordmark-{language}-{scheme}.svg {width}×{MARK}, {len(svg)} bytes")
    favicon = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">'
        f"{mark(COLOURS['light'])}</svg>\n"
    )
    (OUT / "favicon.svg").write_text(favicon)
    render_pngs(favicon)


def render_pngs(favicon):
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.browser.audit import CHROMIUM_ARGS

    # The app icons fill their square (maskable: the mark's background runs to the edges, the steps
    # stay inside the safe circle); the favicon keeps its rounded corners on a transparent ground.
    ground = f'<rect width="48" height="48" fill="{COLOURS["light"]["mark"]}"/>'
    full = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">{ground}{mark(COLOURS["light"], 6, 6, 36)}</svg>'
    )
    sizes = {
        "favicon-32.png": (32, favicon),
        "apple-touch-icon.png": (180, full),
        "icon-192.png": (192, full),
        "icon-512.png": (512, full),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, (size, svg) in sizes.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f'<body style="margin:0">{svg.replace("<svg ", f"<svg width={size} height={size} ")}</body>'
            )
            page.screenshot(path=str(OUT / name), omit_background=True)
            page.close()
            print(name, size)
        browser.close()
    # /favicon.ico for browsers and crawlers that ask for it without reading the page (cms/sitemap.py).
    from PIL import Image

    Image.open(OUT / "favicon-32.png").save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32)])
    print("favicon.ico 16, 32")


if __name__ == "__main__":
    main()
