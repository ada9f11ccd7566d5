"""Property: two devices editing, syncing and retrying in any order lose nothing,
duplicate nothing and overwrite nothing silently."""

import uuid

from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from django.core.cache import cache
from django.db import transaction

from courses.field.models import AppliedChange
from courses.field.versions import version_of
from courses.training.models import Attendance, Enrolment, Participant
from tests.field.conftest import Device

REFERENCE = "TUR-25-000321"
VALUES = {"mark": ["present", "absent", "late", ""], "pre": ["", "10", "55", "90"]}


class Phone:
    """One device's view: the server values it last saw and its queue of edits."""

    def __init__(self, device, records):
        self.device = device
        self.known = dict.fromkeys(records, "")
        self.queue = {}  # one pending change per record, as the app keeps it
        self.added = None  # the change adding the new participant, until applied
        self.added_applied = None
        self.last_batch = []

    def edit(self, record, value, session):
        kind, row, day = record
        if row == "new":
            if self.added_applied is None and self.added is None:
                self.added = {
                    "uuid": str(uuid.uuid4()),
                    "kind": "participant",
                    "session": session.pk,
                    "case_reference": REFERENCE,
                    "sex": "male",
                    "year_of_birth": "1984",
                    "nationality": "Afghan",
                }
            row = (self.added or self.added_applied)["uuid"]
        common = {"uuid": str(uuid.uuid4()), "enrolment": row}
        common["version"] = version_of(self.known[record])
        if kind == "mark":
            self.queue[record] = {"kind": "attendance", "day": day, "status": value, **common}
        else:
            self.queue[record] = {"kind": "score", "test": "pre", "value": value, **common}

    def batch(self):
        return [self.added, *self.queue.values()] if self.added else list(self.queue.values())


def server_values(session, records, new_enrolment):
    values = {}
    for record in records:
        kind, row, day = record
        enrolment = new_enrolment if row == "new" else Enrolment.objects.get(pk=row)
        if enrolment is None:
            values[record] = ""
        elif kind == "mark":
            mark = Attendance.objects.filter(participant=enrolment.participant_id, day=day).first()
            values[record] = mark.status if mark else ""
        else:
            score = enrolment.pre_test_score
            values[record] = "" if score is None else str(score)
    return values


class World:
    def __init__(self, field, phones, records):
        self.session, self.phones, self.records = field["session"], phones, records
        self.oracle = dict.fromkeys(records, "")  # what the server must hold
        self.applied = set()

    def sync(self, phone, changes):
        outcomes = phone.device.outcomes(changes)
        by_uuid = {c["uuid"]: c for c in changes}
        for key, outcome in outcomes.items():
            sent = by_uuid[key]
            record = next((r for r, c in phone.queue.items() if c["uuid"] == key), None)
            record = record or self.record_of(phone, sent)
            if outcome["replayed"]:
                assert key in self.applied  # a replay is of a change applied before
            elif outcome["status"] == "applied":
                assert key not in self.applied
                self.applied.add(key)
                if sent["kind"] != "participant":
                    value = sent.get("status", sent.get("value"))
                    before = self.oracle[record]
                    # Applied only over the value the device saw, or as a no-op.
                    assert sent["version"] == version_of(before) or value == before
                    self.oracle[record] = value
            else:
                assert outcome["status"] == "conflict", outcome
                assert outcome["server"]["value"] == self.oracle[record]
            self.settle(phone, sent, outcome, record)

    def record_of(self, phone, sent):
        if sent["kind"] == "participant":
            return None
        day = sent.get("day")
        row = sent["enrolment"]
        if isinstance(row, str):
            row = "new"
        return ("mark", row, day) if sent["kind"] == "attendance" else ("pre", row, None)

    def settle(self, phone, sent, outcome, record):
        if sent["kind"] == "participant":
            if outcome["status"] == "applied":
                phone.added_applied, phone.added = sent, None
            return
        if phone.queue.get(record, {}).get("uuid") == sent["uuid"]:
            del phone.queue[record]
        if outcome["status"] == "applied":
            phone.known[record] = sent.get("status", sent.get("value"))
        elif outcome["status"] == "conflict":
            phone.known[record] = outcome["server"]["value"]


STEP = st.tuples(
    st.sampled_from([0, 1]),
    st.sampled_from(["edit", "edit", "sync", "retry"]),
    st.integers(0, 4),
    st.integers(0, 3),
)


@examples(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=14))
def test_interleaved_edits_and_retries_converge(client, field, settings, steps):
    settings.PDO_FIELD_SYNC_RATE = "100000/m"
    session = field["session"]
    first, second, _third = session.enrolments.order_by("number")
    day0, day1, _day2 = session.ordered_days
    records = [
        ("mark", first.pk, day0.pk),
        ("mark", first.pk, day1.pk),
        ("mark", second.pk, day0.pk),
        ("mark", "new", day0.pk),
        ("pre", first.pk, None),
    ]
    cache.clear()
    with transaction.atomic():
        phones = [Phone(Device(client, "trainer", name), records) for name in ("A", "B")]
        world = World(field, phones, records)
        for who, action, which, value in steps:
            phone = phones[who]
            record = records[which]
            if action == "edit":
                phone.edit(record, VALUES[record[0]][value], session)
            elif action == "sync":
                phone.last_batch = phone.batch()
                world.sync(phone, phone.last_batch)
            elif phone.last_batch:
                world.sync(phone, phone.last_batch)
        for phone in phones:  # finally everything queued goes up
            world.sync(phone, phone.batch())

        participants = Participant.objects.filter(case_reference=REFERENCE)
        assert participants.count() <= 1
        new = Enrolment.objects.filter(session=session, participant__in=participants).first()
        assert Enrolment.objects.filter(session=session).count() == 3 + participants.count()
        assert server_values(session, records, new) == world.oracle
        assert AppliedChange.objects.count() == len(world.applied)
        transaction.set_rollback(True)
