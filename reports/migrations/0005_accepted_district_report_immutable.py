"""An accepted district report never changes, whatever code path tries (PostgreSQL only).

Triggers:

- `reports_district_report_guard` on the report: an UPDATE or DELETE of a row whose status is
  `accepted` raises, with one exception: the single write that archives the PDF right after the
  acceptance (old `pdf_sha256` empty, new one set, every other column unchanged). After that write
  the checksum is set and nothing can change the row any more. A DELETE is also allowed when the
  transaction has said `SET LOCAL udavtal.allow_purge = 'on'` (a deliberate purge, e.g. resetting
  the demo data; see `reports.district.immutability.allow_purge`). No UPDATE is ever allowed.
- `reports_district_report_child_guard` on narratives, reported indicator values and reported
  measures: no INSERT, UPDATE or DELETE of a row that belongs (or belonged) to an accepted report,
  except inside such a purge.

The error code is `restrict_violation` (23001), which Django raises as `IntegrityError`.
See docs/decisions/0014-plans-district-reports.md.
"""

from django.db import migrations

REPORT_GUARD = """
CREATE OR REPLACE FUNCTION reports_district_report_guard() RETURNS trigger
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
        RAISE EXCEPTION 'accepted district report % cannot be changed or deleted', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS reports_district_report_guard ON reports_annualdistrictreport;
CREATE TRIGGER reports_district_report_guard
    BEFORE UPDATE OR DELETE ON reports_annualdistrictreport
    FOR EACH ROW EXECUTE FUNCTION reports_district_report_guard();
"""

CHILD_GUARD = """
CREATE OR REPLACE FUNCTION reports_district_report_child_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('udavtal.allow_purge', true), '') = 'on' AND TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF (TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM reports_annualdistrictreport
            WHERE id = OLD.report_id AND status = 'accepted'))
       OR (TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM reports_annualdistrictreport
            WHERE id = NEW.report_id AND status = 'accepted'))
    THEN
        RAISE EXCEPTION 'rows of an accepted district report cannot be changed (%)', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
"""

CHILD_TABLES = (
    "reports_reportnarrative",
    "reports_reportindicatorvalue",
    "reports_reportmeasure",
)


def child_trigger_sql(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_accepted_guard ON {table};
CREATE TRIGGER {table}_accepted_guard
    BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION reports_district_report_child_guard();
"""


def create_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the SQL is sent as it is (no %-placeholders; RAISE uses % itself).
    schema_editor.execute(REPORT_GUARD, params=None)
    schema_editor.execute(CHILD_GUARD, params=None)
    for table in CHILD_TABLES:
        schema_editor.execute(child_trigger_sql(table), params=None)


def drop_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in CHILD_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_accepted_guard ON {table};")
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS reports_district_report_guard ON reports_annualdistrictreport;"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS reports_district_report_child_guard();")
    schema_editor.execute("DROP FUNCTION IF EXISTS reports_district_report_guard();")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_report_reminders"),
    ]

    operations = [
        migrations.RunPython(create_guards, drop_guards),
    ]
