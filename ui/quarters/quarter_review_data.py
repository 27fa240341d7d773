"""Which quarter the review screen opens on.

The domain has no function that says which quarters have classifications (it should:
``models.quarters.classifications.classified_quarters(db) -> list[tuple[int, int]]``, like
``models.people.heads.evaluation_years``). Until it does, the one read-only query the screen needs lives
here, apart from the widgets, so it is easy to move.
"""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database


def latest_classified_quarter(db: Database) -> tuple[int, int] | None:
    """(year, quarter) of the newest classification stored, or ``None`` when there is none."""
    row = db.execute(
        "SELECT year, quarter FROM classification ORDER BY year DESC, quarter DESC LIMIT 1"
    ).fetchone()
    return (row[0], row[1]) if row else None


def last_finished_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def default_quarter(db: Database, today: dt.date) -> tuple[int, int]:
    """The latest quarter that has classifications; else the last quarter that has ended."""
    return latest_classified_quarter(db) or last_finished_quarter(today)
