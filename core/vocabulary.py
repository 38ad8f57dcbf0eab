"""The words of the published catalogue, for "Did you mean …?": when a search finds
nothing, each of its words the catalogue does not use is replaced by the closest word
it does use: among the nearest by trigrams (pg_trgm), the fewest edits away, the more
frequent first among those.

The words are the catalogue's own, as PostgreSQL's `ts_stat` counts them over the
titles, subtitles and summaries of published reports and events and the texts of
their recommendations, with the `simple` configuration: whole words as written, not
stems ("peacekeeping", not "peacekeep"), since they are shown. They live in a
materialized view, refreshed by `manage.py refresh_vocabulary` (after loading content,
and daily in production: docs/operations.md). A refresh lags behind the catalogue, so
a suggestion is offered only when it finds something published now: a word of a
report withdrawn since the last refresh is never suggested."""

import re

from django.db import connection

from core.publishing.status import public_sql

VIEW = "search_vocabulary"

# Words shorter than this are not corrected, nor suggested: "un", "of", "a/".
SHORTEST = 3


def create_sql(schema: str) -> str:
    """The view, its tables named with their schema: PostgreSQL (17 and later) runs a
    materialized view's query, and so the query `ts_stat` runs, with a search path of
    pg_catalog alone when it refreshes it."""
    if not schema.isidentifier():
        raise ValueError(f"not a schema name: {schema!r}")
    documents = f"""
        SELECT to_tsvector('simple', r.title || ' ' || r.subtitle || ' ' || r.summary)
          FROM {schema}.reports_report r WHERE {public_sql("r")}
        UNION ALL
        SELECT to_tsvector('simple', e.title || ' ' || e.summary)
          FROM {schema}.events_event e WHERE {public_sql("e")}
        UNION ALL
        SELECT to_tsvector('simple', c.title || ' ' || c.text)
          FROM {schema}.reports_recommendation c
          JOIN {schema}.reports_report r ON r.id = c.report_id
         WHERE {public_sql("r")}
    """  # noqa: S608 - constants and a schema name checked above
    return f"""
    CREATE MATERIALIZED VIEW {VIEW} AS
    SELECT word, ndoc AS documents
      FROM ts_stat($documents${documents}$documents$)
     WHERE length(word) BETWEEN {SHORTEST} AND 40 AND word ~ '^[[:alpha:]]';
    CREATE UNIQUE INDEX search_vocabulary_word ON {VIEW} (word);
    CREATE INDEX search_vocabulary_trigram ON {VIEW} USING gist (word gist_trgm_ops);
    """  # noqa: S608 - constants and a schema name checked above


DROP_SQL = f"DROP MATERIALIZED VIEW IF EXISTS {VIEW};"

# For each unknown word, the known words nearest to it by trigram distance (through
# the GiST index), with how many documents use each; `corrected` picks among them.
NEAREST = 10
CLOSEST_SQL = f"""
SELECT asked.word, near.word, near.documents
  FROM unnest(%s::text[]) AS asked(word)
  CROSS JOIN LATERAL (
    SELECT v.word, v.documents FROM {VIEW} v
     WHERE v.word %% asked.word
     ORDER BY v.word <-> asked.word
     LIMIT {NEAREST}) AS near
 WHERE NOT EXISTS (SELECT 1 FROM {VIEW} v WHERE v.word = asked.word)
"""  # noqa: S608 - constants; the words are a parameter


def edits(typed: str, known: str) -> int:
    """Letters inserted, deleted, replaced or swapped with a neighbour to turn one word
    into the other (optimal string alignment): "strenghts" is one swap from "strengths",
    three edits from "strengthen"."""
    previous2, previous = None, list(range(len(known) + 1))
    for i, letter in enumerate(typed, 1):
        current = [i] + [0] * len(known)
        for j, other in enumerate(known, 1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)
            )
            if i > 1 and j > 1 and letter == known[j - 2] and typed[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def refresh() -> None:
    """Count the published catalogue's words again; readers keep the old counts until
    the new ones are ready (CONCURRENTLY)."""
    with connection.cursor() as cursor:
        cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {VIEW}")


def corrected(query: str) -> str | None:
    """The query with each word the catalogue does not use replaced by its closest
    word, or None when no word was replaced."""
    asked = {word.lower() for word in WORD.findall(query) if len(word) >= SHORTEST}
    if not asked or len(asked) > 20:
        return None
    with connection.cursor() as cursor:
        cursor.execute(CLOSEST_SQL, [sorted(asked)])
        nearest = cursor.fetchall()
    # Fewest edits first, then the word more documents use: trigrams alone put
    # "strengthen" (in 40,000 documents) as near to "strenghts" as "strengths" is.
    best = {}
    for word, known, documents in nearest:
        key = (edits(word, known), -documents, known)
        if word not in best or key < best[word]:
            best[word] = key
    replacements = {word: key[2] for word, key in best.items()}
    if not replacements:
        return None
    return WORD.sub(lambda match: replacements.get(match.group().lower(), match.group()), query)


def suggestion(query: str, finds) -> str | None:
    """The corrected query, if `finds(corrected)` says it finds published rows."""
    better = corrected(query)
    if better is None or better.lower() == query.lower() or not finds(better):
        return None
    return better


def list_suggestion(filterset, results) -> dict | None:
    """For a list page that found nothing for its words: the corrected words and the
    page's query string with them (every other filter kept), if they find something
    under the same filters; else None."""
    query = filterset.form.cleaned_data.get("q")
    if not query or results.total:
        return None

    def with_words(words):
        data = filterset.data.copy()
        data["q"] = words
        data.pop("page", None)
        return data

    def finds(words):
        return type(filterset)(with_words(words), queryset=filterset.queryset).qs.exists()

    better = suggestion(query, finds)
    if better is None:
        return None
    return {"words": better, "query_string": with_words(better).urlencode()}
