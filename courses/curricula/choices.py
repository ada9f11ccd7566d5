from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    REFUGEES = "refugees", _("Quota refugees (pre-departure orientation)")
    PROFESSIONALS = "professionals", _("Professionals (counter-trafficking)")


class Destination(models.TextChoices):
    FINLAND = "finland", _("Finland")
    ICELAND = "iceland", _("Iceland")
