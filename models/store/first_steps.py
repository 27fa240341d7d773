"""The first steps of a new database: what is done of the council's information, the units, the
staff and the first campaign (the main window shows a checklist until the database is set up)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from models.store.settings import get_setting, set_setting

if TYPE_CHECKING:
    from sqlite_utils import Database

COUNCIL, UNITS, STAFF, CAMPAIGN = "council", "units", "staff", "campaign"
_TABLES = {UNITS: "unit", STAFF: "staff", CAMPAIGN: "campaign"}
_CLOSED = "first_steps_closed"


def first_steps(db: Database) -> list[tuple[str, bool]]:
    """(step, done) of the four steps, in order: the council's information saved once (Tệp > Thông
    tin in trên văn bản), at least one unit, one person, one campaign."""
    steps = [(COUNCIL, get_setting(db, "council_names") is not None)]
    for step, table in _TABLES.items():
        steps.append((step, db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1))
    return steps


def first_steps_pending(db: Database) -> bool:
    """Whether the checklist is shown: a step is not done, the database is still being set up (it
    lacks units, staff or a campaign: a database in use, such as the sample one, printing the
    default council names, is not) and the user has not closed the checklist."""
    done = dict(first_steps(db))
    being_set_up = not all(done[step] for step in _TABLES)
    return being_set_up and not get_setting(db, _CLOSED, False)


def close_first_steps(db: Database) -> None:
    """The user closed the checklist: it is not shown again for this database."""
    set_setting(db, _CLOSED, True)
