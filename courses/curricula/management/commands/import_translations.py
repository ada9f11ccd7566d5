"""Read a translated XLIFF or PO file back: validate every text, then save them all as
draft revisions for review (or, with --dry-run, only show what would change)."""

from django.core.management.base import BaseCommand, CommandError

from courses.curricula.translations.files import TranslationFileError, apply_import, plan_import


class Command(BaseCommand):
    help = "Import a translated XLIFF or PO file as drafts for review; nothing on any error."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the translated .xlf or .po file")
        parser.add_argument("--dry-run", action="store_true", help="show the changes only")

    def handle(self, file, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                content = handle.read()
            language, changes, errors = plan_import(content, file)
        except (OSError, TranslationFileError) as error:
            raise CommandError(str(error)) from error
        errors += [e for change in changes for e in change.errors]
        for change in changes:
            self.stdout.write(f"line {change.line}: {change.page.title}: {change.source!r}")
            self.stdout.write(f"    {change.old or '–'!r} -> {change.new!r}")
        if errors:
            raise CommandError("Nothing imported:\n" + "\n".join(errors))
        if dry_run:
            self.stdout.write(f"{len(changes)} texts would change (dry run: nothing saved).")
            return
        pages = apply_import(language, changes)
        self.stdout.write(f"{len(changes)} texts saved as drafts of {len(pages)} pages for review.")
