"""The restore log: every restore, written to a text file beside the database, only ever appended
to. It lives outside the database, so restoring an older copy (which rewinds the database's own
history) cannot rewind it. One line a restore: time, who, the file restored from, the copy kept of
what was replaced, separated by tabs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from models.common.errors import DomainError

SUFFIX = ".nhat-ky-khoi-phuc.txt"
HEADER = "# Thời điểm\tNgười thực hiện\tKhôi phục từ tệp\tDữ liệu trước khi khôi phục được giữ ở\n"
LABEL = "Khôi phục dữ liệu"


def restore_log_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + SUFFIX)


def _field(value) -> str:
    return " ".join(str(value or "").split("\t")).replace("\n", " ").replace("\r", " ")


@dataclass(frozen=True)
class RestoreRecord:
    """A restore, shown in the history screen beside the database's changes."""
    at: str  # YYYY-MM-DD HH:MM:SS
    who: str
    source: str
    kept: str
    id: int = 0  # sorts before the changes of the same second
    table_label: str = LABEL
    action_label: str = "Khôi phục"

    @property
    def when(self) -> str:
        return dt.datetime.strptime(self.at, "%Y-%m-%d %H:%M:%S").strftime("%d/%m/%Y %H:%M:%S")

    @property
    def subject(self) -> str:
        return Path(self.source).name

    @property
    def summary(self) -> str:
        kept = f"; dữ liệu trước khi khôi phục được giữ ở {self.kept}" if self.kept else ""
        return f"Thay toàn bộ dữ liệu bằng tệp {self.source}{kept}"


class RestoreLog:
    """The log opened for appending before a restore starts (so a log that cannot be written
    refuses the restore before anything is done); :meth:`record` adds the line after it."""

    def __init__(self, path: Path, handle):
        self.path, self._handle = path, handle

    @classmethod
    def open(cls, db_path: str | Path) -> RestoreLog:
        path = restore_log_path(db_path)
        try:
            handle = path.open("a", encoding="utf-8")
        except OSError as e:
            raise DomainError(f"Không ghi được nhật ký khôi phục “{path}” ({e}); chưa khôi phục gì. Hãy kiểm tra "
                              "quyền ghi trong thư mục chứa cơ sở dữ liệu") from None
        return cls(path, handle)

    def __enter__(self) -> RestoreLog:
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()
        try:
            if self.path.stat().st_size == 0:  # nothing recorded (the restore failed): no empty log left
                self.path.unlink()
        except OSError:
            pass

    def record(self, now: dt.datetime, who: str, source: Path, kept: Path | None) -> None:
        if self._handle.tell() == 0:
            self._handle.write(HEADER)
        fields = (now.strftime("%Y-%m-%d %H:%M:%S"), who, Path(source).resolve(), Path(kept).resolve() if kept else "")
        self._handle.write("\t".join(_field(f) for f in fields) + "\n")
        self._handle.flush()


def read_restore_log(db_path: str | Path) -> list[RestoreRecord]:
    """The restores recorded beside the database, oldest first (lines that cannot be read skipped)."""
    path = restore_log_path(db_path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        parts = line.split("\t")
        if line.startswith("#") or len(parts) != 4:
            continue
        try:
            dt.datetime.strptime(parts[0], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        records.append(RestoreRecord(*parts))
    return records


def list_restores(db_path: str | Path, since: dt.date | None = None, until: dt.date | None = None,
                  who: str | None = None) -> list[RestoreRecord]:
    """The restores, newest first, filtered like the history (day range, operator)."""
    found = []
    for r in read_restore_log(db_path):
        day = dt.date.fromisoformat(r.at[:10])
        if (since is None or day >= since) and (until is None or day <= until) and (not who or r.who == who):
            found.append(r)
    return found[::-1]
