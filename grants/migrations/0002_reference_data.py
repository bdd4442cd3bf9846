"""Reference data: the grant programme under förordning (2018:151), one round per year 2018–2027
with its appropriation (agreements.PhaseAppropriation) and the 32 municipalities that could apply
in 2018 [003:L49-84].

Idempotent (natural keys). The reverse deletes nothing: the rows may be referenced and have
history; `manage.py load_reference_data` reloads them at any time.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from grants.reference import load

    load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
        ("agreements", "0005_reference_data"),
        ("partnerships", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
