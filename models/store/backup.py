"""Backups of the council's database: SQLite's online backup (never a file copy of a live
database), kept by rotation in a ``backups`` folder beside the database, and restore with checks."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models.common.errors import DomainError

KEEP_LATEST = 20
KEEP_DAILY_DAYS = 30
_NAME = re.compile(r"^tdkt-(\d{8})-(\d{6})(?:-[a-z0-9-]+)?\.sqlite3$")


def backups_dir(db_path: str | Path) -> Path:
    return Path(db_path).resolve().parent / "backups"


def _copy(source: sqlite3.Connection, target_path: Path, progress=None) -> None:
    """Online backup of ``source`` into a new file, written under a temporary name and renamed, so
    a crash leaves either no backup or a complete one. ``progress(done, total)`` gets pages."""
    partial = target_path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(str(partial))
    try:
        if progress is None:
            source.backup(target)
        else:
            source.backup(target, pages=64,
                          progress=lambda _status, remaining, total: progress(total - remaining, total))
    finally:
        target.close()
    partial.replace(target_path)


def backup_to(db_path: str | Path, target: str | Path, progress=None) -> Path:
    """Back the database up into ``target`` (a new file); returns its path."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists():
        raise DomainError(f"Không tìm thấy cơ sở dữ liệu “{db_path}”")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        _copy(source, target, progress)
    finally:
        source.close()
    return target


def automatic_backup(db_path: str | Path, now: dt.datetime, reason: str = "khoi-dong") -> Path | None:
    """A backup in the rotation folder (at every start, before every migration), then rotation.
    Nothing to do for a database that does not exist yet."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backups_dir(db_path)
    target = folder / f"tdkt-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    n = 1
    while target.exists():  # two backups in the same second
        n += 1
        target = folder / f"tdkt-{now:%Y%m%d-%H%M%S}-{reason}-{n}.sqlite3"
    backup_to(db_path, target)
    rotate(folder, now)
    return target


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime

    @property
    def text(self) -> str:
        return f"{self.taken:%d/%m/%Y %H:%M:%S} - {self.path.name}"


def list_backups(db_path: str | Path) -> list[BackupFile]:
    """The rotation folder's backups, newest first."""
    return _scan(backups_dir(db_path))


def _scan(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("tdkt-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            found.append(BackupFile(path, dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def rotate(folder: Path, now: dt.datetime) -> list[Path]:
    """Keep the latest 20 backups and the newest one of each day of the last 30 days; delete the
    rest. Returns the deleted files."""
    backups = _scan(folder)
    keep = {b.path for b in backups[:KEEP_LATEST]}
    days_seen: set[dt.date] = set()
    for b in backups:
        day = b.taken.date()
        if (now.date() - day).days < KEEP_DAILY_DAYS and day not in days_seen:
            days_seen.add(day)
            keep.add(b.path)
    deleted = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            deleted.append(b.path)
    return deleted


def inspect_file(path: str | Path, program_version: int) -> int:
    """Check that ``path`` is a sound database of this program that this version can open;
    returns its schema version. Raises DomainError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"Không tìm thấy tệp “{path}”")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "_sqlite_migrations" not in tables or "unit" not in tables:
                raise DomainError(f"Tệp “{path.name}” không phải cơ sở dữ liệu của TĐKT")
            (version,) = conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'tdkt'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise DomainError(f"Tệp “{path.name}” không phải cơ sở dữ liệu SQLite hoặc đã hỏng") from None
    if result != "ok":
        raise DomainError(f"Tệp “{path.name}” bị hỏng (kiểm tra toàn vẹn: {result})")
    if version > program_version:
        raise DomainError(f"Tệp “{path.name}” được tạo bởi phiên bản TĐKT mới hơn; hãy cập nhật chương trình")
    return version


def restore(backup: str | Path, db_path: str | Path, now: dt.datetime, program_version: int) -> Path | None:
    """Replace the database with ``backup`` after checking it; the current database is backed up
    first (returned). The replacement goes through SQLite's backup API into the live file."""
    inspect_file(backup, program_version)
    db_path = Path(db_path)
    safety = automatic_backup(db_path, now, reason="truoc-khoi-phuc")
    source = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
    target = sqlite3.connect(str(db_path))
    try:
        target.execute("PRAGMA busy_timeout = 5000")
        source.backup(target)
    finally:
        source.close()
        target.close()
    return safety
