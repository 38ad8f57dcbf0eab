"""Full-text search vocabulary shared by every app (PostgreSQL only, no second engine).

Why a text search configuration of our own: a stored generated column must use
immutable expressions, and ``unaccent()`` is only stable. Putting unaccent inside
the ``english_unaccent`` configuration (created by directory's initial migration) keeps
``to_tsvector('english_unaccent', …)`` immutable while "Cote d'Ivoire" still finds
"Côte d'Ivoire".
"""

import math
import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import django_filters
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.compiled import CompiledQuery
from core.translations import LANGUAGE_CODES, InLanguage, column

CONFIG = "english_unaccent"

# The longest query we accept; anything longer is a paste accident or an attack.
MAX_QUERY_LENGTH = 500

# A UN document symbol, whole or as a prefix: A/70/95, S/2015/682, A/70/, A/RES/70/6.
SYMBOL_PATTERN = re.compile(r"^[A-Za-z]{1,4}(/[A-Za-z0-9.\-()]*)+/?$")


class InvalidQuery(ValueError):
    """A query we refuse, with a message that says how to fix it."""


def clean_query(raw: str | None) -> str:
    """Normalise a visitor's query, or raise InvalidQuery with a helpful message."""
    if raw is None:
        return ""
    if "\x00" in raw:
        raise InvalidQuery(gettext("The search contains a NUL character; remove it and try again."))
    # The length as typed, spaces included: the API schema promises that limit.
    if len(raw) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            gettext(
                "The search is {length} characters long; shorten it to at most {most} characters."
            ).format(length=len(raw), most=MAX_QUERY_LENGTH)
        )
    return " ".join(raw.split())


def looks_like_symbol(query: str) -> bool:
    return bool(SYMBOL_PATTERN.match(query))


def vector(*fields: str, weight: str) -> SearchVector:
    return SearchVector(*fields, weight=weight, config=CONFIG)


# Each language's text search configuration: the *_unaccent ones (directory's
# migration 0007) stem like PostgreSQL's own and ignore accents, so "securite" finds
# "sécurité"; Arabic's stemmer is used as it is. PostgreSQL has no Chinese parser:
# Chinese is indexed a character at a time (`HanCharacters`) and searched as a phrase
# of adjacent characters (`HanPhrases`), so 维和 finds 维和行动 and not 和维.
SEARCH_CONFIGS = {
    "en": CONFIG,
    "fr": "french_unaccent",
    "es": "spanish_unaccent",
    "ru": "russian_unaccent",
    "ar": "arabic",
    "zh-hans": "simple",
}
# CJK Unified Ideographs, Extension A and the Compatibility Ideographs.
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


class HanCharacters(models.Func):
    """The text with each Han character made a word of its own (spaces around it),
    which the parser then indexes at its own position: an immutable expression, so a
    generated column may hold it."""

    template = f"regexp_replace(%(expressions)s, '({HAN})', ' \\1 ', 'g')"
    output_field = models.TextField()


class HanPhrases(models.Func):
    """A query with each run of Han characters made a quoted phrase of single
    characters, as `websearch_to_tsquery` reads phrases: 维和行动 → "维 和 行 动", which
    matches those characters next to each other."""

    template = (
        f"regexp_replace(regexp_replace(%(expressions)s, '({HAN}+)', ' \"\\1\" ', 'g'),"
        f" '({HAN})(?={HAN})', '\\1 ', 'g')"
    )
    output_field = models.TextField()


def translated_vector(*fields: str, weight: str):
    """The translations of the fields (core/translations.py), each column read with
    its own language's configuration: added to a row's search_vector, a French query
    finds the French title while the English words keep their English stems."""
    vectors = []
    for code in LANGUAGE_CODES:
        columns = [F(column(field, code)) for field in fields]
        if code == "zh-hans":
            columns = [HanCharacters(expression) for expression in columns]
        vectors.append(SearchVector(*columns, weight=weight, config=SEARCH_CONFIGS[code]))
    combined = vectors[0]
    for each in vectors[1:]:
        combined = combined + each
    return combined


def generated_search_vector(expression) -> models.GeneratedField:
    """A stored tsvector PostgreSQL recomputes on every write of the row."""
    return models.GeneratedField(
        expression=expression,
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


# "Also known as": the other names people use for a report, an event or a body, one
# per line ("HIPPO report"). They are searched with the weight of a title, and a query
# that is one of them, or the title itself, puts the item first (known_name_matches).
ALSO_KNOWN_AS_HELP = _(
    "Other names people use for it, one per line: nicknames (“HIPPO report”), "
    "short titles, former names. Searched like the title; a search for one of them "
    "exactly puts this first."
)


def also_known_as_field() -> models.TextField:
    # A database default too: rows written in bulk (COPY, raw SQL) may leave it out.
    return models.TextField(
        _("also known as"),
        blank=True,
        db_default="",
        max_length=2000,
        help_text=ALSO_KNOWN_AS_HELP,
    )


def other_names(text: str) -> list[str]:
    """An "also known as" text as its names, one per non-blank line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


DOUBLE_QUOTES = str.maketrans("", "", '"“”')


def known_names(query: str) -> list[str]:
    """The names a query may be, as known_names columns hold names: lower case, one
    space between words; without surrounding quotes or an end stop, with and without
    a leading "the" ("the Brahimi report" is the name "Brahimi report")."""
    unquoted = query.lower().translate(DOUBLE_QUOTES)  # a phrase search's quotes
    name = " ".join(unquoted.split()).strip("'‘’. ")
    if not name:
        return []
    bare = name.removeprefix("the ")
    return sorted({name, bare, f"the {bare}"})


class KnownNames(models.Func):
    """The row's names, its title or name and then each line of its "also known as",
    in lower case with one space between words: an immutable expression, for a
    generated column that an array index serves (`known_names && ARRAY[…]`)."""

    arg_joiner = " || chr(10) || "
    template = (
        "regexp_split_to_array(btrim(regexp_replace(lower(%(expressions)s), '[ \\t\\r]+', ' ',"
        " 'g'), ' ' || chr(10)), ' ?\\n[ \\n]*')"
    )
    output_field = ArrayField(models.TextField())


def known_names_field(*fields: str) -> models.GeneratedField:
    return models.GeneratedField(
        expression=KnownNames(*fields),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
        editable=False,
    )


def websearch(query: str) -> SearchQuery:
    """Quoted phrases, OR and -exclusion, as visitors type them in search engines; an
    abbreviation also finds what it stands for (`expanded`). The words as one query,
    in English and, on another language's page, in that language too: what snippets
    mark (`headline`). Rows are matched with `matching`, which sends each reading to
    its own vector."""
    readings = [reading for _column, reading in words_read(query)]
    return readings[0] if len(readings) == 1 else readings[0] | readings[1]


# The column holding a row's translations (core/translations.py), each read in its
# own language's configuration (`translated_vector`), beside the English search_vector.
TRANSLATIONS_VECTOR = "translations_vector"


def has_translations_vector(model) -> bool:
    return any(field.name == TRANSLATIONS_VECTOR for field in model._meta.concrete_fields)


def words_read(query: str, model=None) -> list[tuple[str, SearchQuery]]:
    """(vector column, query) for each way the words are read: in English, against the
    English text (search_vector); on a page in another language, also in that language
    (its stemming, its stop words) against the translations, so « protection des
    civils » finds the French title while "HIPPO" or "MINUSMA" still finds the
    English. Each reading meets only its own language's text: a French word stemmed
    like an English one ("secur") does not match every English report on security,
    and each column's statistics estimate its own reading. `model`: the rows searched,
    when they have no translations column (people, member states) the English only."""
    english = SearchQuery(expanded(query), search_type="websearch", config=CONFIG)
    readings = [("search_vector", english)]
    language = search_language()
    if language != "en" and (model is None or has_translations_vector(model)):
        words = HanPhrases(models.Value(query)) if language == "zh-hans" else query
        local = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIGS[language])
        readings.append((TRANSLATIONS_VECTOR, local))
    return readings


def matching(query: str, model, prefix: str = "") -> Q:
    """Rows whose text matches the words in any of their readings (`words_read`),
    each through its vector's index. `prefix`: the path to the searched rows
    ("report__")."""
    condition = Q()
    for vector_column, reading in words_read(query, model):
        condition |= Q(**{prefix + vector_column: reading})
    return condition


def matching_row_by_row(query: str, model, weights: str = "") -> Q:
    """`matching` tested on each row (MatchedRowByRow), in the parts of the row written
    with `weights` only when given (WeightsOnly)."""
    condition = Q()
    for vector_column, reading in words_read(query, model):
        vector_field = F(vector_column)
        if weights:
            vector_field = WeightsOnly(vector_field, weights)
        condition |= Q(MatchedRowByRow(vector_field, reading))
    return condition


def search_language() -> str:
    """The active language, if content is searched in it; English otherwise."""
    from django.utils.translation import get_language

    language = get_language() or "en"
    return language if language in SEARCH_CONFIGS else "en"


class MatchedRowByRow(models.Func):
    """`vector @@ query` written as the function behind the operator: the same test,
    which no index serves. A query holding it finds its newest matches by walking the
    date index newest first and testing each row, the way `newest_path` chose, rather
    than building the text index's bitmap of every match (see `newest_path`)."""

    function = "ts_match_vq"
    output_field = models.BooleanField()


# UN shorthand that documents write out in full. The acronyms of published bodies
# are added to these (ABBREVIATION_SOURCES).
ABBREVIATIONS = {
    "sg": "Secretary-General",
    "dsg": "Deputy Secretary-General",
    "srsg": "Special Representative of the Secretary-General",
    "tcc": "troop-contributing country",
    "pcc": "police-contributing country",
    "tccs": "troop-contributing countries",
    "pccs": "police-contributing countries",
}
# Functions returning {abbreviation: what it stands for}, registered by the apps that
# know some (directory: the bodies' acronyms); read at most once a minute per process.
ABBREVIATION_SOURCES: list = []
_abbreviations: dict[str, tuple[float, dict]] = {}
WORD_TOKEN = re.compile(r'"[^"]*"|\S+')


def abbreviations() -> dict[str, str]:
    """ABBREVIATIONS and what the sources give, lower-cased keys."""
    import time

    now = time.monotonic()
    known = _abbreviations.get("all")
    if known is None or now - known[0] > STATISTICS_SECONDS:
        found = dict(ABBREVIATIONS)
        for source in ABBREVIATION_SOURCES:
            found.update({key.lower(): value for key, value in source().items()})
        known = _abbreviations["all"] = (now, found)
    return known[1]


def expanded(query: str) -> str:
    """The words, each abbreviation among them (not quoted, not excluded) followed by
    `or "what it stands for"`: websearch binds OR tighter than the implied AND, so
    "SG report" finds the Secretary-General's reports as well as those that say SG."""
    if not query:
        return query
    words = []
    for token in WORD_TOKEN.findall(query):
        meaning = None
        if token.isalpha() and len(token) >= 2:
            meaning = ABBREVIATIONS.get(token.lower())
            # Acronyms as acronyms are typed, in capitals: a lower-case word never costs
            # the bodies' list (read once a minute per process).
            if meaning is None and token.isupper():
                meaning = abbreviations().get(token.lower())
        words.append(f'{token} or "{meaning}"' if meaning else token)
    return " ".join(words)


class FloatValue(models.Value):
    """A constant rank (a symbol search's), sent as a double precision number."""

    def __init__(self, value: float):
        super().__init__(float(value), output_field=models.FloatField())

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        # Bound on the client, 1.0 would be a numeric literal, read back as a Decimal.
        return f"{sql}::double precision", params


# Added to the rank of a row one of whose names the query is: ranks are below 1.
KNOWN_NAME_BONUS = 1.0


def rank(query: str, model, names: str | None = None):
    """The text rank of the words (the better of their readings, `words_read`); and
    with `names` (names_literal() of known_names(words)), for a
    row one of whose names the words are whole, KNOWN_NAME_BONUS more: "HIPPO" puts
    the report called that first. The names are one array parameter, so that a query
    compiled once (core/compiled.py) takes them as it takes the words."""
    # Normalisation 32 (rank / (rank + 1)) keeps scores in 0..1 whatever the length.
    ranks = [
        SearchRank(F(vector_column), reading, normalization=32)
        for vector_column, reading in words_read(query, model)
    ]
    text_rank = ranks[0] if len(ranks) == 1 else Greatest(*ranks)
    if names is None:
        return text_rank
    # The column through F(), so that a query joining the table to itself (a body and
    # its parent) names it with its alias.
    named = models.Func(
        F("known_names"),
        RawSQL("%s::text[]", [names]),
        template="%(expressions)s",
        arg_joiner=" && ",
        output_field=models.BooleanField(),
    )
    bonus = models.Case(
        models.When(named, then=FloatValue(KNOWN_NAME_BONUS)), default=FloatValue(0.0)
    )
    return models.ExpressionWrapper(text_rank + bonus, output_field=models.FloatField())


def names_literal(names: list[str]) -> str:
    """PostgreSQL's text form of an array of names: {"hippo","the hippo"}."""
    quoted = (name.replace("\\", "\\\\").replace('"', '\\"') for name in names)
    return "{" + ",".join(f'"{name}"' for name in quoted) + "}"


def has_known_names(model) -> bool:
    return any(field.name == "known_names" for field in model._meta.concrete_fields)


def headline(field: str, query: SearchQuery) -> SearchHeadline:
    """A snippet with matches wrapped in sentinels, not HTML: the template escapes
    the text and only then turns the sentinels into <mark>, so content can never
    inject markup (see the `highlight` template filter)."""
    if isinstance(field, str):
        # The field in the page's language when the row has it (core/translations.py).
        field = InLanguage(field)
    return SearchHeadline(
        field,
        query,
        config=CONFIG,
        start_sel=HIGHLIGHT_START,
        stop_sel=HIGHLIGHT_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


HIGHLIGHT_START = "\u2060⟦"
HIGHLIGHT_STOP = "⟧\u2060"


class SearchableQuerySet(models.QuerySet):
    """`search(q)` for any model with a `search_vector` column."""

    def search(self, query: str, names: str | None = None):
        """Rows matching the words, with their `rank`. For a model with known_names,
        `names` is names_literal(known_names(query)), worked out here when not given
        (a compiled query gives its marker)."""
        query = clean_query(query)
        if not query:
            return self
        if not has_known_names(self.model):
            names = None
        elif names is None:
            names = names_literal(known_names(query))
        return self.filter(matching(query, self.model)).annotate(
            rank=rank(query, self.model, names)
        )


class WeightsOnly(models.Func):
    """`ts_filter(vector, '{a,b}')`: the vector's words of those weights only, which
    are the parts of a row written with them (`vector(…, weight=…)`)."""

    function = "ts_filter"
    template = '%(function)s(%(expressions)s::"char"[])'
    output_field = SearchVectorField()

    def __init__(self, vector, weights: str):
        super().__init__(vector, models.Value("{" + ",".join(sorted(set(weights))) + "}"))


class ScopedSearchFilter(django_filters.MultipleChoiceFilter):
    """`q_fields=title&q_fields=summary`: rows that match `q` in those parts of the row,
    not only somewhere. `scopes`: per name, its label and either the weights its parts
    are written with in search_vector, or a function of the words giving a Q (a part
    outside the vector, such as a report's symbols). `q` still finds the rows through
    the text index; the scope is tested on each of them."""

    requires = "q"  # refused without q (core.listing.filtersets.RequirementsForm)
    has_variants = False

    def __init__(self, scopes: dict, **kwargs):
        self.scopes = scopes
        kwargs.setdefault("choices", [(name, label) for name, (label, _part) in scopes.items()])
        kwargs.setdefault("distinct", False)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        words = self.parent.form.cleaned_data.get("q") if value else None
        if not words:
            return qs
        parts = [self.scopes[name][1] for name in value]
        weights = "".join(part for part in parts if isinstance(part, str))
        condition = Q()
        if weights:
            condition |= matching_row_by_row(words, qs.model, weights)
        for part in parts:
            if callable(part):
                condition |= part(words)
        return qs.filter(condition)


class KeyedQuerySet(models.QuerySet):
    """`linked_to(key, row)` for a model that keeps its links on the row as facet keys
    (Report.facet_keys, Event.facet_keys: "topic:12", kept equal to the link tables
    by triggers)."""

    def linked_to(self, key: str, row):
        """Those linked to `row` (a Topic, with key "topic"), read from the GIN-indexed
        keys on the row rather than through the link table: a profile's newest then
        stop early in the date index, or come from a small bitmap."""
        return self.filter(facet_keys__overlap=[f"{key}:{row.pk}"])


class QueryField(forms.CharField):
    """A search box's field: the visitor's text, cleaned, or a message saying how to fix it."""

    def to_python(self, value):
        # Before the field's own validators, so our messages (NUL, length) are the ones shown.
        try:
            return clean_query(super().to_python(value))
        except InvalidQuery as error:
            raise forms.ValidationError(str(error)) from None


@extend_schema_field({"type": "string", "maxLength": MAX_QUERY_LENGTH})
class QueryFilter(django_filters.CharFilter):
    field_class = QueryField


# Broad queries. Ranking, counting or faceting every match of a term that most
# documents contain ("peace" matches 84 % of a 100,000-report corpus) means reading
# each match's tsvector, and a results page makes several passes. So when the
# planner expects more than EXACT_LIMIT matches, pages work on the CANDIDATES most
# recent matches instead (a partial index on the date makes that an early-stopping
# index scan), rank within those, and show
# the total and facet counts as estimates, scaled from the candidates and marked
# "about". Below the limit everything is exact. The trade-off is explicit on the page:
# a broad query shows the best of its most recent matches and asks for more words.
EXACT_LIMIT = 2_000
CANDIDATES = 1_000
# Below this share of the table matching, candidates are found through a date edge
# rather than by walking the date index (FacetedFilterSetMixin.newest_rows); the edge
# sits where EDGE_MARGIN times CANDIDATES matches are expected.
SPARSE_SHARE = 0.4
EDGE_MARGIN = 1.5

# What reading a row and testing it costs, counted in index entries put in a bitmap
# (EXPLAIN ANALYZE on the million-report corpus, every page cached: about 3 µs a row
# and 0.25 µs an entry).
ROW_COST = 12


def newest_path(estimate: int, total: int, candidates: int | None = None) -> str:
    """The cheapest way to the CANDIDATES (or `candidates`) newest of `estimate`
    matching rows among `total`, in bitmap entries:

    - "walk": the date index newest first, testing each row (MatchedRowByRow):
      CANDIDATES × total / estimate rows, however big the table;
    - "edge": a date edge where EDGE_MARGIN × CANDIDATES matches should end, ANDed with
      the words' bitmap (every match: grows with the table), then the rows within;
    - "all": every match through the most selective index, then the newest kept.

    "kazelo" (300 of a million) reads all; "Gao" (14 % of a million: a 137,000-entry
    bitmap, 70 ms) walks 7,300 rows (22 ms), but at 100,000 reports (a 13,700-entry
    bitmap) takes the edge; "peace" with one member state (7,000 of a million) reads
    all through the member state's index rather than AND a 211,000-date edge (27 ms
    against 50)."""
    costs = newest_costs(estimate, total, candidates)
    return min(costs.items(), key=lambda way: way[1])[0]


def newest_costs(estimate: int, total: int, candidates: int | None = None) -> dict[str, float]:
    """What each of `newest_path`'s ways costs, in bitmap entries."""
    taken = candidates or CANDIDATES
    share = total / max(estimate, 1)
    walked = ROW_COST * taken * share
    edged = EDGE_MARGIN * taken * share + estimate + ROW_COST * EDGE_MARGIN * taken
    every = (1 + ROW_COST) * estimate
    return {"walk": walked, "edge": edged, "all": every}


# A report's facet keys include one sample key, "sample:<id modulo SAMPLE_BUCKETS>"
# (reports_facet_keys_of), which splits the table into this many even buckets. A
# ticked facet counts over its base (every other active filter): when that is broad,
# its counts are estimated from a few buckets' rows, which the keys' index finds
# together with the base's own keys (one GIN scan), instead of from the base's newest
# rows, which means reading every match to sort them when the base's keys are
# narrow ("peace" in Finland's reports: 6,500 of a million, 14 ms to keep the newest
# 1,000). An even sample across the years, too, where the newest were this year's.
SAMPLE_BUCKETS = 256
# What one bucket entry costs in that GIN scan, in bitmap entries (EXPLAIN ANALYZE on
# the million-report corpus: nine buckets of 64, 140,000 entries, ANDed with a member
# state's 7,800 in 2.3 ms, against 0.25 µs an entry put in a bitmap).
SAMPLE_ENTRY_COST = 1 / 16
# The rows a sample aims at: half the newest rows' CANDIDATES, read in about half the
# time (the facets' pages at a million reports: p95 59.9 → 46.3 ms in one run). Its counts
# are drawn toward the table's shares (`drawn_to_shares`), which holds their error
# about where a whole CANDIDATES held it (bench/estimates.py, BENCHMARKS.md).
SAMPLE_ROWS = 500


def sample_buckets(estimate: int, keyed: float, total: int) -> int | None:
    """How many sample buckets hold about SAMPLE_ROWS of `estimate` matching rows, or
    None when the newest CANDIDATES cost less to find (`newest_costs`) than a sample
    of as many rows. `keyed`: the rows the keys' conditions alone let through, each
    of which is read and tested for the rest (the words) once its bucket is taken.

    A sample is weighed at CANDIDATES rows although it reads SAMPLE_ROWS: where the
    newest rows cost about the same, they count twice the rows, and a half-size sample
    measured no faster there (a topic's page at 100,000 reports, taking turns in one
    process: p50 25.1 ms with its newest rows, 26.0 with a sample)."""
    if estimate <= 0 or total <= 0:
        return None
    weighed = math.ceil(CANDIDATES * SAMPLE_BUCKETS / estimate)
    buckets = math.ceil(SAMPLE_ROWS * SAMPLE_BUCKETS / estimate)
    if max(weighed, buckets) >= SAMPLE_BUCKETS:
        return None  # not a sample: every row
    read = keyed * weighed / SAMPLE_BUCKETS
    sampled = ROW_COST * read + SAMPLE_ENTRY_COST * weighed * total / SAMPLE_BUCKETS
    return buckets if sampled < min(newest_costs(estimate, total).values()) else None


def sample_keys(buckets: int) -> list[str]:
    """The facet keys of the first `buckets` sample buckets."""
    return [f"sample:{bucket}" for bucket in range(buckets)]


def estimated_count(queryset) -> int:
    """The planner's row estimate for a queryset: one EXPLAIN, no rows read."""
    import json

    # Only the rows matter: the id alone keeps computed columns (the API's nested
    # arrays, ranks) out of the plan, which would cost more to plan than to run.
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


# PostgreSQL's statistics of a text column keep its frequent words only (a sample's
# lexemes below a few per cent are pruned), and a word they do not hold is estimated at
# 0.5 % of the table: 500 of 100,000 reports, 5,000 of a million, whatever its true
# count ("kazelo", in 300 of a million). Past EXACT_LIMIT such a word took the broad
# path, whose date edge then cost a bitmap of 300,000 dates (95 ms of a 97 ms query).
# An estimate up to PROBE_LIMIT is checked by counting the matches, stopping past
# EXACT_LIMIT: at most EXACT_LIMIT + 1 rows read, through the text index.
PROBE_LIMIT = 10 * EXACT_LIMIT


def checked_estimate(queryset, estimate: int, words: str | None = None) -> int:
    """The planner's `estimate` for `queryset`, or the exact count when that is at
    most EXACT_LIMIT although the estimate was above it (up to PROBE_LIMIT). Not
    counted when the estimate stays above EXACT_LIMIT without the part of it the
    planner guessed (`guessed_rows`): when every one of the `words` is a lexeme the
    statistics hold ("peace" among 10,000 events: the count stopping at 2,001 cost 13 ms
    of a site search), or when only their English reading on a French page is guessed
    (`paix`: 5,074 French titles counted, 500 guessed for the English word)."""
    if EXACT_LIMIT < estimate <= PROBE_LIMIT:
        guessed = guessed_rows(queryset.model, words) if words else None
        if guessed is not None and estimate - guessed > EXACT_LIMIT:
            return estimate
        found = queryset.order_by().values("pk")[: EXACT_LIMIT + 1].count()
        if found <= EXACT_LIMIT:
            return found
    return estimate


def id_array(ids):
    """A list of ids as ONE parameter, for `pk__in=`: a thousand separate parameters
    cost more to build and send than the query they serve. The array literal is
    built once as text (ints only, so nothing to escape) and cast by PostgreSQL, which
    is far cheaper than psycopg adapting a list for every query that reuses it."""
    return id_array_sql(id_literal(ids))


def id_literal(ids) -> str:
    """PostgreSQL's text form of an array of ids: {1,2,3}."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


def id_array_sql(parameter):
    """id_array's SQL around a parameter given as is: a literal, or a placeholder that
    a query compiled once fills in per request (core/compiled.py)."""
    return RawSQL("SELECT unnest(%s::bigint[])", [parameter])


def rows_by_id(model, queryset, snippet_source):
    """A CompiledQuery of the rows of `queryset()` with the given ids, each with the
    snippet of `snippet_source` for the given words: a relevance search's page, or a
    site search group's best rows, ranked already (Results.ranked_ids). Run as
    `.raw(query=words, ids=id_literal(ids))`."""

    def build(query, ids):
        return (
            queryset()
            .annotate(snippet=headline(snippet_source, websearch(query)))
            .filter(pk__in=id_array_sql(ids))
        )

    return CompiledQuery(model, build, "query", "ids")


def about(number: int) -> int:
    """An estimate rounded to two significant figures: 84,155 -> 84,000."""
    if number < 100:
        return number
    magnitude = 10 ** (len(str(number)) - 2)
    return round(number / magnitude) * magnitude


# What the two functions below read off PostgreSQL's statistics, kept per process for
# at most this many seconds: (when read, value) by table (and column).
STATISTICS_SECONDS = 60
_table_rows: dict[str, tuple[float, int]] = {}
_date_statistics: dict[tuple[str, str], tuple[float, "DateStatistics"]] = {}


def _statistic(store: dict, key, sql: str, params: list, convert):
    """`convert(the first row, or None)`, from `store` while it is fresh, otherwise
    read with `sql` and kept there."""
    import time

    from django.db import connection

    now = time.monotonic()
    known = store.get(key)
    if known is None or now - known[0] > STATISTICS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        known = (now, convert(row))
        store[key] = known
    return known[1]


_lexemes_counted: dict[tuple[str, str], tuple[float, frozenset]] = {}


def lexemes_counted(model, vector_column: str = "search_vector") -> frozenset:
    """The lexemes whose share of rows PostgreSQL's statistics of one of the model's
    vectors hold (pg_stats.most_common_elems), read at most once a minute per
    process: a query of these alone is estimated from their counts."""
    table = model._meta.db_table
    return _statistic(
        _lexemes_counted,
        (table, vector_column),
        "SELECT most_common_elems::text::text[] FROM pg_stats WHERE schemaname = "
        "current_schema() AND tablename = %s AND attname = %s",
        [table, vector_column],
        lambda row: frozenset(row[0] or ()) if row else frozenset(),
    )


_key_shares: dict[tuple[str, str], tuple[float, dict]] = {}


def key_shares(model, field: str = "facet_keys") -> dict[str, float]:
    """The share of the table's rows holding each facet key, as PostgreSQL's statistics
    of the keys' column count them (pg_stats.most_common_elems, from ANALYZE's sample
    of rows), read at most once a minute per process; {} before the first ANALYZE. A
    key too rare for the statistics to keep is not there."""
    table, column = model._meta.db_table, model._meta.get_field(field).column

    def convert(row):
        if row is None or row[0] is None:
            return {}
        # The frequencies end with three figures of their own (least, most, nulls).
        return dict(zip(row[0], row[1], strict=False))

    return _statistic(
        _key_shares,
        (table, column),
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
        [table, column],
        convert,
    )


# A facet estimated from a thousand rows (its base's newest, or a sample) counts about
# ten of each value holding 1 % of them, give or take three: with 193 member states
# spread evenly, the fifteen shown were the fifteen that came out highest by chance,
# each twice its true count (bench/estimates.py). `drawn_to_shares` draws each count
# toward the value's share of the whole table, as far as the counts as a whole stray
# from those shares no more than chance would make them. The shares are worth at most
# as many rows as ANALYZE read to find them: 300 per unit of the column's statistics
# target, 100 by default.
SHARES_WEIGHT_LIMIT = 30_000


def drawn_to_shares(estimates: dict, rows: float, base: float, shares: dict) -> dict:
    """Estimated counts of a facet's values in a base of `base` rows, made from `rows`
    rows of it, each drawn toward what the value's share of the whole table (`shares`,
    by value) would give.

    An empirical Bayes estimate: a value held by k of the n rows counted and by a share
    p of the table is estimated at (k + m·p) / (n + m) of the base, where m is how many
    rows the shares weigh. m follows from how far the counts stray from the shares:
    when no further than chance would take them, the shares say more than the counts
    (m is large); a base that holds some values far more often than the table does (a
    search for Mali, and Mali's reports) keeps its counts (m is small). Values without
    a share, or not counted at all, are left as they are: a value no counted row holds
    is not shown."""
    if rows <= 0 or base <= 0 or not shares:
        return estimates
    counted = {value: n * rows / base for value, n in estimates.items()}
    # The table's shares, scaled to as many values per row as the counted rows hold.
    held = sum(counted.get(value, 0.0) for value in shares)
    table = sum(shares.values())
    if held <= 0 or table <= 0:
        return estimates
    expected_share = {value: share * held / (rows * table) for value, share in shares.items()}
    expected = {value: rows * share for value, share in expected_share.items()}
    stray = sum((counted.get(value, 0.0) - e) ** 2 for value, e in expected.items())
    chance = sum(e * max(1.0 - expected_share[value], 0.0) for value, e in expected.items())
    if stray <= chance:
        weight = SHARES_WEIGHT_LIMIT
    else:
        weight = min(max(rows * chance / (stray - chance) - 1.0, 0.0), SHARES_WEIGHT_LIMIT)
    drawn = dict(estimates)
    for value, k in counted.items():
        if value in expected_share and k > 0:
            drawn[value] = (k + weight * expected_share[value]) / (rows + weight) * base
    return drawn


# PostgreSQL's estimate for a lexeme its statistics do not hold: at most this share of
# the table (DEFAULT_TS_MATCH_SEL in its ts_selfuncs.c).
GUESSED_SHARE = 0.005


def guessed_rows(model, words: str) -> int | None:
    """At most how many rows of the planner's estimate for the words it guessed: for
    each lexeme of each reading (`words_read`: the English as searched, `expanded`, and
    the page language's) that the statistics of the vector it is matched against do not
    hold (`lexemes_counted`), GUESSED_SHARE of the table; 0 when every one is counted.
    None when that cannot be told (no statistics yet; Chinese, searched a character at
    a time). One query, which asks PostgreSQL for the lexemes: only it stems and
    unaccents as the search does."""
    from django.db import connection

    language = search_language()
    if language == "zh-hans":
        return None
    readings = [("search_vector", CONFIG, expanded(words))]
    if language != "en" and has_translations_vector(model):
        readings.append((TRANSLATIONS_VECTOR, SEARCH_CONFIGS[language], words))
    counted = [lexemes_counted(model, vector_column) for vector_column, _c, _w in readings]
    if not all(counted):
        return None
    each = "tsvector_to_array(to_tsvector(%s::regconfig, %s))"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join([each] * len(readings)),
            [value for _column, config, text in readings for value in (config, text)],
        )
        lexemes = cursor.fetchone()
    if not any(lexemes):
        return None
    guessed = sum(
        len(set(found or ()) - known) for found, known in zip(lexemes, counted, strict=True)
    )
    return max(1, round(guessed * GUESSED_SHARE * table_rows(model))) if guessed else 0


def counted_by_statistics(model, words: str) -> bool:
    """Whether the planner counted, rather than guessed, every lexeme of the words."""
    return guessed_rows(model, words) == 0


def table_rows(model) -> int:
    """The planner's row count for a model's table (pg_class.reltuples), read at most
    once a minute per process: a scale for estimates, never shown."""
    table = model._meta.db_table
    return _statistic(
        _table_rows,
        table,
        "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
        [table],
        lambda row: max(int(row[0]), 0) if row and row[0] is not None else 0,
    )


@dataclass(frozen=True)
class DateStatistics:
    """What PostgreSQL's statistics say of a date column: the bounds of its histogram
    (each bucket holds an equal share of the rows not listed as most common), and its
    most common values with the share of rows each holds."""

    bounds: list
    common: dict  # {date: share of the table's rows}
    histogram_share: float  # the share of the rows the histogram describes


def date_statistics(model, field: str) -> DateStatistics:
    """The column's statistics from pg_stats, read at most once a minute per process."""
    table, column = model._meta.db_table, model._meta.get_field(field).column

    def convert(row):
        if row is None:
            return DateStatistics([], {}, 0.0)
        bounds, common, frequencies, null_share = row
        common = dict(zip(common or [], frequencies or [], strict=True))
        return DateStatistics(
            list(bounds or []), common, max(1.0 - (null_share or 0.0) - sum(common.values()), 0.0)
        )

    return _statistic(
        _date_statistics,
        (table, column),
        "SELECT histogram_bounds::text::date[], most_common_vals::text::date[], "
        "most_common_freqs, null_frac FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
        [table, column],
        convert,
    )


def date_reached(model, field: str, depth: int):
    """A date that about `depth` rows of the table reach or pass, counting from the
    newest, or None: read off PostgreSQL's statistics (the column's histogram in
    pg_stats, read at most once a minute per process) rather than by counting rows
    down an index on every search. An estimate, rounded to the older
    side; the caller must cope with one that is off (see
    FacetedFilterSetMixin.newest_rows, which checks that enough rows passed it)."""
    bounds = date_statistics(model, field).bounds
    total = table_rows(model)
    if len(bounds) < 2 or not total or depth >= total:
        return None
    # Each of the histogram's buckets holds an equal share of the rows.
    buckets = len(bounds) - 1
    index = int(buckets * (1 - depth / total))
    return bounds[index] if index > 0 else None


def share_after(model, field: str, day) -> float:
    """The share of the table's rows dated after `day`, read off the column's
    statistics as `year_shares` reads them (0 when they know of no row)."""
    statistics = date_statistics(model, field)
    share = sum(frequency for common, frequency in statistics.common.items() if common > day)
    buckets = len(statistics.bounds) - 1
    if buckets > 0:
        per_bucket = statistics.histogram_share / buckets
        for low, high in pairwise(statistics.bounds):
            if high <= day:
                continue
            if low > day:
                share += per_bucket
            else:  # the bucket's days after `day`
                share += per_bucket * (high - day).days / max((high - low).days, 1)
    return share


def year_shares(model, field: str, before) -> dict[int, float]:
    """How the table's rows dated before `before` spread over the years, as shares
    that add up to 1 ({} when the statistics know of no such row). Read off the
    column's statistics: each most common date holds its own share, and each of the
    histogram's buckets an equal share spread evenly over its days. An estimate for
    estimates (FacetedFilterSetMixin.facet_counts); never shown as a count."""
    statistics = date_statistics(model, field)
    weights: dict[int, float] = {}
    for day, share in statistics.common.items():
        if day < before:
            weights[day.year] = weights.get(day.year, 0.0) + share
    buckets = len(statistics.bounds) - 1
    if buckets > 0:
        per_bucket = statistics.histogram_share / buckets
        for low, high in pairwise(statistics.bounds):
            if low >= before:
                break
            span = (high - low).days
            if span == 0:  # a bucket of one day
                weights[low.year] = weights.get(low.year, 0.0) + per_bucket
                continue
            start, end = low, min(high, before)
            while start < end:  # the bucket's days before `before`, year by year
                stop = min(date(start.year + 1, 1, 1), end)
                weights[start.year] = (
                    weights.get(start.year, 0.0) + per_bucket * (stop - start).days / span
                )
                start = stop
    total = sum(weights.values())
    return {year: weight / total for year, weight in weights.items()} if total else {}
