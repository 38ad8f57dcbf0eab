from django.db import migrations

# A report's search copies (migration 0002) and facet keys (0011) are the link tables'
# to write. A model saved from an instance loaded before its symbols, documents or links
# changed writes back the copies it read, and the report then searched and filtered as
# it was. An UPDATE of the row that changes a copy gets it worked out again instead;
# not the refreshes' own UPDATEs, issued from the link tables' triggers
# (pg_trigger_depth() > 0), which have just worked the copies out (a document's text,
# up to 200,000 characters, would be aggregated twice).
TRIGGER = """
CREATE FUNCTION reports_symbols_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(symbol, ' ' ORDER BY "order", symbol), '')
    FROM reports_documentsymbol WHERE report_id = target;
$$ LANGUAGE sql STABLE;

-- As reports_refresh_search_copies (0002): a tsvector holds at most 1 MB.
CREATE FUNCTION reports_documents_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(left(extracted_text, 200000), ' ' ORDER BY language), '')
    FROM reports_reportdocument WHERE report_id = target;
$$ LANGUAGE sql STABLE;

CREATE FUNCTION reports_keep_copies() RETURNS trigger AS $$
BEGIN
    IF NEW.facet_keys IS DISTINCT FROM OLD.facet_keys THEN
        NEW.facet_keys := reports_facet_keys_of(NEW.id);
    END IF;
    IF NEW.search_symbols IS DISTINCT FROM OLD.search_symbols THEN
        NEW.search_symbols := reports_symbols_of(NEW.id);
    END IF;
    IF NEW.search_documents IS DISTINCT FROM OLD.search_documents THEN
        NEW.search_documents := reports_documents_of(NEW.id);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_keeps_its_copies
    BEFORE UPDATE ON reports_report
    FOR EACH ROW WHEN (
        pg_trigger_depth() = 0 AND (
            NEW.facet_keys IS DISTINCT FROM OLD.facet_keys
            OR NEW.search_symbols IS DISTINCT FROM OLD.search_symbols
            OR NEW.search_documents IS DISTINCT FROM OLD.search_documents
        )
    )
    EXECUTE FUNCTION reports_keep_copies();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS report_keeps_its_copies ON reports_report;
DROP FUNCTION IF EXISTS reports_keep_copies();
DROP FUNCTION IF EXISTS reports_documents_of(bigint);
DROP FUNCTION IF EXISTS reports_symbols_of(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("reports", "0017_list_columns_inline")]

    operations = [migrations.RunSQL(TRIGGER, DROP_TRIGGER)]
