"""Scoping of training records: what a user may see, asked in one place.

Every queryset of training data is filtered with ``.for_user(user)``: trainers see
the records of the locations they are assigned to, programme managers everything.
"""

from django.db import models

from pdo_site.roles import sees_all_locations


class ScopedQuerySet(models.QuerySet):
    """``for_user`` gives what a user may see; ``location_path`` says how to reach Location."""

    location_path = "location"

    def for_user(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if sees_all_locations(user):
            return self
        lookup = f"{self.location_path}__trainers" if self.location_path else "trainers"
        return self.filter(**{lookup: user}).distinct()


class LocationQuerySet(ScopedQuerySet):
    location_path = ""
