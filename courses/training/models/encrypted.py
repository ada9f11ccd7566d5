"""Columns encrypted at rest: participants' names and free text about people.

django-fernet-encrypted-fields encrypts each value with Fernet (AES with an HMAC). Its
keys are derived here from ``settings.PDO_ENCRYPTION_KEYS`` rather than from SECRET_KEY,
so rotating the session key cannot make the records unreadable; the first key encrypts,
every key decrypts (see pdo_site/settings/privacy.py for rotation).

The database sees ciphertext only: filtering, ordering, searching and ``unique`` on
these columns do nothing, so nothing looks a participant up by name or notes. The case
reference stays a plain column: it is the pseudonymous key of the resettlement case
(unique, matched by every import and the field app), not a name.
"""

import base64
import functools

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from encrypted_fields.fields import EncryptedFieldMixin

from django.conf import settings
from django.db import models

from pdo_site.names import NameField

KEY_SALT = b"pdo-participant-data"


@functools.cache
def derived_key(secret):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=KEY_SALT, iterations=200_000)
    return base64.urlsafe_b64encode(kdf.derive(secret.encode()))


def encryption_secrets():
    # Development and tests only: production refuses to start without the setting.
    return settings.PDO_ENCRYPTION_KEYS or [f"derived-from-secret-key:{settings.SECRET_KEY}"]


def data_fernet():
    return MultiFernet([Fernet(derived_key(secret)) for secret in encryption_secrets()])


class EncryptedColumnMixin(EncryptedFieldMixin):
    """The library's field with this installation's keys; an empty value reads as ''.

    The library stores '' as NULL, so the column is nullable whatever the model says.
    """

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        super().__init__(*args, **kwargs)

    @property
    def f(self):
        # Built on each use (the derived keys are cached): a changed setting takes effect.
        return data_fernet()

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return "" if value is None else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("null", None)
        return name, f"{type(self).__module__}.{type(self).__qualname__}", args, kwargs


class EncryptedTextField(EncryptedColumnMixin, models.TextField):
    pass


class EncryptedNameField(EncryptedColumnMixin, NameField):
    """A participant's name: bidi controls stripped (pdo_site.names), then encrypted."""
