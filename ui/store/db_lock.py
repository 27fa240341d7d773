"""One copy of the program per database: a lock file beside it, held while the window is open."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from ui.kit import messages


def lock_database(db_path: Path) -> QLockFile | None:
    """Hold the database's lock file while the window is open; ``None`` when another copy of the
    program already has it open (a stale lock of a crashed program is taken over)."""
    lock = QLockFile(str(Path(db_path).with_name(Path(db_path).name + ".lock")))
    lock.setStaleLockTime(0)  # only a live process keeps the lock
    return lock if lock.tryLock(100) else None


def refuse_second_copy(db_path: Path) -> None:
    messages.error(
        None, "Cơ sở dữ liệu đang mở",
        f"Cơ sở dữ liệu “{db_path}” đang được mở trong một cửa sổ TĐKT khác.\n"
        "Hãy dùng cửa sổ đó (hai chương trình cùng ghi một tệp có thể làm mất thay đổi của nhau).",
    )
