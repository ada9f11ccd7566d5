"""``migrate``, then the page translation columns, reporting in one line.

wagtail-modeltranslation's ``migrate`` (subclassed here) adds the ``title_*``,
``slug_*``, ... columns of Wagtail's page table after migrating, and prints every
``ALTER TABLE`` with ``print()``, whatever the verbosity: about seventy lines on a new
database. Without a terminal to answer its question (``--noinput``), and below
``-v 2``, that SQL is counted instead of shown.
"""

import contextlib
import io

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from wagtail_modeltranslation.migrate.management.commands.migrate import (
    Command as TranslationMigrateCommand,
)


class Command(TranslationMigrateCommand):
    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if verbosity >= 2 or options["interactive"]:
            return super().handle(*args, **options)
        recorder = MigrationRecorder(connections[options["database"]])
        before = set(recorder.applied_migrations())
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            super().handle(*args, **{**options, "verbosity": 0})
        if verbosity:
            applied = len(set(recorder.applied_migrations()) - before)
            columns = printed.getvalue().count("ALTER TABLE")
            self.stdout.write(
                f"Database up to date: {applied} migrations applied,"
                f" {columns} page translation columns added (-v 2 shows them)."
            )
        return None
