"""Whether a record is referenced anywhere, found from the schema's own foreign keys.

Later tables (initiatives, classifications...) that reference a unit or a person are picked up
without changing this code.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def referencing(db: Database, table: str, ignore: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(table, column) pairs whose foreign key points at ``table``, minus the ``ignore`` tables."""
    found = []
    for name in db.table_names():
        if name in ignore:
            continue
        for fk in db.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
            if fk[2] == table:
                found.append((name, fk[3]))
    return found


def reference_counts(
    db: Database, table: str, row_id: int, ignore: tuple[str, ...] = ()
) -> dict[str, int]:
    """How many rows of each referencing table point at row ``row_id`` of ``table`` (non-zero only)."""
    counts = {}
    for name, column in referencing(db, table, ignore):
        (n,) = db.execute(f'SELECT count(*) FROM "{name}" WHERE "{column}" = ?', [row_id]).fetchone()
        if n:
            counts[name] = counts.get(name, 0) + n
    return counts
