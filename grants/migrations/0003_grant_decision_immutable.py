"""A grant decision never changes once made, whatever code path tries (PostgreSQL only).

- `grants_decision_guard` on the decision: every UPDATE raises except the single write that
  archives the decision document (old `pdf_sha256` empty, new one set, every other column
  unchanged); a DELETE raises except inside a deliberate purge
  (`SET LOCAL udavtal.allow_purge = 'on'`, see `reports.district.immutability.allow_purge`).
- `grants_decision_amount_guard` on the decided amounts per year: no UPDATE, and no DELETE
  outside a purge. (Payments and reclaims are rows of their own that refer to the amount.)

The error code is `restrict_violation` (23001), which Django raises as `IntegrityError`.
See docs/decisions/0022-security.md.
"""

from django.db import migrations

GUARDS = """
CREATE OR REPLACE FUNCTION grants_decision_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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
    RAISE EXCEPTION 'grant decision % cannot be changed or deleted', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$;

DROP TRIGGER IF EXISTS grants_decision_guard ON grants_grantdecision;
CREATE TRIGGER grants_decision_guard
    BEFORE UPDATE OR DELETE ON grants_grantdecision
    FOR EACH ROW EXECUTE FUNCTION grants_decision_guard();

CREATE OR REPLACE FUNCTION grants_decision_amount_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND coalesce(current_setting('udavtal.allow_purge', true), '') = 'on'
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'amounts of grant decision % cannot be changed or deleted', OLD.decision_id
        USING ERRCODE = 'restrict_violation';
END;
$$;

DROP TRIGGER IF EXISTS grants_decision_amount_guard ON grants_grantdecisionamount;
CREATE TRIGGER grants_decision_amount_guard
    BEFORE UPDATE OR DELETE ON grants_grantdecisionamount
    FOR EACH ROW EXECUTE FUNCTION grants_decision_amount_guard();
"""


def create_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the SQL is sent as it is (no %-placeholders; RAISE uses % itself).
    schema_editor.execute(GUARDS, params=None)


def drop_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS grants_decision_amount_guard ON grants_grantdecisionamount;"
    )
    schema_editor.execute("DROP TRIGGER IF EXISTS grants_decision_guard ON grants_grantdecision;")
    schema_editor.execute("DROP FUNCTION IF EXISTS grants_decision_amount_guard();")
    schema_editor.execute("DROP FUNCTION IF EXISTS grants_decision_guard();")


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_reference_data"),
    ]

    operations = [
        migrations.RunPython(create_guards, drop_guards),
    ]
