"""Schemathesis hooks (loaded with SCHEMATHESIS_HOOKS) for what an OpenAPI 3.0 schema
cannot say, so that the *positive* cases are requests a careful partner could send.
Negative cases are left exactly as generated: the API must refuse them all.

Each rule is read from the schema itself, where the API states it:
- `x-conflicts-with` on a parameter: the parameters (or `name=value`) it cannot be
  combined with; the conflicting one is dropped.
- `x-value-requires` on a parameter: a value that needs another parameter, e.g.
  ordering=relevance needs q; the value is dropped when the other is absent.
- `x-issued-by-server` (the cursor): only `*` or a cursor from `next` is valid, so a
  positive case starts at `*`.
- `x-requires` on a parameter: the parameters it means nothing without (facet_limit
  without facets); it is dropped when one is absent.
- `x-needs-with` on a parameter: {other: needed}: given with `other`, it needs `needed`
  too (a cursor with q needs an ordering); the parameter is dropped when it lacks it.
And one from the data: filters that name other items (topic=, member_state=, …) must
name published ones. The test passes those values in PEACE_SCHEMATHESIS_REFERENCES
(JSON: list path -> parameter name -> values); a generated value is swapped for one of them.
"""

import json
import os
import zlib

import schemathesis

REFERENCES = json.loads(os.environ.get("PEACE_SCHEMATHESIS_REFERENCES", "{}"))


def parameters(case, method=None) -> dict:
    operation = case.operation
    raw = operation.schema.raw_schema["paths"][operation.path][method or operation.method.lower()]
    return {p["name"]: p for p in raw.get("parameters", []) if p.get("in") == "query"}


def given(query, name) -> bool:
    value = query.get(name)
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return value is not None and str(value).strip() != ""


def pick(values, seed) -> str:
    # Deterministic for a given generated value, so runs with a fixed seed repeat.
    return values[zlib.crc32(repr(seed).encode()) % len(values)]


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return case
    # A list's POST takes the GET list's parameters as a JSON object (core/api/
    # posted.py), under the same rules, read from the GET operation.
    posted = case.operation.method.lower() == "post"
    if posted and isinstance(case.body, dict) and case.body:
        case.body = mapped(case, dict(case.body), parameters(case, "get"))
    elif not posted and case.query:
        case.query = mapped(case, dict(case.query), parameters(case))
    return case


def mapped(case, query: dict, described: dict) -> dict:
    references = REFERENCES.get(case.operation.path, {})
    for name, value in list(query.items()):
        if references.get(name):
            values = value if isinstance(value, list) else [value]
            chosen = [pick(references[name], v) for v in values]
            query[name] = chosen if isinstance(value, list) else chosen[0]
    for name, spec in described.items():
        if name not in query:
            continue
        if spec.get("x-issued-by-server"):
            query[name] = "*"
        for conflict in spec.get("x-conflicts-with", []):
            other, _sep, other_value = conflict.partition("=")
            if other in query and (not other_value or query[other] == other_value):
                del query[other]
    for name, spec in described.items():
        required = spec.get("x-value-requires", {}).get(str(query.get(name)))
        if required and not given(query, required):
            del query[name]
    for name, spec in described.items():
        if name in query and not all(given(query, other) for other in spec.get("x-requires", [])):
            del query[name]
    for name, spec in described.items():
        for other, needed in spec.get("x-needs-with", {}).items():
            if name in query and given(query, other) and not given(query, needed):
                del query[name]
    return query
