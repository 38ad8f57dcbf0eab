"""The recommendation tracker's numbers and charts: how many recommendations stand
at each implementation status now, and how that stood at the end of each year.

A recommendation's status at a moment is its latest public update dated on or
before it; with none, it is "not started" (as the status filter reads it). Both
figures come from one query each, whatever the number of recommendations or years.
The charts are inline SVG drawn here, so they need no JavaScript, and each shape
carries its status and count as data attributes and a <title> for screen readers.
"""

from dataclasses import dataclass, field

from django.db import connections

from core.listing.facets import ids_sql
from core.publishing.status import public_sql
from reports.models import ImplementationStatus

STATUSES = list(ImplementationStatus)
BAR_WIDTH = 600  # the share chart's width in SVG units; it scales with the page
COLUMN_HEIGHT = 120
COLUMN_WIDTH = 36
COLUMN_GAP = 14


@dataclass
class Segment:
    status: str
    label: str
    count: int
    share: float  # 0..1
    x: float = 0.0  # where the segment starts (share chart) or its top (year columns)
    size: float = 0.0  # its width (share chart) or height (year columns)

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def labelled(self) -> bool:
        """Tall enough in a year's column to carry its count."""
        return self.size >= 14

    @property
    def label_y(self) -> float:
        """Where its count's baseline goes, centred in a year's column segment."""
        return round(self.x + self.size / 2 + 4, 1)


@dataclass
class Year:
    year: int
    total: int
    segments: list[Segment] = field(default_factory=list)
    x: float = 0.0


@dataclass
class Progress:
    total: int
    segments: list[Segment]  # the status now, every status with at least one
    years: list[Year]  # year by year, when any update is dated
    width: int = BAR_WIDTH
    column_height: int = COLUMN_HEIGHT
    column_width: int = COLUMN_WIDTH

    @property
    def years_width(self) -> int:
        return len(self.years) * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_GAP


def segments(counts: dict[str, int], total: int) -> list[Segment]:
    shown = []
    for status in STATUSES:
        count = counts.get(status.value, 0)
        if count:
            shown.append(Segment(status.value, str(status.label), count, count / total))
    return shown


def progress(recommendations) -> Progress:
    """The figures for the recommendations of a (filtered) queryset, in one query.

    A recommendation's status at the end of a year is its last public update dated
    that year or before: so it holds the status of its last update of a year until
    the year before its next change, and is not started before its first. One pass
    over the chosen recommendations' updates, sorted, gives every year; the status now
    is the status at the end of the last year any update is dated in. (Looking an
    update up per recommendation, and again per recommendation and year, took 2.5
    times as long for 5,000 recommendations over twelve years: bench/tracker.py.)"""
    compiled = ids_sql(recommendations)
    if compiled is None:  # a queryset that can hold nothing (.none())
        return Progress(0, [], [])
    chosen_sql, chosen_params = compiled
    public = public_sql("u")
    # On the database the page reads (the replica for visitors, when there is one).
    with connections[recommendations.db].cursor() as cursor:
        cursor.execute(
            f"""
            WITH chosen(id) AS ({chosen_sql}),
            last_of_year AS (
                SELECT DISTINCT ON (u.recommendation_id, extract(year FROM u.dated))
                       u.recommendation_id AS id, u.implementation_status,
                       extract(year FROM u.dated)::int AS year
                FROM reports_recommendationupdate u
                JOIN chosen ON chosen.id = u.recommendation_id
                WHERE {public}
                ORDER BY u.recommendation_id, extract(year FROM u.dated),
                         u.dated DESC, u.id DESC
            ),
            held AS (
                SELECT implementation_status, year AS since,
                       coalesce(lead(year) OVER (PARTITION BY id ORDER BY year) - 1,
                                max(year) OVER ()) AS until
                FROM last_of_year
            )
            SELECT chosen_count.total, figures.year, figures.implementation_status, figures.n
            FROM (SELECT count(*) AS total FROM chosen) AS chosen_count
            LEFT JOIN (
                SELECT years.year, held.implementation_status, count(*) AS n
                FROM held, generate_series(held.since, held.until) AS years(year)
                GROUP BY 1, 2
            ) AS figures ON true
            """,  # noqa: S608
            chosen_params,
        )
        rows = cursor.fetchall()
    total = rows[0][0]
    if not total:
        return Progress(0, [], [])
    by_year: dict[int, dict[str, int]] = {}
    for _total, year, status, count in rows:
        if year is not None:
            by_year.setdefault(year, {})[status] = count
    not_started = ImplementationStatus.NOT_STARTED.value
    for counted in by_year.values():
        counted[not_started] = counted.get(not_started, 0) + total - sum(counted.values())
    now = segments(by_year[max(by_year)] if by_year else {not_started: total}, total)
    layout_share(now)
    years = [Year(year, total, segments(by_year[year], total)) for year in sorted(by_year)]
    layout_years(years)
    return Progress(total, now, years)


def layout_share(shown: list[Segment]) -> None:
    x = 0.0
    for segment in shown:
        segment.x = round(x, 2)
        segment.size = round(segment.share * BAR_WIDTH, 2)
        x += segment.share * BAR_WIDTH


def layout_years(years: list[Year]) -> None:
    for index, year in enumerate(years):
        year.x = COLUMN_GAP + index * (COLUMN_WIDTH + COLUMN_GAP)
        top = float(COLUMN_HEIGHT)
        for segment in year.segments:  # stacked from the bottom, in the scale's order
            size = segment.share * COLUMN_HEIGHT
            top -= size
            segment.x = round(top, 2)
            segment.size = round(size, 2)
