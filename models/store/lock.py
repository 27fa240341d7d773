"""One writer per database: an operating-system lock on a file beside it (``<database>.lock``).

The window holds it while it is open; the command line takes it for every write. The lock belongs
to the open file, so the system releases it when the process ends, however it ends (no stale lock
after a crash). The file itself is left in place: removing it could let two programs lock two
different files of the same name.
"""
from __future__ import annotations

import os
from pathlib import Path

from models.common.errors import DomainError

HELD_ELSEWHERE = ("Cơ sở dữ liệu đang được mở trong cửa sổ chương trình hoặc một chương trình khác đang ghi; "
                  "hãy đóng nó rồi thử lại.")

if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """The held lock of one database; :meth:`unlock` (or leaving a ``with`` block) releases it."""

    def __init__(self, fd: int, path: Path):
        self._fd: int | None = fd
        self.path = path

    def unlock(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc) -> None:
        self.unlock()


def try_lock(db_path: str | Path) -> DatabaseLock | None:
    """The database's lock, or None when another program (or window) holds it; :class:`DomainError`
    when the lock file cannot be made (a read-only folder, ...)."""
    from models.store.failures import folder_read_only, os_failure, read_only_folder

    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise DomainError(read_only_folder(path) if folder_read_only(path) else os_failure(e, Path(db_path))) from None
    if _try_lock(fd):
        return DatabaseLock(fd, path)
    os.close(fd)
    return None


def lock_for_writing(db_path: str | Path) -> DatabaseLock:
    """The database's lock for a write from the command line; :class:`DomainError` when it is held
    (or cannot be taken: a read-only folder)."""
    lock = try_lock(db_path)
    if lock is None:
        raise DomainError(HELD_ELSEWHERE)
    return lock
