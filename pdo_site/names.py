"""People's names, safe to show beside other text.

Bidirectional control characters (embeddings, overrides, isolates and the invisible
direction marks) can make a name read as something else once it sits in a line of another
direction, on screen and in a PDF: ``U+202E`` turns "Anna" followed by reversed letters
into a different name. They are removed from every name field when it is cleaned and
saved. The zero-width (non-)joiners are kept: Persian and Kurdish spelling needs them.
Templates also wrap names in ``<bdi>`` so a right-to-left name cannot reorder the text
around it.
"""

from django.db import models

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi_controls(value):
    return value.translate(_TABLE) if isinstance(value, str) else value


class NameField(models.CharField):
    """A CharField for a person's name, without bidirectional control characters."""

    def to_python(self, value):
        return strip_bidi_controls(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = strip_bidi_controls(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        # The column is a plain CharField: no migration for what happens in Python.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
