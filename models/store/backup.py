"""Backups of the council's database: SQLite's online backup (never a file copy of a live
database), each one verified before it counts as done, kept by rotation in a ``backups`` folder
beside the database, and restore with checks (also over a damaged database).

The safety copies taken before a restore (``-truoc-khoi-phuc``) and before an upgrade
(``-truoc-nang-cap``) sit in the same folder but the rotation never deletes them: they stay until
the user deletes them. A damaged database replaced by a restore is renamed aside as it is
(``<tên>.hong-<thời điểm>.sqlite3`` beside it, with its -wal/-shm files)."""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from models.common.errors import DomainError
from models.store.failures import database_failure, no_room
from models.store.known_whole import fingerprint, known_whole

KEEP_LATEST = 20
KEEP_DAILY_DAYS = 30
BUSY_MS = 5000  # how long a restore waits for another program's write to end
KEPT_REASONS = ("truoc-khoi-phuc", "truoc-nang-cap")  # safety copies: never rotated away
_NAME = re.compile(r"^tdkt-(\d{8})-(\d{6})(?:-([a-z0-9-]+))?\.sqlite3$")
_KEPT = re.compile(rf"^(?:{'|'.join(KEPT_REASONS)})(?:-\d+)?$")
_DAMAGED_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def backups_dir(db_path: str | Path) -> Path:
    return Path(db_path).resolve().parent / "backups"


def read_only_uri(path: str | Path) -> str:
    """The ``file:`` URI opening ``path`` read-only, every character of the path quoted (a folder
    named ``a#b``, ``50%``, ``Sao lưu?`` is that folder, not a query or a fragment)."""
    return file_uri(Path(path).resolve().as_posix()) + "?mode=ro"


def file_uri(posix: str) -> str:
    """``/a b/x`` -> ``file:///a%20b/x``; a Windows drive ``C:/x`` -> ``file:///C:/x``; a network
    share ``//server/share/x`` -> ``file:////server/share/x`` (SQLite takes no host in a URI)."""
    if not posix.startswith("/"):
        posix = "/" + posix
    return "file://" + quote(posix, safe="/:")


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection that never memory-maps the file (a damaged or truncated file then
    gives an error, not a SIGBUS)."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    conn.execute("PRAGMA mmap_size = 0")
    return conn


def _code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def database_problem(path: str | Path) -> str | None:
    """Why the file at ``path`` cannot be used, when SQLite finds it damaged or not a database
    (quick_check, read-only, no memory-mapping); ``None`` when it is whole, or missing, or cannot be
    opened for another reason (the program's opening reports those)."""
    return quick_check_outcome(path)[0]


def quick_check_outcome(path: str | Path) -> tuple[str | None, bool]:
    """(:func:`database_problem`, whether SQLite's quick check ran and said "ok"): a file missing, busy
    or unreadable for another reason has no problem to report here, but was not found whole either."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None, False
    try:
        conn = open_read_only(path)
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if _code(e) == sqlite3.SQLITE_CORRUPT:
            return f"Tệp “{path.name}” bị hỏng: SQLite không đọc được cấu trúc dữ liệu trong tệp ({e})", False
        if _code(e) == sqlite3.SQLITE_NOTADB:
            return f"Tệp “{path.name}” không phải cơ sở dữ liệu SQLite hoặc bị hỏng ở phần đầu tệp ({e})", False
        return None, False
    if result != ["ok"]:
        return f"Tệp “{path.name}” bị hỏng (kiểm tra nhanh: {'; '.join(result[:3])})", False
    return None, True


class BackgroundCheck:
    """:func:`database_problem` (:func:`quick_check_outcome`) started in another thread. Calling the object waits for it and gives
    its result (or raises its error). ``read_ahead()``: what the thread read after the check found
    the file whole (see models.store.read_ahead), or None. A file exactly as the program last left
    it whole is not checked again (models.store.known_whole). ``found_whole``: the fingerprint of
    the file found whole (after the object was called): noted so, or its quick check said "ok";
    None otherwise (damaged, or not checked: missing, busy, unreadable)."""

    found_whole: list | None = None

    def __init__(self, path: str | Path, read_ahead: Sequence[Callable] = ()):
        self._outcome: dict[str, object] = {}
        self._thread = threading.Thread(target=self._work, args=(path, tuple(read_ahead)),
                                        name="database_problem", daemon=True)
        self._thread.start()

    def _work(self, path: str | Path, read_ahead: tuple[Callable, ...]) -> None:
        try:
            found = fingerprint(path)
            if found is not None and known_whole(path, found):  # as the program left it, whole
                problem, whole = None, True
            else:
                problem, whole = quick_check_outcome(path)
                whole = whole and fingerprint(path) == found  # (not changed while it was checked)
            if whole:
                self.found_whole = found
            self._outcome["problem"] = problem
        except BaseException as e:  # handed to the caller, raised where the check is awaited
            self._outcome["error"] = e
            return
        if read_ahead and problem is None and Path(path).is_file():
            from models.store.read_ahead import ReadAhead

            self._outcome["ahead"] = ReadAhead.read(path, read_ahead)

    def __call__(self) -> str | None:
        self._thread.join()
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome["problem"]

    def read_ahead(self):
        """The :class:`models.store.read_ahead.ReadAhead` of the file (given once), or None."""
        self._thread.join()
        return self._outcome.pop("ahead", None)


def database_problem_in_background(path: str | Path, read_ahead: Sequence[Callable] = ()) -> BackgroundCheck:
    """:func:`database_problem` started now in another thread (:class:`BackgroundCheck`). The window's
    start runs the quick check this way while Qt loads: SQLite reads the file without holding Python's
    lock, so both go on at once. ``read_ahead``: read functions (given an object whose ``conn`` is a
    read-only connection) run next in the same thread when the file is whole."""
    return BackgroundCheck(path, read_ahead)


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def copy_problem(path: Path, expected: dict[str, int]) -> str | None:
    """Open the copy read-only: it must pass quick_check and hold the tables of the original with
    as many rows in each (``expected``). Says what differs, or ``None``."""
    try:
        conn = open_read_only(path)
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            counts = _table_counts(conn) if result == ["ok"] else {}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        result, counts = [str(e)], {}
    if result != ["ok"]:
        problem = f"kiểm tra nhanh: {'; '.join(result[:3])}"
    elif not counts:
        problem = "bản sao không có bảng nào"
    elif counts != expected:
        differing = sorted(set(counts) ^ set(expected) | {t for t in expected if counts.get(t) != expected[t]})
        problem = f"số bảng hoặc số dòng khác bản gốc ({', '.join(differing[:5])})"
    else:
        return None
    return problem


def _cannot_write(folder: Path, error: Exception) -> DomainError:
    if no_room(error):  # SQLite says "disk I/O error" when a file-size limit stops the copy
        return DomainError(f"Không ghi được bản sao lưu vào thư mục “{folder}”: ổ đĩa đã đầy (hoặc tệp vượt giới "
                           "hạn kích thước cho phép). Hãy giải phóng chỗ trống trên ổ đĩa hoặc chọn thư mục ở ổ đĩa "
                           "khác rồi thử lại.")
    else:
        cause = "thư mục không tồn tại hoặc không cho phép ghi"
        todo = "Hãy chọn thư mục khác hoặc cấp quyền ghi cho thư mục này"
    return DomainError(f"Không ghi được bản sao lưu vào thư mục “{folder}”: {cause} ({error}). {todo}, "
                       "rồi sao lưu lại.")


def _copy(source: sqlite3.Connection, target_path: Path, progress=None) -> None:
    """Online backup of ``source`` into a new file, written under a temporary name, verified, then
    renamed: a crash leaves either no backup or a complete one, and a copy that fails its check
    leaves nothing. ``progress(done, total)`` gets pages."""
    folder = target_path.parent
    # a name of its own (hidden, random): never the database itself nor a user's file that happens to be
    # called "<name>.partial"; clean_partials removes it if a kill leaves it behind
    partial = target_path.with_name(f".{target_path.name}.{os.urandom(4).hex()}.partial")
    source.execute("BEGIN")  # the counts and the copy see the same state of the database
    try:
        expected = _table_counts(source)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(str(partial))
            try:
                if progress is None:
                    source.backup(target)
                else:
                    source.backup(target, pages=64,
                                  progress=lambda _status, remaining, total: progress(total - remaining, total))
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                target.close()
        except (OSError, sqlite3.Error) as e:
            _remove(partial)
            if isinstance(e, sqlite3.DatabaseError) and _code(e) in _DAMAGED_CODES:
                raise
            raise _cannot_write(folder, e) from None
    finally:
        source.rollback()
    problem = copy_problem(partial, expected)
    if problem is not None:
        _remove(partial)
        raise DomainError(f"Bản sao “{target_path.name}” không đạt kiểm tra sau khi ghi ({problem}); đã xóa bản sao "
                          "này. Hãy thử lại hoặc chọn thư mục khác")
    partial.replace(target_path)


def _remove(path: Path) -> None:
    for name in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass


def _from_file(path: Path, target: Path, progress=None) -> None:
    try:
        source = open_read_only(path)
    except sqlite3.Error as e:
        raise DomainError(f"Không mở được cơ sở dữ liệu “{path}” để sao lưu ({e})") from None
    try:
        _copy(source, target, progress)
    except sqlite3.DatabaseError as e:
        raise DomainError(f"Không sao lưu được: tệp “{path.name}” bị hỏng ({e}). Hãy khôi phục từ một bản "
                          "sao lưu trước đó") from None
    finally:
        source.close()


def backup_to(db_path: str | Path, target: str | Path, progress=None) -> Path:
    """Back the database up into ``target`` (a new file), verified; returns its path."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists():
        raise DomainError(f"Không tìm thấy cơ sở dữ liệu “{db_path}”")
    _from_file(db_path, target, progress)
    return target


def clean_partials(folder: Path) -> list[Path]:
    """Delete what a killed backup left in ``folder`` (``*.partial`` and its journal)."""
    removed = []
    for path in folder.glob("*.partial*") if folder.is_dir() else ():
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def automatic_backup(db_path: str | Path, now: dt.datetime, reason: str = "khoi-dong") -> Path | None:
    """A backup in the backups folder (at every start, before a migration or a restore), then
    rotation. Nothing to do for a database that does not exist yet."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backups_dir(db_path)
    clean_partials(folder)
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
    reason: str = ""

    @property
    def kept(self) -> bool:
        """A safety copy (before a restore or an upgrade): the rotation never deletes it."""
        return bool(_KEPT.match(self.reason))

    @property
    def size_text(self) -> str:
        try:
            size = self.path.stat().st_size
        except OSError:
            return "?"
        if size >= 1024 * 1024:
            return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(size / 1024))} KB"

    @property
    def text(self) -> str:
        return f"{self.taken:%d/%m/%Y %H:%M:%S} - {self.path.name} ({self.size_text})"


def list_backups(db_path: str | Path) -> list[BackupFile]:
    """The backups folder's backups (safety copies included), newest first."""
    return _scan(backups_dir(db_path))


def _scan(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("tdkt-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            found.append(BackupFile(path, taken, match.group(3) or ""))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def rotate(folder: Path, now: dt.datetime) -> list[Path]:
    """Keep the latest 20 backups and the newest one of each day of the last 30 days; delete the
    rest. Safety copies are not part of the rotation. Returns the deleted files."""
    backups = [b for b in _scan(folder) if not b.kept]
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
        conn = open_read_only(path)
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


def set_aside(db_path: Path, now: dt.datetime) -> Path:
    """Rename a damaged database, with its -wal and -shm files, to ``<tên>.hong-<thời điểm>``
    beside it, byte for byte as it was (no SQLite involved). Returns the new name."""
    stem = f"{db_path.stem}.hong-{now:%Y%m%d-%H%M%S}"
    aside = db_path.with_name(stem + db_path.suffix)
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{stem}-{n}{db_path.suffix}")
    try:
        for extra in ("-wal", "-shm"):
            companion = Path(f"{db_path}{extra}")
            if companion.exists():
                companion.replace(Path(f"{aside}{extra}"))
        db_path.replace(aside)
    except OSError as e:
        raise DomainError(f"Không đổi tên được tệp hỏng “{db_path}” để giữ lại ({e}). Hãy kiểm tra quyền ghi "
                          "trong thư mục chứa cơ sở dữ liệu rồi khôi phục lại") from None
    return aside


def restore(backup: str | Path, db_path: str | Path, now: dt.datetime, program_version: int,
            who: str = "") -> Path | None:
    """Replace the database with ``backup`` after checking it, and record it in the restore log
    beside the database. What is replaced is kept first (returned): a whole database as a safety
    copy in the backups folder (SQLite's backup API), a damaged one renamed aside as it is. A whole
    database is replaced through SQLite's backup API in place; a damaged one by a verified copy."""
    from models.store.restore_log import RestoreLog

    backup, db_path = Path(backup), Path(db_path)
    inspect_file(backup, program_version)
    with RestoreLog.open(db_path) as log:  # refuses before anything is done when it cannot be written
        damaged = database_problem(db_path) is not None
        if damaged:
            kept = set_aside(db_path, now)
            try:
                _from_file(backup, db_path)
            except DomainError as e:
                raise DomainError(f"{e}. Tệp hỏng được giữ nguyên ở “{kept}”") from None
        else:
            try:
                kept = automatic_backup(db_path, now, reason="truoc-khoi-phuc")
            except DomainError as e:
                raise DomainError(f"Chưa khôi phục gì (dữ liệu hiện tại không thay đổi) vì không giữ được bản sao "
                                  f"dữ liệu hiện tại: {_lower_first(str(e))}") from None
            _restore_in_place(backup, db_path, kept)
        log.record(now, who, backup, kept)
    return kept


def _restore_in_place(backup: Path, db_path: Path, kept: Path | None) -> None:
    where = f"; dữ liệu trước khi khôi phục được giữ ở “{kept}”" if kept else ""
    source = open_read_only(backup)
    try:
        expected = _table_counts(source)
        target = sqlite3.connect(str(db_path))
        try:
            target.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            target.execute("BEGIN IMMEDIATE")  # another program writing: refused here (the backup API would
            target.rollback()  # wait for ever)
            source.backup(target)  # one transaction on the database: all of it or nothing
        finally:
            target.close()
    except sqlite3.Error as e:
        cause = _lower_first(database_failure(e, db_path))  # a read-only file, a full disk, a busy database
        raise DomainError(f"Không khôi phục được: {cause} Dữ liệu hiện tại không thay đổi{where}.") from None
    finally:
        source.close()
    problem = copy_problem(db_path, expected)
    if problem is not None:
        raise DomainError(f"Cơ sở dữ liệu sau khi khôi phục không đạt kiểm tra ({problem}){where}. Hãy khôi phục "
                          "lại từ một bản sao lưu khác")


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]
