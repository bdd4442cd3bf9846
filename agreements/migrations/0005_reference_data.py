"""Reference data: 21 counties, 290 municipalities, goal areas, policy phases and appropriations.

Idempotent (natural keys, unchanged rows are not saved). The reverse deletes nothing: the rows may
be referenced and have history; `manage.py load_reference_data` reloads them at any time.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from agreements.reference import load

    load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_agreement_no_overlap_constraint")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
