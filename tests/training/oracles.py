"""The training figures computed straight from the raw tables, to check the summary
tables against (tests and benchmarks/reports.py)."""

from collections import Counter

from courses.training.models import TrainedCount
from courses.training.models.summaries import DIMENSIONS
from courses.training.summaries import first_attendances


def live_trained_counts():
    """{dimensions tuple: participants} computed from attendance itself."""
    return Counter(tuple(values[d] for d in DIMENSIONS) for *_ids, values in first_attendances())


def summary_trained_counts():
    """The same figures as the TrainedCount summary table holds them."""
    return Counter(
        {
            tuple(row[d] for d in DIMENSIONS): row["count"]
            for row in TrainedCount.objects.filter(count__gt=0).values(*DIMENSIONS, "count")
        }
    )
