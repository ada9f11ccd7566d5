"""Course managers author the courses' quiz question banks."""

from django.db import migrations

from pdo_site.migration_helpers import grant
from pdo_site.roles import COURSE_MANAGERS


def grant_quiz_questions(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COURSE_MANAGERS)
    grant(apps, group, "learning", "quizquestion", ["add", "change", "delete", "view"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_quiz_bank")]

    operations = [migrations.RunPython(grant_quiz_questions, migrations.RunPython.noop)]
