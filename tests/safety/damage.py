"""Damaging a copy of a database the way disks and killed programs do: a page in the middle
overwritten, or the file cut short."""
import sqlite3
from pathlib import Path

from models.common.codes import UnitKind
from models.people.units import Unit, save_unit
from models.store.db import connect


def database_with_units(path: Path, count: int) -> Path:
    """A database of ``count`` units with long names (a page or more every 15 units)."""
    db = connect(path)
    for i in range(count):
        save_unit(db, Unit(code=f"U{i:03d}", name=f"Đơn vị số {i} " + "x" * 200, kind=UnitKind.KHAC))
    db.close()
    return path


def _pages(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
    finally:
        conn.close()


def overwrite_middle_page(path: Path) -> None:
    """Garbage over a page in the middle of the file (the database must be closed, WAL folded in)."""
    size, count = _pages(path)
    assert count >= 8, "too small to damage in the middle"
    with open(path, "r+b") as f:
        f.seek(size * (count // 2))
        f.write(b"\xa5" * size)


def cut_short(path: Path) -> None:
    """The file truncated to half its pages."""
    size, count = _pages(path)
    with open(path, "r+b") as f:
        f.truncate(size * (count // 2))


DAMAGES = {"page-overwritten": overwrite_middle_page, "truncated": cut_short}
