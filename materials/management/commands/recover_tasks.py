from django.core.management.base import BaseCommand

from materials import recovery


class Command(BaseCommand):
    help = (
        "Recover the work of dead task workers: RUNNING tasks whose worker stopped beating "
        "are failed and queued again, abandoned PDF builds go back to the queue. Safe to "
        "run at any time, from cron, next to running workers."
    )

    def handle(self, *args, **options):
        found = recovery.recover()
        self.stdout.write(
            f"Recovered {found['tasks']} tasks and {found['documents']} documents.",
        )
