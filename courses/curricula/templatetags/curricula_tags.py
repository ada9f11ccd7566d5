from django import template

from courses.curricula.models import DestinationFacts

register = template.Library()


@register.simple_tag
def destination_facts(destination):
    """The DestinationFacts of a destination, or None."""
    if not destination:
        return None
    return DestinationFacts.objects.filter(destination=destination).first()
