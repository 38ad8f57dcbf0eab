"""Server-drawn charts: the geometry of small inline SVGs, computed here so that the
templates only place what is given (pages work without JavaScript, and the figures
are in a table beside each chart)."""

import datetime
import math


def nice_ceiling(value: float) -> int:
    """The round number a chart's axis ends at: 1, 2, 2.5 or 5 times a power of ten
    at or above the value (9,300 → 10,000; 1,260 → 2,000; 210 → 250)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            # Rounded up: 2.5 of a unit is 3, never 2, below a value of 2.3.
            return math.ceil(step * power)
    return math.ceil(10 * power)


# A monthly chart's geometry: its size and the room left for the axis labels.
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 200, 64, 12, 12, 28


def monthly_chart(points: list[tuple[datetime.date, int]]) -> dict:
    """A line of monthly counts, (month, count) in order of month: the line's points,
    the axis's top value, and a tick at each January (every fifth one when the span
    is long)."""
    if not points:
        return {}
    first, last = points[0][0], points[-1][0]

    def index(month: datetime.date) -> int:
        return (month.year - first.year) * 12 + month.month - first.month

    span = max(index(last), 1)
    top = nice_ceiling(max(count for _, count in points))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(month: datetime.date) -> float:
        return round(LEFT + index(month) * plot_width / span, 1)

    def y(count: int) -> float:
        return round(TOP + plot_height - count * plot_height / top, 1)

    line = " ".join(f"{x(month)},{y(count)}" for month, count in points)
    years = last.year - first.year
    every = 1 if years <= 8 else 5 if years <= 40 else 10
    ticks = [
        {"label": year, "x": x(datetime.date(year, 1, 1))}
        for year in range(first.year + (first.month > 1), last.year + 1)
        if year % every == 0 or every == 1
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top_y": TOP,
        "base_y": TOP + plot_height,
        "top": top,
        "middle": top // 2 if top % 2 == 0 else top / 2,
        "middle_y": round(TOP + plot_height / 2, 1),
        "line": line,
        # The area under the line, closed along the axis.
        "area": f"{x(first)},{TOP + plot_height} {line} {x(last)},{TOP + plot_height}",
        "ticks": ticks,
        "single": len(points) == 1,
        "dot": (x(first), y(points[0][1])),
    }
