"""The interface's translation catalogs (locale/<language>/LC_MESSAGES/django.po and .mo),
kept without GNU gettext: a fresh machine has only Python.

    python tools/catalogs.py                 # extract, merge into every catalog, compile
    python tools/catalogs.py --compile       # only compile the .po files into .mo
    python tools/catalogs.py --extract-to D  # only write D/django.pot (tests compare it)

Extraction reads what Django's `makemessages` reads: the templates through Django's own
`templatize` (so `{% translate %}` and `{% blocktranslate %}` give the same msgids), and
the apps' Python with the gettext keywords. Merging keeps every translation whose msgid
is still used, adds new msgids untranslated (the catalog test then fails until someone
translates them) and drops the ones the code no longer uses.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplatform.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

import polib  # noqa: E402
from babel.messages.extract import extract  # noqa: E402
from django.conf import settings  # noqa: E402
from django.utils.translation import to_locale  # noqa: E402
from django.utils.translation.template import templatize  # noqa: E402

PYTHON_SOURCES = ["alerts", "core", "directory", "events", "operations", "peaceplatform", "reports"]
TEMPLATE_SOURCES = ["templates"]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# As the languages' own grammars count (the CLDR rules, as gettext writes them).
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;",
    "zh_Hans": "nplurals=1; plural=0;",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "es": "nplurals=2; plural=(n != 1);",
}
PLURAL_COUNTS = {
    locale: int(forms.split(";")[0].split("=")[1]) for locale, forms in PLURAL_FORMS.items()
}


def locales() -> list[str]:
    return [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def python_files():
    for folder in PYTHON_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def template_files():
    for folder in TEMPLATE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".html", ".txt"):
                yield path


def extracted() -> polib.POFile:
    """Every msgid the code and templates use, with where."""
    catalog = polib.POFile()
    entries: dict[tuple, polib.POEntry] = {}

    def add(path: Path, found):
        for lineno, message, _comments, context in found:
            singular, plural = (message, "") if isinstance(message, str) else message[:2]
            if not singular:
                continue
            found_key = (context or "", singular, plural or "")
            entry = entries.get(found_key)
            if entry is None:
                entry = entries[found_key] = polib.POEntry(
                    msgctxt=context or None,
                    msgid=singular,
                    msgid_plural=plural or "",
                    msgstr="",
                )
                if "%(" in singular or "%(" in (plural or ""):
                    entry.flags.append("python-format")
                catalog.append(entry)
            entry.occurrences.append((path.relative_to(ROOT).as_posix(), str(lineno)))

    for path in python_files():
        with path.open("rb") as source:
            add(path, extract("python", source, keywords=KEYWORDS))
    for path in template_files():
        # templatize() writes for xgettext, which ignores indentation: at the left
        # margin, each line is Python that tokenize reads (the msgids are repr()s).
        code = "\n".join(
            line.lstrip() for line in templatize(path.read_text(), origin=str(path)).splitlines()
        )
        add(path, extract("python", io.BytesIO(code.encode()), keywords=KEYWORDS))
    return catalog


def key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def catalog_path(locale: str) -> Path:
    return ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"


def merge(template: polib.POFile) -> None:
    for locale in locales():
        path = catalog_path(locale)
        old = {}
        if path.exists():
            old = {
                (e.msgctxt or "", e.msgid, e.msgid_plural or ""): e for e in polib.pofile(str(path))
            }
        catalog = polib.POFile(wrapwidth=100)
        catalog.metadata = {
            "Project-Id-Version": "peaceplatform",
            "Language": locale,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[locale],
        }
        for entry in template:
            kept = old.get(key(entry))
            new = polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                occurrences=entry.occurrences,
                flags=list(entry.flags),
            )
            if entry.msgid_plural:
                forms = kept.msgstr_plural if kept else {}
                new.msgstr_plural = {n: forms.get(n, "") for n in range(PLURAL_COUNTS[locale])}
            else:
                new.msgstr = kept.msgstr if kept else ""
            if kept and "fuzzy" in kept.flags:
                new.flags.append("fuzzy")
            catalog.append(new)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog.save(str(path))


def compile_all() -> None:
    for locale in locales():
        path = catalog_path(locale)
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compile", action="store_true", help="only compile .po into .mo")
    parser.add_argument("--extract-to", type=Path, help="only write the extracted .pot here")
    args = parser.parse_args()
    if args.extract_to:
        args.extract_to.mkdir(parents=True, exist_ok=True)
        extracted().save(str(args.extract_to / "django.pot"))
        return
    if not args.compile:
        merge(extracted())
    compile_all()


if __name__ == "__main__":
    main()
