"""Participant data at rest and how long it is kept (courses/training/privacy.py).

PDO_ENCRYPTION_KEYS: comma-separated secrets for the encrypted columns (participant names,
session notes and interpreters). The first encrypts; all of them decrypt, so a key is
rotated by putting a new one first, running ``manage.py rotate_encryption_key`` and
then dropping the old one. Empty in development and tests: derived from SECRET_KEY.
Production refuses to start without it (settings/production.py).

PDO_PARTICIPANT_RETENTION_DAYS: days after the last day of a participant's last session
after which ``manage.py purge_participants`` anonymises them.
"""

import os

PDO_ENCRYPTION_KEYS = [
    key.strip() for key in os.environ.get("PDO_ENCRYPTION_KEYS", "").split(",") if key.strip()
]
PDO_PARTICIPANT_RETENTION_DAYS = int(os.environ.get("PDO_PARTICIPANT_RETENTION_DAYS", "730"))
