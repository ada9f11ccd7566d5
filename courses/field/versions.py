"""Server versions of the records a device edits.

A version is a digest of the record's saved value: the device sends back the
version its change was based on, and the server compares it with the version of
what is saved now. This is the attendance sheet's own rule (a cell is the trainer's
to change only while the database still holds what the sheet was based on), so a
value changed and changed back counts as unchanged, as it does on the sheet.
"""

import hashlib


def version_of(value):
    text = "" if value is None else str(value)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def versioned(value):
    text = "" if value is None else str(value)
    return {"value": text, "version": version_of(text)}
