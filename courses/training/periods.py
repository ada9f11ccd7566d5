"""Quarters: how the training figures are counted and published."""

import datetime


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
