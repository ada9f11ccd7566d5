"""Site-wide StreamField blocks."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

__all__ = ["HomeStreamBlock", "SectionBlock"]


class SectionBlock(blocks.StructBlock):
    """A titled part of the home page that can point to a page with more."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Link to page"), required=False)

    class Meta:
        icon = "doc-full"
        template = "pdo_site/blocks/section_block.html"
        label = _("Section")
        description = _("A titled section with a short text and an optional link.")
        preview_value = {
            "title": "Pre-departure orientation",
            "text": "Factual information about the journey and life in Finland and Iceland.",
        }


class HomeStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        template="pdo_site/blocks/paragraph_block.html",
    )
