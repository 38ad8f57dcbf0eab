"""The interface in six languages: every public template's words marked for translation,
and every catalog complete, compiled and up to date."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"
CATALOG_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

# Templates not translated yet, each for a reason; every other template is checked.
NOT_TRANSLATED = {
    # The API guide: a developers' manual, English like the API's own documentation.
    "peaceplatform/api_guide.html",
}

# Words that read the same in every language: formats, names of standards.
# ("article" is a value of og:type, not a word shown.)
UNTRANSLATED_WORDS = {"RSS", "Atom", "BibTeX", "RIS", "ISO", "UN", "M49", "alpha", "article"}

# Attributes whose value a person reads or hears.
READ_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}
READ_META = {"description", "og:title", "og:site_name", "og:image:alt"}

# Spaced, so that a tag inside an element's start (<rect{% if … %} class=…>) keeps the
# element's name apart.
PLACEHOLDER = " \x00 "


def checked_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith(tuple(NOT_TRANSLATED)):
            yield name


def without_translated_parts(source: str) -> str:
    """The template with every tag and variable replaced by a placeholder, and
    `blocktranslate` and `comment` blocks removed: what is left is literal text."""
    parts, skipping_until = [], None
    for token in Lexer(source).tokenize():
        content = token.contents.split()
        if skipping_until:
            if token.token_type == TokenType.BLOCK and content and content[0] == skipping_until:
                skipping_until = None
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK and content:
            if content[0] in ("blocktranslate", "blocktrans"):
                skipping_until = "end" + content[0]
            elif content[0] == "comment":
                skipping_until = "endcomment"
            elif content[:2] == ["block", "bodyclass"]:
                # The <body>'s class names (the admin's), not words anyone reads.
                skipping_until = "endblock"
        parts.append(PLACEHOLDER)
    return "".join(parts)


class LiteralText(HTMLParser):
    """The text and read attributes of a template's literal parts that hold words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        self.in_code = tag in ("script", "style")
        attributes = dict(attrs)
        for name, value in attrs:
            if name in READ_ATTRIBUTES:
                self.check(value, f"{tag} {name}")
        if tag == "meta" and (attributes.get("name") or attributes.get("property")) in READ_META:
            self.check(attributes.get("content"), "meta content")

    def handle_data(self, data):
        # A script's text is code or data (the staff scripts' words come in JSON, each
        # marked for translation), not words on the page.
        if not self.in_code:
            self.check(data, "text")

    def handle_endtag(self, tag):
        self.in_code = False

    def check(self, value, where):
        words = re.findall(r"[^\W\d_]{2,}", (value or "").replace("\x00", " "))
        words = [word for word in words if word not in UNTRANSLATED_WORDS]
        if words:
            self.found.append(f"{where}: {value.strip()[:80]!r}")


@pytest.mark.parametrize("name", list(checked_templates()))
def test_every_word_of_a_public_template_is_marked_for_translation(name):
    parser = LiteralText()
    parser.feed(without_translated_parts((TEMPLATES / name).read_text()))
    assert parser.found == [], f"{name} has words outside {{% translate %}}"


def test_the_lint_finds_words_outside_translate_tags():
    """The check above would catch a forgotten word (text and attributes)."""
    for source in (
        "<p>Hello</p>",
        '<script type="application/json">{}</script> Hello',
        "{% block bodyclass %}x{% endblock %}<p>Hello</p>",
        '<a title="Open it">{% translate "x" %}</a>',
        '<meta name="description" content="Reports">',
    ):
        parser = LiteralText()
        parser.feed(without_translated_parts(source))
        assert parser.found, source
    parser = LiteralText()
    parser.feed(
        without_translated_parts(
            '{% load i18n %}<p>{% translate "Hello" %} · {{ name }} (RSS)</p>'
            "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
            '<a title="{% translate "Open" %}">x1</a>'
            '<script type="application/json">{"said": "{{ _("Open")|escapejs }}"}</script>'
            "{% block bodyclass %}app-{{ label }} delete-confirmation{% endblock %}"
        )
    )
    assert parser.found == []


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_catalog_is_complete(language):
    """Every entry translated, none fuzzy, and the compiled catalog matches its source."""
    folder = ROOT / "locale" / _locale(language) / "LC_MESSAGES"
    source = polib.pofile(str(folder / "django.po"))
    assert [entry.msgid for entry in source.untranslated_entries()] == []
    assert [entry.msgid for entry in source.fuzzy_entries()] == []
    compiled = polib.mofile(str(folder / "django.mo"))
    assert _entries(compiled) == _entries(source), "run `make messages` to compile it again"


PLACEHOLDER_PATTERN = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A placeholder the English lacks would fail the page with a KeyError; one left
    out would drop a value (a plural's one-form may leave out the count itself)."""
    folder = ROOT / "locale" / _locale(language) / "LC_MESSAGES"
    wrong = []
    for entry in polib.pofile(str(folder / "django.po")):
        english = set(PLACEHOLDER_PATTERN.findall(entry.msgid + entry.msgid_plural))
        if entry.msgid_plural:
            for form in entry.msgstr_plural.values():
                if not set(PLACEHOLDER_PATTERN.findall(form)) <= english:
                    wrong.append((entry.msgid, form))
        elif set(PLACEHOLDER_PATTERN.findall(entry.msgstr)) != english:
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


def test_catalogs_hold_every_marked_string(tmp_path):
    """`makemessages` run afresh finds no string the catalogs lack, and no string the
    catalogs keep that the code no longer has."""
    copy = tmp_path / "locale"
    subprocess.run(
        [sys.executable, "tools/catalogs.py", "--extract-to", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted = {_key(entry) for entry in polib.pofile(str(copy / "django.pot"))}
    for language in CATALOG_LANGUAGES:
        kept = {
            _key(entry)
            for entry in polib.pofile(
                str(ROOT / "locale" / _locale(language) / "LC_MESSAGES" / "django.po")
            )
            if not entry.obsolete
        }
        assert extracted - kept == set(), f"{language}: not in the catalog yet"
        assert kept - extracted == set(), f"{language}: no longer in the code"


def _locale(language: str) -> str:
    from django.utils.translation import to_locale

    return to_locale(language)


def _key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _entries(catalog) -> dict:
    return {
        _key(entry): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in catalog
        if entry.msgid and not entry.obsolete
    }
