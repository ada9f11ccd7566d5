"""Dates read as people write them in the languages Django has no formats or month names for."""

import datetime

import pytest

from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 3, 5)  # a Thursday


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("prs", "5 مارچ 2026"),
        ("ps", "5 مارچ 2026"),
        ("kmr", "5 Adar 2026"),
        ("so", "5 Maarso 2026"),
        ("ti", "5 መጋቢት 2026"),
        ("fi", "5. maaliskuuta 2026"),
        ("en", "March 5, 2026"),
    ],
)
def test_the_date_filter_names_the_month_in_the_language(language, expected):
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"day": DAY})) == expected


def test_the_attendance_sheet_weekday_is_translated():
    template = Template('{{ day|date:"D j.n." }}')
    with translation.override("so"):
        assert template.render(Context({"day": DAY})) == "Kha 5.3."
