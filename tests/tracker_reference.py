"""The tracker's figures the first way they were worked out, kept as the reference that
tests/reports/test_tracker.py checks reports/tracker.py against and bench/tracker.py
times it beside."""

from django.db import connections


def reference_progress(recommendations) -> tuple[dict, dict]:
    """Each recommendation's latest public update looked up for now, and again for the
    end of every year: ({status: count} now, {year: {status: count}})."""
    public = "u.status = 'published' AND u.publish_at <= statement_timestamp()"
    ids = recommendations.order_by().values("pk")
    ids_sql, ids_params = ids.query.get_compiler(recommendations.db).as_sql()
    with connections[recommendations.db].cursor() as cursor:
        cursor.execute(
            f"""
            WITH chosen(id) AS ({ids_sql})
            SELECT coalesce(latest.implementation_status, 'not_started'), count(*),
                   min(min(first_update.year)) OVER (), max(max(latest.year)) OVER ()
            FROM chosen
            LEFT JOIN LATERAL (
                SELECT u.implementation_status, extract(year FROM u.dated)::int AS year
                FROM reports_recommendationupdate u
                WHERE u.recommendation_id = chosen.id AND {public}
                ORDER BY u.dated DESC, u.id DESC LIMIT 1
            ) latest ON true
            LEFT JOIN LATERAL (
                SELECT extract(year FROM min(u.dated))::int AS year
                FROM reports_recommendationupdate u
                WHERE u.recommendation_id = chosen.id AND {public}
            ) first_update ON true
            GROUP BY 1
            """,  # noqa: S608
            ids_params,
        )
        rows = cursor.fetchall()
        now = {status: count for status, count, _, _ in rows}
        if not rows or rows[0][2] is None:
            return now, {}
        cursor.execute(
            f"""
            WITH chosen(id) AS ({ids_sql})
            SELECT years.year, coalesce(latest.implementation_status, 'not_started'), count(*)
            FROM generate_series(%s::int, %s::int) AS years(year)
            CROSS JOIN chosen
            LEFT JOIN LATERAL (
                SELECT u.implementation_status
                FROM reports_recommendationupdate u
                WHERE u.recommendation_id = chosen.id AND {public}
                  AND u.dated <= make_date(years.year, 12, 31)
                ORDER BY u.dated DESC, u.id DESC LIMIT 1
            ) latest ON true
            GROUP BY 1, 2
            """,  # noqa: S608
            [*ids_params, rows[0][2], rows[0][3]],
        )
        by_year = {}
        for year, status, count in cursor.fetchall():
            by_year.setdefault(year, {})[status] = count
    return now, by_year
