"""Symbol prefix lookups (DocumentSymbol.objects.report_ids_starting), the first step of
a search typed as a document symbol."""

import pytest

from reports.models import DocumentSymbol
from tests.factories import DocumentSymbolFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_the_reports_of_symbols_with_the_prefix_in_symbol_order_up_to_the_limit():
    reports = {symbol: ReportFactory() for symbol in ["A/70/95", "A/70/357", "A/70/6", "A/71/1"]}
    for symbol, report in reports.items():
        DocumentSymbolFactory(report=report, symbol=symbol)
    found = DocumentSymbol.objects.report_ids_starting("A/70/", 10)
    assert found == [reports["A/70/357"].pk, reports["A/70/6"].pk, reports["A/70/95"].pk]
    assert DocumentSymbol.objects.report_ids_starting("A/70/", 2) == found[:2]
    assert DocumentSymbol.objects.report_ids_starting("A/70/95", 10) == [reports["A/70/95"].pk]
    assert DocumentSymbol.objects.report_ids_starting("S/", 10) == []


@pytest.mark.parametrize("prefix", ["A/7_/", "A/%", "A\\"])
def test_like_wildcards_in_a_prefix_match_only_themselves(prefix):
    DocumentSymbolFactory(symbol="A/70/95")
    assert DocumentSymbol.objects.report_ids_starting(prefix, 10) == []
