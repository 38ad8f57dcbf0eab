"""The site's own pages as the platform ships them (directory.models.Page): each page's
body is the Markdown file of its name here. A new installation publishes them as they
are (migration 0006); the address shows this text while no version is published."""

from pathlib import Path

DEFAULT_PAGES = {
    "methodology": {
        "title": "How implementation statuses are decided",
        "description": "What the recommendation tracker's statuses mean, who decides them "
        "and on what sources: each status is the platform's assessment, with its source.",
    },
}


def default_page(address: str) -> dict:
    """{title, description, body} of the page at ``address``."""
    body = (Path(__file__).parent / f"{address}.md").read_text(encoding="utf-8")
    return {**DEFAULT_PAGES[address], "body": body}
