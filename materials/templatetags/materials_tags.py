from django import template
from django.template.loader import render_to_string

from materials.models import Variant
from pdo_site.roles import is_trainer

register = template.Library()

# Blocks whose screen template does not suit paper: answers that a handout must not
# give away, a video player, a trainer's script. The others print as on the site.
PRINT_BLOCK_TEMPLATES = {
    "self_check": "materials/print/blocks/self_check.html",
    "video": "materials/print/blocks/video.html",
    "activity": "materials/print/blocks/activity.html",
}


@register.simple_tag(takes_context=True)
def print_block(context, block):
    """Render a StreamField block for print: its print template if it has one, else its own.

    Blocks without a print template go through their own ``render`` (as
    ``include_block`` does), so TrainerNotesBlock and DestinationBlock keep deciding
    by ``show_trainer_notes`` and ``destination`` what a document shows.
    """
    flat = context.flatten()
    flat["block_id"] = block.id
    template_name = PRINT_BLOCK_TEMPLATES.get(block.block_type)
    if template_name:
        flat.update(value=block.value, self=block.value)
        return render_to_string(template_name, flat)
    return block.render_as_block(context=flat)


@register.inclusion_tag("materials/includes/print_links.html", takes_context=True)
def print_links(context, page):
    """The "Print / PDF" links of a curriculum or module page, in the reader's language."""
    request = context.get("request")
    user = getattr(request, "user", None)
    variants = [Variant.HANDOUT] + ([Variant.TRAINER] if is_trainer(user) else [])
    return {
        "links": [(page.pdf_url(variant, request), Variant(variant).label) for variant in variants]
    }
