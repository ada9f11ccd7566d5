"""What people type in case lists, read as the platform's values: sex and other choices
in any site language or as a letter, a year of birth as a year or a full date, a
spreadsheet cell as the text a person reads in it."""

import datetime
import re

from django.conf import settings
from django.utils import translation

from courses.curricula.choices import Destination
from courses.training.models import Enrolment, Participant

# Words people type, besides the labels in every site language (choice_words).
EXTRA_WORDS = {
    "sex": {
        "f": "female",
        "female": "female",
        "w": "female",
        "n": "female",
        "nainen": "female",
        "m": "male",
        "male": "male",
        "mies": "male",
        "o": "other",
        "x": "other",
        "other": "other",
        "muu": "other",
    },
    "destination": {"suomi": "finland", "islanti": "iceland", "fi": "finland", "is": "iceland"},
    "track": {
        "children": "children",
        "lapset": "children",
        "youth": "youth",
        "nuoret": "youth",
        "adults": "adults",
        "aikuiset": "adults",
    },
}
CHOICES = {
    "sex": Participant.Sex.choices,
    "destination": Destination.choices,
    "track": Enrolment.Track.choices,
}
YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
ISO_DATE = re.compile(r"^(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?$")
DAY_FIRST_DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](\d{4})$")


def choice_words(name):
    """{typed word: value} for a choice column: its labels in every site language."""
    words = dict(EXTRA_WORDS[name])
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            for value, label in CHOICES[name]:
                words.setdefault(str(label).casefold(), value)
                words.setdefault(str(value).casefold(), value)
    return words


def cell_text(value):
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def year_of(text):
    """The year in a year or a full date, or None."""
    for pattern in (YEAR, ISO_DATE, DAY_FIRST_DATE):
        match = pattern.match(text)
        if match:
            return int(match.group(1))
    return None
