"""``manage.py task_worker``: django-tasks-db's ``db_worker`` that recovers dead workers' work.

Same options as ``db_worker``. On top, the worker records itself and beats (so others
can tell when it died), recovers abandoned tasks and builds when it starts and every
half lease (``materials.recovery``), and removes its record when it stops cleanly.
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from materials import lease, recovery

logger = logging.getLogger(__name__)


def recover_logged():
    found = recovery.recover()
    if any(found.values()):
        logger.warning("Recovered %(tasks)d tasks and %(documents)d documents", found)


class Command(DBWorkerCommand):
    help = (
        "Run a database task worker (as db_worker) that beats, and recovers the tasks and "
        "PDF builds of workers that died."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=lease.new_worker_id())

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        lease.set_current_worker_id(worker_id)
        beat = lease.WorkerBeat(worker_id, recover_logged)
        beat.beat()  # registered before the first task; the first recovery runs now
        recover_logged()
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            beat.retire()
