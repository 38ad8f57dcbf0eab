"""The README stays a front door (what the platform is, the two commands, a map of the
guides); the guides live in docs/, one per audience, and every one is in the site's
navigation. (`make test` builds them with mkdocs --strict: no broken link.)"""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_the_readme_is_short_and_maps_every_guide():
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) <= 12 * 1024
    assert readme.startswith("# Peace Operations Knowledge Platform\n\n```sh\nmake run")
    guides = sorted(p.relative_to(BASE_DIR).as_posix() for p in (BASE_DIR / "docs").rglob("*.md"))
    linked = set(re.findall(r"\]\((docs/[^)]+\.md)\)", readme))
    assert set(guides) - {"docs/index.md"} <= linked


def test_every_guide_is_in_the_navigation():
    config = (BASE_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (BASE_DIR / "docs").rglob("*.md"):
        assert page.relative_to(BASE_DIR / "docs").as_posix() in config, page
