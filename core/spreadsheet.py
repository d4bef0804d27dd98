"""Cells for spreadsheets that staff open (CSV/XLSX exports): what a visitor typed never runs as a formula."""

import unicodedata

# Spreadsheets start a formula (or DDE) at these; tab and CR shift cells and hide the start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that would start a formula gets a leading apostrophe, checked after NFKC so that the
    full-width ＝＋－＠ (which Japanese spreadsheet software also reads as a formula) and an
    ideographic space before them count too."""
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).lstrip(" ").startswith(FORMULA_START):
        return "'" + value
    return value
