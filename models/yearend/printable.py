"""What a printed list shows: its rows and the list as printed (:class:`PrintableList`), with no
database behind them, so that printing a list (``reports.award_list``) imports no more than it needs.
:mod:`models.yearend.lists` computes, adjusts and approves these lists (and re-exports the names)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.store.settings import CouncilNames


class Subject(StrEnum):
    """What a list entry names (the value is stored in snapshots; adjustments keep it as the column
    they fill, ``unit_id`` or ``staff_id``)."""

    UNIT = "unit"
    STAFF = "staff"


@dataclass(frozen=True)
class PrintedEntry:
    """One row of a printed list."""

    subject: Subject
    subject_id: int
    name: str
    position_unit: str  # "Chức vụ, đơn vị"; for a collective, what kind of unit it is
    text: str  # the achievement, or the reasons for criticism
    group: str = ""  # lists grouped by unit print this heading (titles); empty otherwise
    amount: int = 0  # a bonus in đồng, for the title lists; 0 when the list has none
    initiative: str = ""  # a campaign's commended person: the initiative they are commended for

    @property
    def subject_key(self) -> tuple[str, int]:
        return self.subject, self.subject_id


@dataclass(frozen=True)
class Approval:
    decision_number: str
    decision_date: dt.date | None
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...] = ()
    issuer: str = ""  # the reference line's "của ..." (default: CouncilNames.council_name)


@dataclass(frozen=True)
class PrintableList:
    """Everything a printed list shows; an approved list stores exactly this (``to_json``)."""

    kind: str
    title: str
    subtitle: str
    parent_body: str
    issuing_body: str
    place: str
    as_of: dt.date
    collectives: tuple[PrintedEntry, ...] = ()
    individuals: tuple[PrintedEntry, ...] = ()
    text_heading: str = "Thành tích"
    approval: Approval | None = None  # None: a draft, printed with blanks for the number and date
    draft_signer: Approval | None = None  # the council's usual signer, for drafts
    total_line: str = ""
    # A campaign's list: its deadlines as worded ("Hạn đăng ký: trước ngày ..."), printed under the
    # subtitle; empty for the title lists and in snapshots approved before lists carried it.
    deadlines: str = ""

    @property
    def entries(self) -> tuple[PrintedEntry, ...]:
        return self.collectives + self.individuals

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_json_default)

    @staticmethod
    def from_json(text: str) -> PrintableList:
        data = json.loads(text)

        def approval(value):
            if value is None:
                return None
            value = dict(value)
            value["decision_date"] = dt.date.fromisoformat(value["decision_date"]) if value["decision_date"] else None
            value["recipients"] = tuple(value["recipients"])
            return Approval(**value)

        data["as_of"] = dt.date.fromisoformat(data["as_of"])
        data["collectives"] = tuple(PrintedEntry(**e) for e in data["collectives"])
        data["individuals"] = tuple(PrintedEntry(**e) for e in data["individuals"])
        data["approval"] = approval(data["approval"])
        data["draft_signer"] = approval(data.get("draft_signer"))
        return PrintableList(**data)


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value))


def default_issuer(council: CouncilNames) -> str:
    return council.council_name


def draft_signer(council: CouncilNames) -> Approval:
    return Approval("", None, council.signer_authority, council.signer_title, council.signer_name,
                    tuple(council.recipients), default_issuer(council))
