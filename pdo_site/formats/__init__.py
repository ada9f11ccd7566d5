"""Date and number formats for the site languages Django ships none for.

Django falls back to the English formats ("N j, Y") for Dari, Pashto, Kurmanji, Somali and
Tigrinya; these follow how dates are written in each (day first, then month and year).
Found through FORMAT_MODULE_PATH.
"""
