"""What the field app sends and receives: the shapes the OpenAPI document publishes.

Only the shape is checked here. What a value means (a valid case reference, a score
from 0 to 100, a session the trainer may see) is checked by training's own rules,
change by change, so one bad record is refused while the rest of its batch is kept.
"""

import datetime
import uuid
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

# Text without NUL characters, which PostgreSQL cannot store or compare.
NO_NUL = r"^[^\x00]*$"


def text(max_length, **field):
    return Annotated[str, Field(max_length=max_length, pattern=NO_NUL, **field)]


# Ids fit the database's 64-bit integers.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A record the server knows (its id) or one a change of this or an earlier batch
# created (that change's UUID).
Ref = Id | uuid.UUID
Version = text(64, description="Server version the change is based on")


class SignIn(Schema):
    username: text(150)
    password: text(128)
    device_name: text(80, min_length=1)
    code: text(16, description="Code of the authenticator app, where staff need one") = ""


class IssuedToken(Schema):
    id: int
    token: str
    device_name: str
    username: str


class Problem(Schema):
    detail: str
    code: str = ""


class Versioned(Schema):
    value: str | None
    version: str


class DayOut(Schema):
    id: int
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time


class MarkOut(Schema):
    day: int
    status: str
    version: str


class EnrolmentOut(Schema):
    id: int
    number: int
    participant: int
    case_reference: str
    name: str | None = None
    track: str
    pre: Versioned
    post: Versioned
    marks: list[MarkOut]


class SessionOut(Schema):
    id: int
    location: int
    location_name: str
    curriculum: int
    curriculum_title: str
    first_day: datetime.date | None
    delivery_language: str
    destination: str
    status: str
    notes: Versioned
    days: list[DayOut]
    enrolments: list[EnrolmentOut]


class Download(Schema):
    server_time: datetime.datetime
    names_collected: bool
    sessions: list[SessionOut]


class ChangeBase(Schema):
    uuid: uuid.UUID


class AttendanceChange(ChangeBase):
    kind: Literal["attendance"]
    enrolment: Ref
    day: Id | datetime.date = Field(description="Day id, or its date in the session")
    status: text(10, description="present, absent, late or ''")
    version: Version


class ScoreChange(ChangeBase):
    kind: Literal["score"]
    enrolment: Ref
    test: Literal["pre", "post"]
    value: text(10, description="0 to 100, or '' for none")
    version: Version


class ParticipantChange(ChangeBase):
    kind: Literal["participant"]
    session: Ref
    case_reference: text(60)
    sex: text(30) = ""
    year_of_birth: text(10) = ""
    nationality: text(100) = ""
    household: text(60) = ""
    preferred_language: text(10) = ""
    track: text(20) = ""
    name: text(200) = ""


class PlannedDayIn(Schema):
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time


class SessionChange(ChangeBase):
    kind: Literal["session"]
    location: Id
    curriculum: Id
    delivery_language: text(10)
    destination: text(20)
    days: Annotated[list[PlannedDayIn], Field(min_length=1, max_length=60)]


class NoteChange(ChangeBase):
    kind: Literal["note"]
    session: Ref
    text: text(10000)
    version: Version


Change = Annotated[
    AttendanceChange | ScoreChange | ParticipantChange | SessionChange | NoteChange,
    Field(discriminator="kind"),
]


class Batch(Schema):
    changes: Annotated[list[Change], Field(max_length=5000)]


class Outcome(Schema):
    uuid: uuid.UUID
    status: Literal["applied", "conflict", "refused"]
    replayed: bool = False
    object_id: int | None = None
    reason: str = ""
    server: Versioned | None = None


class BatchResult(Schema):
    applied: int
    conflicts: int
    refused: int
    outcomes: list[Outcome]
