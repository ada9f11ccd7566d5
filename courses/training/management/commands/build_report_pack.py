from django.core.management.base import BaseCommand, CommandError

from courses.curricula.choices import Destination
from courses.training.periods import parse_quarter
from courses.training.report_pack import build_pack


class Command(BaseCommand):
    help = (
        "Write the quarterly report pack (PDF and XLSX) of one destination for its donor: "
        "participants trained by sex and age (small cells suppressed), sessions, hours, "
        "locations, attendance rate and test scores. Example: "
        "build_report_pack 2026Q3 --destination finland --output reports/"
    )

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="The quarter, e.g. 2026Q3.")
        parser.add_argument(
            "--destination", required=True, help=f"One of: {', '.join(Destination.values)}."
        )
        parser.add_argument("--output", default=".", help="Folder to write the files to.")

    def handle(self, *args, quarter, destination, output, **options):
        start = parse_quarter(quarter)
        if start is None:
            raise CommandError(f"'{quarter}' is not a quarter. Write it like 2026Q3.")
        if destination not in Destination.values:
            choices = ", ".join(Destination.values)
            raise CommandError(f"Unknown destination '{destination}'. Choose from: {choices}.")
        pdf, xlsx = build_pack(start, destination, output)
        self.stdout.write(self.style.SUCCESS(f"Wrote {pdf} and {xlsx}."))
