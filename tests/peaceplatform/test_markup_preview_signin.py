"""Markdown made harmless, signed preview links, and staff sign-in safety."""

import datetime
import time
from html.parser import HTMLParser

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from core import markup
from core.publishing import preview
from core.publishing.status import Status
from tests.factories import EventFactory, PersonFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

HOSTILE = """Intro with **bold** and a [fine link](https://example.org).

<script>alert("x")</script>

[click me](javascript:alert(1)) and <a href="javascript:alert(2)">raw link</a>

"><img src=x onerror=alert(3)> <iframe src="https://evil.example"></iframe>

<p style="position:fixed" onclick="alert(4)">styled</p>
"""


def test_markdown_keeps_formatting_and_removes_script():
    html = str(markup.render(HOSTILE))
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">fine link</a>' in html
    for danger in ["<script", "javascript:", "onerror", "onclick", "<iframe", "<img", "style="]:
        assert danger not in html.lower(), danger


def test_footnotes_and_tables_render_and_stay_in_their_own_text():
    first = (
        "The DPKO[^1] plans.\n\n"
        "[^1]: Since 2019, the Department of Peace Operations.\n\n"
        "| Year | Status |\n|---|---|\n| 2015 | announced |\n"
    )
    html = str(markup.render(first))
    assert "<sup>" in html
    assert "Since 2019, the Department of Peace Operations." in html
    assert "<td>announced</td>" in html
    second = str(markup.render("The DPKO plans.[^1]"))
    assert second == "<p>The DPKO plans.[^1]</p>"


def test_raw_html_in_the_text_is_left_out():
    html = str(markup.render('The <abbr title="x">DPKO</abbr> <b>plans</b>.'))
    assert html == "<p>The DPKO plans.</p>"


NESTED = [
    "[" * 50_000 + "]" * 50_000,
    "[a](" * 50_000,
    "![" * 50_000,
    "*a" * 50_000,
    "_" * 50_000 + "a" + "_" * 50_000,
    ">" * 50_000 + " a",
    "- " * 50_000 + "a",
    "<" * 50_000,
    "[^1]" * 50_000,
    "`" * 50_000 + "a",
    "> " * 50_000 + "a",
    "**a" * 30_000 + "**" * 30_000,
    "<div>" * 20_000,
]


@pytest.mark.parametrize("text", NESTED, ids=lambda t: repr(t[:4]))
def test_pathological_markdown_renders_within_a_second(text, reliability):
    started = time.perf_counter()
    markup.render(text)
    took = time.perf_counter() - started
    assert took < 1.0, f"{took:.2f} s"
    reliability("Markdown in linear time", **{f"{text[:4]!r} x 50,000 (s)": round(took, 3)})


def test_nul_bytes_and_odd_characters_render(client):
    assert "\x00" not in str(markup.render("a\x00b **c**"))


def test_the_preview_refuses_text_longer_than_any_field_with_a_clear_400(signed_in):
    client = signed_in("editor")
    response = client.post(reverse("markdown-preview"), {"text": "[" * (markup.MAX_LENGTH + 1)})
    assert response.status_code == 400
    assert f"no field takes more than {markup.MAX_LENGTH:,}" in response.content.decode()
    nested = "[" * 50_000 + "]" * 50_000
    assert len(nested) == markup.MAX_LENGTH  # the longest a field takes, rendered
    started = time.perf_counter()
    assert client.post(reverse("markdown-preview"), {"text": nested}).status_code == 200
    assert time.perf_counter() - started < 2.0


def test_every_markdown_field_has_a_maximum_length():
    """Each field a template renders with |markdown caps its length (the admin's form
    refuses longer text with a message); docs/curators.md lists the caps."""
    import re
    from pathlib import Path

    from django.apps import apps

    from core import translations

    models = {m._meta.model_name: m for m in apps.get_models()}
    templates = Path(__file__).resolve().parents[2] / "templates"
    rendered = {
        match.groups()
        for path in templates.rglob("*.html")
        # report.body, or report.local.body (in the page's language: core/translations.py)
        for match in re.finditer(r"(\w+)(?:\.local)?\.(\w+)\|markdown", path.read_text())
    }
    assert len(rendered) >= 7
    for model_name, field in rendered:
        model = models[model_name]
        cap = model._meta.get_field(field).max_length
        assert cap in {markup.SHORT_MAX_LENGTH, markup.MAX_LENGTH}, (model_name, field)
        # Its translations have the same cap.
        for column in translations.translation_columns(model):
            if column.startswith(f"{field}_"):
                assert model._meta.get_field(column).max_length == cap, (model_name, column)


class ActiveContent(HTMLParser):
    """Collects what a browser would run or follow: script elements, event-handler
    and style attributes, javascript: addresses, frames and embedded objects."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        # JSON-LD is data, not code (and escapes "<" inside): only scripts that run count.
        self.in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        if tag in {"iframe", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag}[{name}={value}]")

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append("script")


def test_a_public_page_renders_hostile_markdown_harmless(client):
    report = ReportFactory(summary=HOSTILE, body=HOSTILE)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in page
    parser = ActiveContent()
    parser.feed(page)
    assert parser.found == []


def test_the_admin_preview_renders_like_the_public_page(signed_in):
    client = signed_in("editor")
    response = client.post(reverse("markdown-preview"), {"text": HOSTILE})
    assert response.status_code == 200
    assert response.content.decode() == str(markup.render(HOSTILE))
    client.logout()
    assert client.post(reverse("markdown-preview"), {"text": "x"}).status_code == 302  # to login


@pytest.mark.parametrize(
    "factory", [ReportFactory, EventFactory, PersonFactory, TopicFactory], ids=lambda f: f.__name__
)
def test_a_signed_link_shows_a_draft_as_its_public_page(client, factory):
    draft = factory(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    address, _ = preview.link(draft)
    response = client.get(address)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This page is not public" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    public = factory(status=Status.PUBLISHED)
    public_page = client.get(public.get_absolute_url())
    assert public_page.templates[0].name == response.templates[0].name


def test_a_forged_or_altered_link_is_not_found(client):
    draft = ReportFactory(status=Status.DRAFT)
    address, _ = preview.link(draft)
    token = address.split("/")[2]
    assert client.get(f"/preview/{token[:-2]}xx/").status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404


def test_an_expired_link_says_so(client, settings):
    draft = ReportFactory(status=Status.DRAFT)
    _, expires = preview.link(draft)
    assert expires > timezone.now() + datetime.timedelta(days=settings.PREVIEW_LINK_DAYS - 1)

    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            days = settings.PREVIEW_LINK_DAYS + 1
            return signing.b62_encode(int(time.time()) - days * 86400)

    token = SignedLongAgo(salt=preview.SALT).sign_object(
        ["reports.report", draft.pk], compress=True
    )
    response = client.get(f"/preview/{token}/")
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_staff_see_the_preview_link_on_the_change_form(signed_in):
    client = signed_in("editor")
    draft = ReportFactory(status=Status.DRAFT)
    page = client.get(reverse("admin:reports_report_change", args=[draft.pk])).content.decode()
    assert "/preview/" in page
    assert "Share this preview with a reviewer" in page


class TestSignIn:
    URL = "/admin/login/?next=/admin/"

    @pytest.fixture
    def staff(self, django_user_model):
        return django_user_model.objects.create_user(
            "staffer", password="correct-horse-battery-staple", is_staff=True
        )

    def attempt(self, client, password):
        return client.post(self.URL, {"username": "staffer", "password": password})

    def test_repeated_failures_lock_the_account_out(self, client, staff, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.attempt(client, "wrong").status_code == 200
        locked = self.attempt(client, "wrong")
        assert locked.status_code == 429
        assert "Too many failed sign-ins" in locked.content.decode()
        # Even the right password is refused while locked.
        assert self.attempt(client, "correct-horse-battery-staple").status_code == 429
        from axes.models import AccessAttempt

        assert AccessAttempt.objects.get(username="staffer").failures_since_start >= 5

    def test_the_session_is_renewed_at_sign_in(self, client, staff):
        client.get(self.URL)
        session = client.session
        session["before"] = "sign-in"
        session.save()
        before = session.session_key
        response = self.attempt(client, "correct-horse-battery-staple")
        assert response.status_code == 302
        assert client.session.session_key != before

    def test_passwords_are_validated(self, staff):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            validate_password("password", staff)
        with pytest.raises(ValidationError):
            validate_password("12345678901", staff)


def test_the_demo_renders_as_it_did_with_python_markdown(demo):
    """The renderer changed (Python-Markdown to cmark-gfm); the demo's texts come out
    the same, compared after both pass the same sanitizer and with the whitespace
    between tags collapsed."""
    import re

    import markdown as python_markdown

    from directory.models import Organization, Person, Topic
    from events.models import Event
    from reports.models import Report

    def normalised(html):
        return re.sub(r">\s+<", "><", str(html)).strip()

    compared = 0
    for model, fields in [
        (Report, ["summary", "body"]),
        (Event, ["summary", "body"]),
        (Organization, ["description"]),
        (Person, ["biography"]),
        (Topic, ["description"]),
    ]:
        for row in model.objects.values(*fields):
            for text in row.values():
                if not text:
                    continue
                before = markup.sanitize(
                    python_markdown.markdown(text, extensions=["extra", "sane_lists"])
                )
                assert normalised(markup.render(text)) == normalised(before), text[:80]
                compared += 1
    assert compared >= 10


@pytest.mark.parametrize(
    "address", ["/feeds/reports/", "/feeds/reports/atom/", "/feeds/events/", "/feeds/events/atom/"]
)
def test_feeds_carry_summaries_rendered_and_sanitized_as_on_pages(client, address):
    import xml.etree.ElementTree as ET

    ReportFactory(summary=HOSTILE)
    EventFactory(summary=HOSTILE)
    root = ET.fromstring(client.get(address).content)
    descriptions = [
        element.text or ""
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in {"description", "summary"}
    ]
    items = [d for d in descriptions if "bold" in d]
    assert items, descriptions
    for html in items:
        # What a feed reader gets, once the XML is read, is the page's HTML.
        assert "<strong>bold</strong>" in html
        assert html == str(markup.render(HOSTILE))
        for danger in ["<script", "javascript:", "onerror", "onclick", "<iframe", "style="]:
            assert danger not in html.lower(), danger


def test_a_tracker_feed_escapes_an_update_summary(client):
    import xml.etree.ElementTree as ET

    from tests.factories import RecommendationUpdateFactory

    update = RecommendationUpdateFactory(summary='<script>alert("x")</script> Begun.')
    report = update.recommendation.report
    root = ET.fromstring(client.get(f"/feeds/reports/{report.slug}/tracker/").content)
    [summary] = [e.text for e in root.iter() if e.tag.endswith("summary")]
    assert summary == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Begun."
