"""Participants added in the field: the same case reference twice in one batch."""

import pytest

from courses.training.models import Enrolment, Participant
from tests.field.test_sync import new_participant

pytestmark = pytest.mark.django_db


def test_a_case_reference_twice_in_one_batch_is_added_once_and_says_why(device, field):
    session = field["session"]
    first = new_participant(session.pk, "TUR-25-000777")
    again = new_participant(session.pk, "tur-25-000777 ")
    outcomes = device.outcomes([first, again])
    assert outcomes[first["uuid"]]["status"] == "applied"
    assert outcomes[again["uuid"]]["status"] == "refused"
    reason = outcomes[again["uuid"]]["reason"]
    assert first["uuid"] in reason and "row" not in reason
    assert Participant.objects.filter(case_reference="TUR-25-000777").count() == 1
    assert (
        Enrolment.objects.filter(
            session=session, participant__case_reference="TUR-25-000777"
        ).count()
        == 1
    )
