"""What the admin's forms post, for tests that post them."""


def report_form(report, **changes):
    """The report add/change form as posted, with no inline rows, plus ``changes``."""
    data = {
        "title": report.title,
        "subtitle": "",
        "slug": report.slug,
        "kind": report.kind,
        "published_on": "2015-06-17",
        "summary": "",
        "body": "",
        "source_url": "",
        **{
            f"{prefix}-{key}": "0"
            for prefix in ["symbols", "documents", "relations_out", "recommendations"]
            for key in ["TOTAL_FORMS", "INITIAL_FORMS"]
        },
    }
    data.update(changes)
    return data
