"""Reference data: the state agencies named in the seeds with their central, regional and local
units.

Idempotent (natural keys, unchanged rows are not saved). The reverse deletes nothing: the rows may
be referenced and have history; `manage.py load_reference_data` reloads them at any time.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from partnerships.reference import load

    load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("agreements", "0005_reference_data"),
    ]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
