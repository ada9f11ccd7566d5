"""StreamField blocks for module content.

Two blocks depend on who is reading and for which country:
- ``TrainerNotesBlock`` renders only when the template context has ``show_trainer_notes``
  (trainers on the site, trainer guides); otherwise it renders nothing at all.
- ``DestinationBlock`` renders its content only when the context's ``destination``
  (taken from the curriculum the module is read in) matches.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.curricula.choices import Destination

__all__ = [
    "ActivityBlock",
    "BasicContentBlock",
    "DestinationBlock",
    "DestinationFactsBlock",
    "DiscussionQuestionsBlock",
    "DocumentBlock",
    "GlossaryTermBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyMessageBlock",
    "ModuleStreamBlock",
    "SelfCheckBlock",
    "TrainerNotesBlock",
    "VideoBlock",
]

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "curricula/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; it also appears in the module's table of contents.")
        preview_value = "Arriving at the airport"
        form_classname = "title"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "curricula/blocks/paragraph_block.html"
        label = _("Text")
        preview_value = "<p>Finland has four seasons. Winters are long, dark and cold.</p>"


class KeyMessageBlock(blocks.TextBlock):
    class Meta:
        icon = "pick"
        template = "curricula/blocks/key_message_block.html"
        label = _("Key message")
        description = _("One sentence participants should remember.")
        preview_value = "In an emergency, call 112. The call is free."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "curricula/blocks/image_block.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    offline_alternative = blocks.TextBlock(
        label=_("Offline alternative"),
        help_text=_("What the video shows, told in words for groups without internet."),
    )

    class Meta:
        icon = "media"
        template = "curricula/blocks/video_block.html"
        label = _("Video")


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration (minutes)"), min_value=1, max_value=600
    )
    materials = blocks.TextBlock(label=_("Materials needed"), required=False)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"), min_num=1)
    expected_outcome = blocks.TextBlock(label=_("Expected outcome"))

    class Meta:
        icon = "group"
        template = "curricula/blocks/activity_block.html"
        label = _("Activity")
        description = _("A group exercise with its duration, materials and steps.")
        preview_value = {
            "title": "Packing a bag",
            "duration_minutes": 20,
            "materials": "A bag, pictures of everyday items",
            "steps": ["Show the pictures.", "Ask the group what they would pack."],
            "expected_outcome": "Participants know what to carry in hand luggage.",
        }


class DiscussionQuestionsBlock(blocks.StructBlock):
    intro = blocks.CharBlock(label=_("Introduction"), required=False, max_length=300)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question")), label=_("Questions"), min_num=1
    )

    class Meta:
        icon = "help"
        template = "curricula/blocks/discussion_questions_block.html"
        label = _("Discussion questions")


class SelfCheckBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=400)
    options = blocks.ListBlock(blocks.CharBlock(label=_("Option")), label=_("Options"), min_num=2)
    correct_option = blocks.IntegerBlock(
        label=_("Correct option"),
        min_value=1,
        help_text=_("The number of the correct option, counting from 1."),
    )
    explanation = blocks.TextBlock(label=_("Explanation"), help_text=_("Why this answer is right."))

    def render(self, value, context=None):
        # Learners answer self-checks in a form at the end of the lesson, graded on the server.
        if context and context.get("learner_mode"):
            return ""
        return super().render(value, context)

    def clean(self, value):
        value = super().clean(value)
        if value["correct_option"] > len(value["options"]):
            raise StructBlockValidationError(
                block_errors={
                    "correct_option": ValidationError(
                        _("There are only %(count)d options."),
                        params={"count": len(value["options"])},
                    )
                }
            )
        return value

    class Meta:
        icon = "tick-inverse"
        template = "curricula/blocks/self_check_block.html"
        label = _("Self-check question")


class GlossaryTermBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("curricula.GlossaryTerm", **kwargs)

    class Meta:
        icon = "openquote"
        template = "curricula/blocks/glossary_term_block.html"
        label = _("Glossary term")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "curricula/blocks/document_block.html"
        label = _("Document download")


class TrainerNotesBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    def get_searchable_content(self, value):
        # Trainer notes stay out of the public search index too.
        return []

    def render(self, value, context=None):
        # Not just hidden: absent from anything participants receive.
        if not (context and context.get("show_trainer_notes")):
            return ""
        return super().render(value, context)

    class Meta:
        icon = "warning"
        template = "curricula/blocks/trainer_notes_block.html"
        label = _("Trainer notes")
        description = _("Only trainers see these, on the site and in trainer guides.")


class DestinationFactsBlock(blocks.StaticBlock):
    class Meta:
        icon = "site"
        template = "curricula/blocks/destination_facts_block.html"
        label = _("Destination facts")
        admin_text = _(
            "Shows the emergency number, currency, climate and key authorities "
            "of the country the curriculum prepares for."
        )


class BasicContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    key_message = KeyMessageBlock()
    image = ImageBlock()

    class Meta:
        label = _("Content")


class DestinationBlock(blocks.StructBlock):
    destination = blocks.ChoiceBlock(choices=Destination.choices, label=_("Only for"))
    content = BasicContentBlock()

    def render(self, value, context=None):
        if not context or context.get("destination") != value["destination"]:
            return ""
        return super().render(value, context)

    class Meta:
        icon = "site"
        template = "curricula/blocks/destination_block.html"
        label = _("Destination-specific content")
        description = _("Shown only to groups going to the chosen country.")


class ModuleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    key_message = KeyMessageBlock()
    image = ImageBlock()
    video = VideoBlock()
    activity = ActivityBlock()
    discussion_questions = DiscussionQuestionsBlock()
    self_check = SelfCheckBlock()
    glossary_term = GlossaryTermBlock()
    document = DocumentBlock()
    trainer_notes = TrainerNotesBlock()
    destination = DestinationBlock()
    destination_facts = DestinationFactsBlock()
