"""One copy of the program per database: the database's lock (models.store.lock), held while the
window is open; command-line writes take the same lock and are refused meanwhile."""
from __future__ import annotations

from pathlib import Path

from models.store.lock import DatabaseLock, try_lock

from ui.kit import messages


def lock_database(db_path: Path) -> DatabaseLock | None:
    """Hold the database's lock while the window is open; ``None`` when another copy of the program
    (or a command-line write) has it. A crashed program's lock is released by the system."""
    return try_lock(db_path)


def refuse_second_copy(db_path: Path) -> None:
    messages.error(
        None, "Cơ sở dữ liệu đang mở",
        f"Cơ sở dữ liệu “{db_path}” đang được mở trong một cửa sổ TĐKT khác.\n"
        "Hãy dùng cửa sổ đó (hai chương trình cùng ghi một tệp có thể làm mất thay đổi của nhau).",
    )
