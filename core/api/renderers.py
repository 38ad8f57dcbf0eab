"""CSVRenderer: `format=csv`, every match (or `limit` of them) as rows, streamed in
chunks. Flat cells: a link becomes its slug, a list of links their slugs joined by
';', and text a spreadsheet would run as a formula is neutralised."""

import csv
import json

from rest_framework.renderers import BaseRenderer

from core.spreadsheets import neutralise_formula


class Echo:
    """csv.writer's file that hands each line back instead of storing it."""

    def write(self, value):
        return value


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """A whole answer at once: a list of items, or a page of them."""
        items = data.get("results", [data]) if isinstance(data, dict) else data
        columns = list(items[0]) if items else []
        return "".join(self.lines(columns, [items])).encode()

    def lines(self, columns: list[str], chunks):
        """The header, then a line per item of each chunk of serialized items."""
        writer = csv.writer(Echo())
        yield writer.writerow(columns)
        for chunk in chunks:
            for item in chunk:
                yield writer.writerow([csv_cell(item.get(column)) for column in columns])


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("slug") or value.get("id") or json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list):
        value = ";".join(str(csv_cell(item)) for item in value)
    return neutralise_formula(value)
