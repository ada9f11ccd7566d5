"""The fonts every print document uses, bundled in ``materials/fonts`` (SIL Open Font
License, ``OFL.txt``): Noto Sans, Noto Naskh Arabic and Noto Sans Ethiopic."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {
    "sans": "NotoSans-Regular.ttf",
    "sans_bold": "NotoSans-Bold.ttf",
    "arabic": "NotoNaskhArabic-Regular.ttf",
    "arabic_bold": "NotoNaskhArabic-Bold.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
    "ethiopic_bold": "NotoSansEthiopic-Bold.ttf",
}


def font_urls():
    return {name: (FONT_DIR / filename).as_uri() for name, filename in FONT_FILES.items()}
