"""Reference data: the catalogue of 15 indicators.

Idempotent (natural keys, unchanged rows are not saved). The reverse deletes nothing: the rows may
be referenced and have history; `manage.py load_reference_data` reloads them at any time.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from reports.reference import load

    load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("agreements", "0005_reference_data"),
    ]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
