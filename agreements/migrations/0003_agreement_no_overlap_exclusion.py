"""No two agreements of one municipality and policy phase may overlap in time (PostgreSQL).

The btree_gist extension lets the exclusion constraint compare the foreign keys with `=`.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_measure_responsible_and_memberships")]

    operations = [BtreeGistExtension()]
