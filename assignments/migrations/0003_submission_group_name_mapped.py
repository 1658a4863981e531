"""The typed group names are mapped to groups (0002): the free-text field goes.

A migration of its own, so that on PostgreSQL the rows 0002 updated are
committed before the table is altered.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assignments", "0002_cohort_groups_and_member_grades")]

    operations = [migrations.RemoveField(model_name="submission", name="group_name")]
