"""The council's meeting on the year-end proposals: its members, who attended, and the secret-ballot
votes on each proposal with the share each award requires.

Members and thresholds are data (``council_member``, ``vote_threshold``); a meeting is keyed by what
it decides (:func:`meeting_key`: a year's titles or a campaign's lists). A vote counts the ballots
given out (phát ra), returned (thu vào), valid (hợp lệ) and in favour (đồng ý); the share in favour
is taken over the whole council (as Nghị định 91/2017/NĐ-CP Điều 45 khoản 8 reckons "tỷ lệ phiếu
đồng ý ... tính trên tổng số thành viên của Hội đồng"). The shipped thresholds are editable values
to check against the city's rules (see docs/law.md).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlite_utils import Database

from models.common.errors import DomainError, ValidationError
from models.common.text import clean

# The share of the council's members in favour each award requires, in percent (editable).
DEFAULT_THRESHOLDS = {"ldtt": 50.0, "cstdcs": 70.0, "ttldtt": 50.0, "ttldxs": 70.0, "commendation": 50.0,
                      "criticism": 50.0}
THRESHOLD_NOTE = "cần kiểm tra theo quy định của thành phố"
ROLES = ("Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Ủy viên Thường trực", "Ủy viên", "Thư ký")


def meeting_key(year: int | None = None, campaign_id: int | None = None) -> str:
    """"campaign:3" for a campaign's lists, "year:2018" for a year's titles."""
    if campaign_id is not None:
        return f"campaign:{campaign_id}"
    if year is None:
        raise DomainError("Cần năm (--year) hoặc đợt thi đua (--campaign) của phiên họp")
    return f"year:{year}"


@dataclass(frozen=True)
class Member:
    full_name: str
    role: str = "Ủy viên"
    position: str = ""
    sort: int = 0
    active: bool = True
    id: int | None = None


@dataclass(frozen=True)
class Vote:
    """The ballots on one proposal."""

    award: str
    issued: int
    returned: int
    valid: int
    agreed: int

    def share(self, members: int) -> float:
        """The share in favour over the whole council, in percent (0 with no member)."""
        return 100.0 * self.agreed / members if members else 0.0


@dataclass(frozen=True)
class Meeting:
    key: str
    held_on: dt.date | None = None
    place: str = ""
    chair: str = ""
    secretary: str = ""
    agenda: str = ""
    present: frozenset[int] = frozenset()  # member ids; a member not listed is absent
    votes: dict[str, Vote] = field(default_factory=dict)


def percent_text(value: float) -> str:
    """"71,4%": one decimal, comma, trailing ",0" dropped."""
    text = str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


# --------------------------------------------------------------------------- members


def members(db: Database, active_only: bool = True) -> list[Member]:
    where = "WHERE active = 1" if active_only else ""
    return [Member(r["full_name"], r["role"], r["position"], r["sort"], bool(r["active"]), r["id"])
            for r in db.query(f"SELECT * FROM council_member {where} ORDER BY sort, id")]


def save_members(db: Database, rows: list[Member]) -> None:
    """Replace the council's active members by ``rows`` in this order (one transaction); a member no
    longer listed is kept inactive (old minutes still name them)."""
    errors = {}
    for i, m in enumerate(rows, 1):
        if not clean(m.full_name):
            errors[f"row{i}"] = f"Dòng {i}: họ và tên thành viên không được để trống"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        kept = {m.id for m in rows if m.id is not None}
        db.execute("UPDATE council_member SET active = 0")
        for i, m in enumerate(rows, 1):
            values = [clean(m.full_name), clean(m.role) or "Ủy viên", clean(m.position), i]
            if m.id is not None and m.id in kept:
                db.execute("UPDATE council_member SET full_name = ?, role = ?, position = ?, sort = ?, active = 1 "
                           "WHERE id = ?", [*values, m.id])
            else:
                db.execute("INSERT INTO council_member (full_name, role, position, sort, active) VALUES (?, ?, ?, ?, 1)",
                           values)


# --------------------------------------------------------------------------- thresholds


def threshold(db: Database, year: int, award: str) -> float:
    """The share in favour (percent of the council's members) ``award`` requires in ``year``."""
    row = db.execute("SELECT percent FROM vote_threshold WHERE award = ? AND from_year <= ? ORDER BY from_year DESC "
                     "LIMIT 1", [award, year]).fetchone()
    return row[0] if row else DEFAULT_THRESHOLDS.get(award, 50.0)


def set_threshold(db: Database, award: str, from_year: int, percent: float) -> None:
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": f"Tỷ lệ phiếu đồng ý “{percent}” phải từ 0 đến 100 (%)"})
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO vote_threshold (award, from_year, percent) VALUES (?, ?, ?)",
                   [award, from_year, float(percent)])


# --------------------------------------------------------------------------- meetings and votes


def check_vote(vote: Vote, present: int | None = None) -> dict[str, str]:
    """What is wrong with ``vote`` (by field), in Vietnamese; ``present``: the members at the meeting."""
    errors = {}
    for name, label in (("issued", "phát ra"), ("returned", "thu vào"), ("valid", "hợp lệ"), ("agreed", "đồng ý")):
        value = getattr(vote, name)
        if not isinstance(value, int) or value < 0:
            errors[name] = f"Số phiếu {label} phải là số nguyên không âm"
    if errors:
        return errors
    if present is not None and vote.issued > present:
        errors["issued"] = f"Số phiếu phát ra ({vote.issued}) nhiều hơn số thành viên có mặt ({present})"
    if vote.returned > vote.issued:
        errors["returned"] = f"Số phiếu thu vào ({vote.returned}) nhiều hơn số phiếu phát ra ({vote.issued})"
    if vote.valid > vote.returned:
        errors["valid"] = f"Số phiếu hợp lệ ({vote.valid}) nhiều hơn số phiếu thu vào ({vote.returned})"
    if vote.agreed > vote.valid:
        errors["agreed"] = f"Số phiếu đồng ý ({vote.agreed}) nhiều hơn số phiếu hợp lệ ({vote.valid})"
    return errors


def meeting(db: Database, key: str) -> Meeting:
    """The meeting of ``key`` as stored (an empty one, everyone present, when none is)."""
    row = next(db.query("SELECT * FROM council_meeting WHERE meeting_key = ?", [key]), None)
    if row is None:
        return Meeting(key, present=frozenset(m.id for m in members(db)))
    present = frozenset(r[0] for r in db.execute(
        "SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND present = 1", [row["id"]]))
    votes = {r["award"]: Vote(r["award"], r["issued"], r["returned"], r["valid"], r["agreed"])
             for r in db.query("SELECT * FROM meeting_vote WHERE meeting_id = ?", [row["id"]])}
    held = dt.date.fromisoformat(row["held_on"]) if row["held_on"] else None
    return Meeting(key, held, row["place"], row["chair"], row["secretary"], row["agenda"], present, votes)


def save_meeting(db: Database, value: Meeting) -> None:
    """Store the meeting, its attendance and its votes in one transaction; refused, with nothing
    written, when a vote does not add up."""
    present = len(value.present)
    errors = {}
    for award, vote in value.votes.items():
        for name, message in check_vote(vote, present).items():
            errors[f"{award}.{name}"] = message
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.execute(
            "INSERT INTO council_meeting (meeting_key, held_on, place, chair, secretary, agenda) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(meeting_key) DO UPDATE SET held_on = excluded.held_on, place = excluded.place, "
            "chair = excluded.chair, secretary = excluded.secretary, agenda = excluded.agenda",
            [value.key, value.held_on.isoformat() if value.held_on else None, clean(value.place), clean(value.chair),
             clean(value.secretary), clean(value.agenda)])
        (meeting_id,) = db.execute("SELECT id FROM council_meeting WHERE meeting_key = ?", [value.key]).fetchone()
        db.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?", [meeting_id])
        db.conn.executemany("INSERT INTO meeting_attendance (meeting_id, member_id, present) VALUES (?, ?, ?)",
                            [(meeting_id, m.id, int(m.id in value.present)) for m in members(db)])
        db.execute("DELETE FROM meeting_vote WHERE meeting_id = ?", [meeting_id])
        db.conn.executemany(
            "INSERT INTO meeting_vote (meeting_id, award, issued, returned, valid, agreed) VALUES (?, ?, ?, ?, ?, ?)",
            [(meeting_id, v.award, v.issued, v.returned, v.valid, v.agreed) for v in value.votes.values()])


__all__ = ["DEFAULT_THRESHOLDS", "Meeting", "Member", "ROLES", "THRESHOLD_NOTE", "Vote", "check_vote", "meeting",
           "meeting_key", "members", "percent_text", "save_meeting", "save_members", "set_threshold", "threshold"]
