"""A module body using every block type, for rendering tests."""

from courses.curricula.models import DestinationFacts, GlossaryTerm


def every_block_body():
    kela = GlossaryTerm.objects.create(
        key="kela",
        term="Kela",
        term_en="Kela",
        definition="The Social Insurance Institution of Finland.",
        definition_en="The Social Insurance Institution of Finland.",
    )
    DestinationFacts.objects.create(
        destination="finland",
        emergency_number="112",
        currency="euro",
        currency_en="euro",
        climate="Four seasons",
        climate_en="Four seasons",
        key_authorities="Kela, Migri",
        key_authorities_en="Kela, Migri",
    )
    return [
        {"type": "heading", "value": "Arriving at Helsinki Airport"},
        {"type": "paragraph", "value": "<p>A social worker meets you at the airport.</p>"},
        {"type": "key_message", "value": "Keep your documents with you."},
        {
            "type": "activity",
            "value": {
                "title": "Packing a bag",
                "duration_minutes": 20,
                "materials": "Pictures of everyday items",
                "steps": ["Show the pictures.", "Ask what goes in hand luggage."],
                "expected_outcome": "Participants know what to carry.",
            },
        },
        {
            "type": "discussion_questions",
            "value": {"intro": "", "questions": ["What worries you most about the journey?"]},
        },
        {
            "type": "self_check",
            "value": {
                "question": "What number do you call in an emergency?",
                "options": ["112", "911"],
                "correct_option": 1,
                "explanation": "112 is the emergency number in Finland.",
            },
        },
        {"type": "glossary_term", "value": kela.pk},
        {"type": "trainer_notes", "value": "<p>Ask about fears.</p>"},
        {
            "type": "destination",
            "value": {
                "destination": "finland",
                "content": [{"type": "paragraph", "value": "<p>Only for Finland</p>"}],
            },
        },
        {
            "type": "destination",
            "value": {
                "destination": "iceland",
                "content": [{"type": "paragraph", "value": "<p>Only for Iceland</p>"}],
            },
        },
        {"type": "destination_facts", "value": None},
    ]
