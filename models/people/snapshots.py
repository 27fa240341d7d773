"""Snapshots of one record as it is stored, to undo a change made by mistake.

A snapshot is taken before a change; restoring it puts the record back exactly (same id, same
unit history). ``None`` means "the record did not exist": restoring it deletes the record, which
the usual rules allow only while nothing else refers to it.
"""
from __future__ import annotations

from sqlite_utils import Database

from models.people.staff import delete_staff
from models.people.units import delete_unit
from models.store.records import insert_sql, update_sql

Snapshot = dict | None


def _row(db: Database, table: str, row_id: int) -> dict | None:
    cursor = db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def _put(db: Database, table: str, row: dict) -> None:
    exists = db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row["id"]]).fetchone()
    db.execute((update_sql if exists else insert_sql)(table, row), row)


def snapshot_unit(db: Database, unit_id: int | None) -> Snapshot:
    return _row(db, "unit", unit_id) if unit_id is not None else None


def restore_unit(db: Database, unit_id: int, snapshot: Snapshot) -> None:
    """Put the unit back as in ``snapshot`` (delete it when the snapshot is ``None``)."""
    if snapshot is None:
        delete_unit(db, unit_id)
        return
    with db.atomic():
        _put(db, "unit", snapshot)


def snapshot_staff(db: Database, staff_id: int | None) -> Snapshot:
    if staff_id is None:
        return None
    row = _row(db, "staff", staff_id)
    if row is None:
        return None
    history = db.execute(
        "SELECT id, unit_id, start_date FROM staff_unit WHERE staff_id = ? ORDER BY start_date",
        [staff_id],
    ).fetchall()
    return {"staff": row, "history": history}


def restore_staff(db: Database, staff_id: int, snapshot: Snapshot) -> None:
    """Put the person and their unit history back as in ``snapshot`` (or delete a new person)."""
    if snapshot is None:
        delete_staff(db, staff_id)
        return
    with db.atomic():
        _put(db, "staff", snapshot["staff"])
        db.execute("DELETE FROM staff_unit WHERE staff_id = ?", [staff_id])
        db.conn.executemany(
            "INSERT INTO staff_unit (id, staff_id, unit_id, start_date) VALUES (?, ?, ?, ?)",
            [(h[0], staff_id, h[1], h[2]) for h in snapshot["history"]],
        )


def snapshot_discipline(db: Database, discipline_id: int | None) -> Snapshot:
    return _row(db, "discipline", discipline_id) if discipline_id is not None else None


def restore_discipline(db: Database, discipline_id: int, snapshot: Snapshot) -> None:
    """Put the decision back as in ``snapshot``, under its own id (delete it when ``None``)."""
    with db.atomic():
        if snapshot is None:
            db.execute("DELETE FROM discipline WHERE id = ?", [discipline_id])
        else:
            _put(db, "discipline", snapshot)
