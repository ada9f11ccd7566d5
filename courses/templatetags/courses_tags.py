from django import template

from courses.models import DestinationFacts

register = template.Library()


@register.simple_tag
def destination_facts(destination):
    """The DestinationFacts of a destination, or None."""
    if not destination:
        return None
    return DestinationFacts.objects.filter(destination=destination).first()


@register.filter
def duration(minutes):
    """90 -> '1 h 30 min'."""
    from django.utils.translation import gettext

    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(minutes)d min") % {"minutes": rest}
