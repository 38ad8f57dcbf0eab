"""Renders static/img/og.svg to static/img/og.png (the Open Graph image) in Chromium:
run after changing the SVG, `.venv/bin/python tools/render_og_image.py`."""

from pathlib import Path

from playwright.sync_api import sync_playwright

svg = Path("static/img/og.svg").read_text()
with sync_playwright() as p:
    b = p.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
    )
    page = b.new_page(viewport={"width": 1200, "height": 630})
    page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    page.screenshot(path="static/img/og.png", clip={"x": 0, "y": 0, "width": 1200, "height": 630})
    b.close()
