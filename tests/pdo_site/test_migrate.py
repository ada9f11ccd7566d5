"""`migrate` adds missing page translation columns and says so in one line (`make run`)."""

import io

import pytest

from django.core.management import call_command
from django.db import connection


def page_columns():
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, "wagtailcore_page")
    return {column.name for column in description}


@pytest.mark.django_db
@pytest.mark.parametrize("verbosity", [1, 2])
def test_migrate_adds_a_missing_translation_column_sql_shown_only_at_v2(capfd, verbosity):
    with connection.cursor() as cursor:
        cursor.execute('ALTER TABLE "wagtailcore_page" DROP COLUMN "seo_title_sw"')
    assert "seo_title_sw" not in page_columns()
    out = io.StringIO()
    call_command("migrate", interactive=False, verbosity=verbosity, stdout=out)
    assert "seo_title_sw" in page_columns()
    printed = capfd.readouterr().out + out.getvalue()
    if verbosity == 1:
        assert printed.strip().splitlines() == [
            "Database up to date: 0 migrations applied, 1 page translation columns added"
            " (-v 2 shows them)."
        ]
    else:
        assert 'ADD COLUMN "seo_title_sw"' in printed
