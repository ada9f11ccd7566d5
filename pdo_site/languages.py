"""The site's languages, in one place.

Django ships language information for most of our languages, but not for Dari
(prs), Kurmanji Kurdish (kmr), Pashto (ps), Somali (so) or Tigrinya (ti).
``register_language_info`` adds them so ``get_language_info`` and
``{% get_current_language_bidi %}`` work for every site language.
"""

from django.conf.locale import LANG_INFO

# (code, English name, local name, right-to-left)
SITE_LANGUAGES = [
    ("en", "English", "English", False),
    ("fi", "Finnish", "suomi", False),
    ("sv", "Swedish", "svenska", False),
    ("is", "Icelandic", "íslenska", False),
    ("ar", "Arabic", "العربية", True),
    ("prs", "Dari", "دری", True),
    ("fa", "Persian", "فارسی", True),
    ("ckb", "Central Kurdish (Sorani)", "کوردی", True),
    ("kmr", "Northern Kurdish (Kurmanji)", "Kurmancî", False),
    ("ps", "Pashto", "پښتو", True),
    ("so", "Somali", "Soomaali", False),
    ("ti", "Tigrinya", "ትግርኛ", False),
    ("fr", "French", "français", False),
    ("sw", "Swahili", "Kiswahili", False),
]

LANGUAGE_CODES = [code for code, *_ in SITE_LANGUAGES]
RTL_LANGUAGE_CODES = {code for code, _, _, rtl in SITE_LANGUAGES if rtl}
SOURCE_LANGUAGE = "en"


def register_language_info():
    """Make Django's LANG_INFO agree with SITE_LANGUAGES (idempotent)."""
    for code, name, name_local, bidi in SITE_LANGUAGES:
        LANG_INFO[code] = {"bidi": bidi, "code": code, "name": name, "name_local": name_local}
