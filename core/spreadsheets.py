"""Cells a spreadsheet would run as a formula (CSV injection, OWASP): text starting with
=, +, -, @, a tab or a carriage return is exported with a leading apostrophe, which
spreadsheets show as text; imports drop that apostrophe again, so a round trip through
a spreadsheet gives back what was exported."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula_text(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
