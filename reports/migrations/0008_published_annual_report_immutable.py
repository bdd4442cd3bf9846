"""A published annual report to the Riksdag never changes, whatever code path tries (PostgreSQL).

Trigger `reports_annual_report_guard` on `reports_annualreport`: an UPDATE of a row whose status
is `published` raises, always (publishing itself is the UPDATE that turns a draft into a
published row, with its file and SHA-256, so it passes: the old row is still a draft). A DELETE
of a published row raises too, except inside a deliberate purge (`SET LOCAL
udavtal.allow_purge = 'on'`, see `reports.district.immutability.allow_purge`), the same escape
hatch as for accepted district reports (migration 0005).

The error code is `restrict_violation` (23001), which Django raises as `IntegrityError`.
See docs/decisions/0021-annual-report.md.
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION reports_annual_report_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'published' THEN
        IF TG_OP = 'DELETE'
           AND coalesce(current_setting('udavtal.allow_purge', true), '') = 'on'
        THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'published annual report % cannot be changed or deleted', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS reports_annual_report_guard ON reports_annualreport;
CREATE TRIGGER reports_annual_report_guard
    BEFORE UPDATE OR DELETE ON reports_annualreport
    FOR EACH ROW EXECUTE FUNCTION reports_annual_report_guard();
"""


def create_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(GUARD, params=None)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS reports_annual_report_guard ON reports_annualreport;"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS reports_annual_report_guard();")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_annual_report_version"),
    ]

    operations = [
        migrations.RunPython(create_guard, drop_guard),
    ]
