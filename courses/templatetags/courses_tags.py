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


@register.simple_tag
def fallback_attrs(page, field):
    """` lang="en" dir="ltr"` where ``field`` is shown in English because the reader's
    language has no translation yet, so browsers and screen readers treat it as English."""
    from django.utils.html import format_html
    from django.utils.translation import get_language

    from courses.coverage import SOURCE, field_value, is_filled

    language = get_language()
    if language == SOURCE or is_filled(field_value(page, field, language)):
        return ""
    if not is_filled(field_value(page, field, SOURCE)):
        return ""
    return format_html(' lang="{}" dir="ltr"', SOURCE)
