"""An accepted agency report never changes, whatever code path tries (PostgreSQL only).

The same guard as `0005_accepted_district_report_immutable`, for the agencies' reports (13 §
förordningen 2008:348):

- `reports_agency_report_guard` on the report: an UPDATE or DELETE of a row whose status is
  `accepted` raises, except the single write that archives its PDF (old `pdf_sha256` empty, new
  one set, every other column unchanged) and a DELETE inside a deliberate purge
  (`SET LOCAL udavtal.allow_purge = 'on'`, see `reports.district.immutability.allow_purge`).
- `reports_agency_report_child_guard` on the sections per partnership, the compilation records
  and the "compiled from" links: no INSERT, UPDATE or DELETE of a row that belongs (or belonged)
  to an accepted report, except a DELETE inside a purge. The trigger's argument names the column
  that points to the report.

The error code is `restrict_violation` (23001), which Django raises as `IntegrityError`.
See docs/decisions/0022-security.md.
"""

from django.db import migrations

REPORT_GUARD = """
CREATE OR REPLACE FUNCTION reports_agency_report_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'accepted' THEN
        IF TG_OP = 'UPDATE'
           AND OLD.pdf_sha256 = ''
           AND NEW.pdf_sha256 <> ''
           AND NEW.pdf <> ''
           AND (to_jsonb(NEW) - 'pdf' - 'pdf_sha256') = (to_jsonb(OLD) - 'pdf' - 'pdf_sha256')
        THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE'
           AND coalesce(current_setting('udavtal.allow_purge', true), '') = 'on'
        THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'accepted agency report % cannot be changed or deleted', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS reports_agency_report_guard ON reports_agencyreport;
CREATE TRIGGER reports_agency_report_guard
    BEFORE UPDATE OR DELETE ON reports_agencyreport
    FOR EACH ROW EXECUTE FUNCTION reports_agency_report_guard();
"""

CHILD_GUARD = """
CREATE OR REPLACE FUNCTION reports_agency_report_child_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    column_name text := TG_ARGV[0];
BEGIN
    IF coalesce(current_setting('udavtal.allow_purge', true), '') = 'on' AND TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF (TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM reports_agencyreport
            WHERE id = (to_jsonb(OLD) ->> column_name)::bigint AND status = 'accepted'))
       OR (TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM reports_agencyreport
            WHERE id = (to_jsonb(NEW) ->> column_name)::bigint AND status = 'accepted'))
    THEN
        RAISE EXCEPTION 'rows of an accepted agency report cannot be changed (%)', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
"""

# table → the column that points to the agency report
CHILD_TABLES = {
    "reports_agencyreportentry": "report_id",
    "reports_agencyreportcompilation": "report_id",
    "reports_agencyreport_compiled_from": "from_agencyreport_id",
}


def child_trigger_sql(table: str, column: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_accepted_guard ON {table};
CREATE TRIGGER {table}_accepted_guard
    BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION reports_agency_report_child_guard('{column}');
"""


def create_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the SQL is sent as it is (no %-placeholders; RAISE uses % itself).
    schema_editor.execute(REPORT_GUARD, params=None)
    schema_editor.execute(CHILD_GUARD, params=None)
    for table, column in CHILD_TABLES.items():
        schema_editor.execute(child_trigger_sql(table, column), params=None)


def drop_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in CHILD_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_accepted_guard ON {table};")
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS reports_agency_report_guard ON reports_agencyreport;"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS reports_agency_report_child_guard();")
    schema_editor.execute("DROP FUNCTION IF EXISTS reports_agency_report_guard();")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_published_annual_report_immutable"),
    ]

    operations = [
        migrations.RunPython(create_guards, drop_guards),
    ]
