"""Status and the editorial workflow, the history of every change, preview links, the
trash."""

# The apps whose models are editorial content: curated in the admin, published by the
# workflow, recorded in the history, restorable from the trash, and shown by public
# pages (so their tables move the page cache's content version).
CONTENT_APPS = ("directory", "operations", "events", "reports")
