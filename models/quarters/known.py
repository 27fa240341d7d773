"""When a quarter's classification became known (issue 13): a list "as of" a day counts only the
quarters the council could have known on that day.

A unit's quarter is known from the day the unit submitted it (``unit_quarter.submitted_on``), else
from the day it was first locked (``unit_quarter_event``), else - nothing dated - from the day after
the quarter ended (a quarter is classified after it ends, never before).
"""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from models.common.codes import HeadLevel
from models.quarters.classifications import quarter_bounds

# unit_quarter_event.at is written "dd/mm/yyyy HH:MM": its day in ISO form.
_LOCK_DAY = "substr(e.at, 7, 4) || '-' || substr(e.at, 4, 2) || '-' || substr(e.at, 1, 2)"


def known_since(db: Database, unit_id: int, year: int, quarter: int) -> dt.date:
    """The first day a unit's classification of the quarter counts (see the module's rule)."""
    return _known_days(db, [(unit_id, year, quarter)])[(unit_id, year, quarter)]


def _known_days(db: Database, keys: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], dt.date]:
    wanted = set(keys)
    found: dict[tuple[int, int, int], dt.date] = {}
    years = sorted({y for _u, y, _q in wanted})
    if years:
        marks = ",".join("?" * len(years))
        for unit_id, year, quarter, submitted, locked in db.execute(
            f"SELECT q.unit_id, q.year, q.quarter, q.submitted_on, (SELECT min({_LOCK_DAY}) FROM unit_quarter_event e "
            "WHERE e.unit_id = q.unit_id AND e.year = q.year AND e.quarter = q.quarter AND e.action = 'lock') "
            f"FROM unit_quarter q WHERE q.year IN ({marks})", years,
        ):
            key = (unit_id, year, quarter)
            if key in wanted and (submitted or locked):
                found[key] = dt.date.fromisoformat(submitted or locked)
    for key in wanted - set(found):
        found[key] = quarter_bounds(key[1], key[2])[1] + dt.timedelta(days=1)
    return found


def known_quarters(db: Database, staff_ids: list[int], quarters: list[tuple[int, int]], as_of: dt.date
                   ) -> dict[int, dict[tuple[int, int], tuple[HeadLevel | None, int, str]]]:
    """staff id -> {(year, quarter): (level, None when "không đánh giá"; unit id; unit name)} of the
    people's classifications in ``quarters`` that were known on ``as_of``."""
    if not staff_ids or not quarters:
        return {}
    years = sorted({y for y, _q in quarters})
    rows = db.execute(
        f"SELECT c.staff_id, c.year, c.quarter, c.level, c.unit_id, u.name FROM classification c "
        f"JOIN unit u ON u.id = c.unit_id WHERE c.staff_id IN ({','.join('?' * len(staff_ids))}) "
        f"AND c.year IN ({','.join('?' * len(years))})", [*staff_ids, *years],
    ).fetchall()
    wanted = set(quarters)
    rows = [r for r in rows if (r[1], r[2]) in wanted]
    days = _known_days(db, [(unit_id, year, quarter) for _s, year, quarter, _l, unit_id, _n in rows])
    found: dict[int, dict] = {}
    for staff_id, year, quarter, level, unit_id, name in rows:
        if days[(unit_id, year, quarter)] <= as_of:
            found.setdefault(staff_id, {})[(year, quarter)] = (HeadLevel(level) if level else None, unit_id, name)
    return found
