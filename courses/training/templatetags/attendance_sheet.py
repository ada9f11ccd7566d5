"""The attendance sheet's mark cells, rendered in Python.

A 300 × 10 sheet has 3,000 cells, each a labelled select of five options: through the
template language that was most of the sheet's CPU time (ForNode and blocktranslate per
cell). The markup is the same; the per-request parts (option lists, day labels) are built
once per render.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from courses.training.models import Attendance

register = template.Library()


def _shared(context):
    """Option lists per selected value and day labels, built once per template render."""
    shared = context.render_context.get("attendance_sheet")
    if shared is None:
        choices = [("", "–"), *Attendance.Status.choices]
        options = {}
        for selected, _label in choices:
            options[selected] = format_html_join(
                "",
                "{}",
                (
                    (
                        format_html('<option value="{}" selected>{}</option>', value, label)
                        if value == selected and value
                        else format_html('<option value="{}">{}</option>', value, label),
                    )
                    for value, label in choices
                ),
            )
        shared = {"options": options, "days": {}, "theirs": gettext("Saved by someone else:")}
        context.render_context["attendance_sheet"] = shared
    return shared


@register.simple_tag(takes_context=True)
def mark_cells(context, row):
    """The row's ``<td>`` per session day: a visually hidden label and the mark select,
    with the other trainer's value beside it when a save conflicted."""
    shared = _shared(context)
    number = row.enrolment.number
    cells = []
    for cell in row.cells:
        day = cell.day
        date = shared["days"].get(day.pk)
        if date is None:
            date = shared["days"][day.pk] = date_format(day.date, "j.n.")
        key = f"mark-{number}-{day.pk}"
        label = gettext("Row %(number)s, %(date)s") % {"number": number, "date": date}
        options = shared["options"].get(cell.value, shared["options"][""])
        if cell.theirs is None:
            cells.append(
                format_html(
                    '<td><label class="w-sr-only" for="{key}">{label}</label>'
                    '<select id="{key}" name="{key}" data-attendance-mark>{options}</select></td>',
                    key=key,
                    label=label,
                    options=options,
                )
            )
        else:
            cells.append(
                format_html(
                    '<td class="attendance-conflict"><label class="w-sr-only" for="{key}">{label}'
                    '</label><select id="{key}" name="{key}" data-attendance-mark '
                    'aria-describedby="theirs-{number}-{day}">{options}</select>'
                    '<span class="attendance-theirs" id="theirs-{number}-{day}">{saved} {theirs}'
                    "</span></td>",
                    key=key,
                    label=label,
                    options=options,
                    number=number,
                    day=day.pk,
                    saved=shared["theirs"],
                    theirs=cell.theirs_label,
                )
            )
    return format_html_join("", "{}", ((cell,) for cell in cells))
