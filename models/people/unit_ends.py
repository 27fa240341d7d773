"""How units ended: the successions recorded (sáp nhập, chia tách, đổi tên), as the lists and screens read
them. Recording and undoing one is :mod:`models.people.succession`; this part is apart so that the units
screen, the first one shown, starts without the planning (and the staff module it needs)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from models.common.dates import format_date

if TYPE_CHECKING:
    from sqlite_utils import Database


class SuccessionKind(StrEnum):
    SAP_NHAP = "sap_nhap"  # one or more old units -> one new unit
    CHIA_TACH = "chia_tach"  # one old unit -> two or more new units (each person to one of them)
    DOI_TEN = "doi_ten"  # one old unit -> one new unit under the new name


KIND_LABELS = {SuccessionKind.SAP_NHAP: "Sáp nhập", SuccessionKind.CHIA_TACH: "Chia tách",
               SuccessionKind.DOI_TEN: "Đổi tên"}
# "<old> sáp nhập vào <new> từ 01/07/2025"
VERBS = {SuccessionKind.SAP_NHAP: "sáp nhập vào", SuccessionKind.CHIA_TACH: "chia tách thành",
         SuccessionKind.DOI_TEN: "đổi tên thành"}


@dataclass(frozen=True)
class Succession:
    id: int
    kind: SuccessionKind
    from_unit_id: int
    from_name: str
    to_unit_id: int
    to_name: str
    effective_on: dt.date
    note: str = ""


def list_successions(db: Database) -> list[Succession]:
    """Every succession, newest date first."""
    rows = db.execute(
        "SELECT s.id, s.kind, s.from_unit_id, f.name, s.to_unit_id, t.name, s.effective_on, s.note "
        "FROM unit_succession s JOIN unit f ON f.id = s.from_unit_id JOIN unit t ON t.id = s.to_unit_id "
        "ORDER BY s.effective_on DESC, f.code, t.code").fetchall()
    return [Succession(i, SuccessionKind(k), fu, fn, tu, tn, dt.date.fromisoformat(on), note)
            for i, k, fu, fn, tu, tn, on, note in rows]


def unit_ends(db: Database) -> dict[int, dt.date]:
    """Old unit id -> the date its successors take over (its last day is the day before)."""
    return {u: dt.date.fromisoformat(on) for u, on in db.execute(
        "SELECT from_unit_id, min(effective_on) FROM unit_succession GROUP BY from_unit_id")}


def active_in_year(active: bool, ends: dt.date | None, year: int) -> bool:
    """Whether a unit counts as in activity for ``year``'s lists: active today, or taken over by a
    successor only after the year's end (Phường 10, merged on 01/07/2025, is in activity for 2024)."""
    return active or (ends is not None and ends > dt.date(year, 12, 31))


@dataclass(frozen=True)
class UnitEnd:
    """How an old unit ended: "Sáp nhập vào Phường Gò Vấp từ 01/07/2025" (``text``)."""

    kind: SuccessionKind
    effective_on: dt.date
    text: str

    @property
    def short(self) -> str:
        """"Đã sáp nhập từ 01/07/2025"."""
        return f"Đã {KIND_LABELS[self.kind].lower()} từ {format_date(self.effective_on)}"


def succession_notes(db: Database) -> dict[int, UnitEnd]:
    """Old unit id -> how it ended, the new units by name."""
    found: dict[int, list[Succession]] = {}
    for s in list_successions(db):
        found.setdefault(s.from_unit_id, []).append(s)
    notes = {}
    for unit_id, mine in found.items():
        verb = VERBS[mine[0].kind]
        names = ", ".join(sorted(s.to_name for s in mine))
        notes[unit_id] = UnitEnd(mine[0].kind, mine[0].effective_on,
                                 f"{verb[0].upper()}{verb[1:]} {names} từ {format_date(mine[0].effective_on)}")
    return notes


def succession_note(db: Database, unit_id: int) -> str:
    """:func:`succession_notes` of one unit; empty for a unit that was not taken over."""
    found = succession_notes(db).get(unit_id)
    return found.text if found is not None else ""
