from django.core.management.base import BaseCommand, CommandError

from materials import offline_pack
from materials.management import arguments


class Command(BaseCommand):
    help = (
        "Write a ZIP with every handout and trainer guide of a curriculum and its modules in "
        "the given languages, and an index.html that links them, for use without internet."
    )

    def add_arguments(self, parser):
        parser.add_argument("curriculum", help="Curriculum id or slug.")
        parser.add_argument("--langs", default="en", help="Comma-separated language codes.")
        parser.add_argument(
            "--variants", default="handout,trainer", help="Comma-separated: handout, trainer."
        )
        parser.add_argument("--paper", default=None, help="A4 or letter (default: PDO_PAPER_SIZE).")
        parser.add_argument("--output", help="Where to write the ZIP.")

    def handle(self, *args, **options):
        languages = [
            arguments.language(code.strip()) for code in options["langs"].split(",") if code.strip()
        ]
        variants = [
            arguments.variant(v.strip()) for v in options["variants"].split(",") if v.strip()
        ]
        if not languages or not variants:
            raise CommandError("Give at least one language and one variant.")
        paper_size = arguments.paper_size(options["paper"])
        curriculum = arguments.curriculum_page(options["curriculum"])
        if not curriculum.live:
            raise CommandError(f"'{options['curriculum']}' is not published.")
        entries = offline_pack.pack_entries(curriculum, languages, variants)

        def report(number, total, entry):
            if options["verbosity"] > 1:
                self.stdout.write(f"[{number}/{total}] {entry.path}")

        try:
            offline_pack.build_pack(entries, paper_size, progress=report)
        except Exception as error:
            raise CommandError(f"Rendering failed: {error}") from error
        output = options["output"] or offline_pack.pack_filename(curriculum, languages, paper_size)
        with open(output, "wb") as target:
            offline_pack.write_pack(curriculum, entries, target)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(entries)} PDFs)."))
