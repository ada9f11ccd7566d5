"""Quarters: how the training figures are counted and published."""

import datetime
import re


def quarter_start(date):
    """The first day of the quarter ``date`` falls in."""
    return datetime.date(date.year, quarter_first_month(quarter_number(date)), 1)


def quarter_number(date):
    return (date.month - 1) // 3 + 1


def quarter_first_month(number):
    return 3 * (number - 1) + 1


def quarter_label(date):
    """'2026 Q3' for any day of the third quarter of 2026."""
    return f"{date.year} Q{quarter_number(date)}"


QUARTER_CODE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


def parse_quarter(code):
    """The first day of the quarter named like '2026Q3' (or '2026-Q3'), or None."""
    match = QUARTER_CODE.match(code.strip())
    if not match:
        return None
    return datetime.date(int(match.group(1)), quarter_first_month(int(match.group(2))), 1)


def quarter_code(date):
    return f"{date.year}Q{quarter_number(date)}"


def quarter_end(start):
    """The last day of the quarter starting on ``start``."""
    month = start.month + 2
    following = datetime.date(start.year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)
