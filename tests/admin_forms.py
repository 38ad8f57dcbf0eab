"""What the admin's forms post, for tests that post them."""

from html.parser import HTMLParser


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


class _FormReader(HTMLParser):
    """What a browser would post from the admin's change form (<form id="…_form">)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select = None  # (name, multiple, options seen, options selected)
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id", "").endswith("_form")
        if not self.in_form or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = [attrs["name"], "multiple" in attrs, [], []]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select[2].append(value)
            if "selected" in attrs:
                self.select[3].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            self.add(*self.textarea)
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, multiple, options, selected = self.select
            if selected:
                for value in selected if multiple else selected[:1]:
                    self.add(name, value)
            elif options and not multiple:
                self.add(name, options[0])
            self.select = None


def change_form_data(html: str) -> dict[str, list[str]]:
    """The fields of an admin change form page, as a browser would submit them."""
    reader = _FormReader()
    reader.feed(html)
    return reader.data
