"""The platform's machinery, shared by the content apps and below all of them:
publishing (status, workflow, history, previews), listing (filters, facets, pages),
search, the API's plumbing, caching and compiled SQL, Markdown. It imports none of
the apps above it (directory, events, reports, peaceplatform); import-linter holds
that in `make test` (pyproject.toml, [tool.importlinter])."""
