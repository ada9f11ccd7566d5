"""Subject access and erasure for one participant, found by case reference."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.training import privacy
from courses.training.models import DataAccess


class Command(BaseCommand):
    help = (
        "Export everything held about a participant (--export FILE.json, --pdf FILE.pdf) "
        "or erase it everywhere (--erase). Logged by participant id, never by reference."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_reference")
        parser.add_argument("--export", metavar="FILE", help="Write the data as JSON to FILE.")
        parser.add_argument("--pdf", metavar="FILE", help="Write the data as a PDF to FILE.")
        parser.add_argument(
            "--erase", action="store_true", help="Anonymise the participant and every trace."
        )

    def handle(self, case_reference, *, export=None, pdf=None, erase=False, **options):
        if not (export or pdf or erase):
            raise CommandError("Give --export FILE, --pdf FILE or --erase.")
        participant = privacy.find_participant(case_reference)
        if participant is None:
            raise CommandError("No participant has this case reference.")
        if export or pdf:
            if export:
                Path(export).write_text(privacy.subject_json(participant), encoding="utf-8")
            if pdf:
                Path(pdf).write_bytes(privacy.subject_pdf(participant))
            privacy.record(DataAccess.Action.EXPORT, [participant.pk])
            self.stdout.write(f"Participant #{participant.pk} exported.")
        if erase:
            privacy.anonymise([participant], DataAccess.Action.ERASE)
            self.stdout.write(f"Participant #{participant.pk} erased.")
