"""What went wrong with a file, said in one Vietnamese sentence naming the cause and what to do.

Used by the command line's single error handler and by :func:`models.store.db.connect`, so that a full
disk, a read-only file or folder or a busy database never reaches the user as a traceback.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

BUSY = ("Cơ sở dữ liệu đang có chương trình khác ghi (cửa sổ chương trình hoặc một lệnh khác); "
        "hãy đợi nó ghi xong hoặc đóng nó rồi thử lại.")
_FULL = "Đĩa đầy (hoặc tệp vượt giới hạn kích thước cho phép): không ghi được{where}. " \
        "Hãy giải phóng chỗ trống trên đĩa rồi thử lại; dữ liệu đã có không bị thay đổi."

# A write refused by the system (a file-size limit gives an I/O error, not SQLITE_FULL).
_WRITE_FAILURES = {"SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_SHMSIZE"}


def _where(path: str | Path | None) -> str:
    return f" “{path}”" if path else ""


def folder_read_only(path: Path) -> bool:
    """The folder holding ``path`` exists but files cannot be created in it."""
    folder = Path(path).resolve().parent
    return folder.is_dir() and not os.access(folder, os.W_OK)


def no_room(e: Exception) -> bool:
    """The error says the disk is full or the file may not grow (a file-size limit): SQLite reports
    these as "database or disk is full" or as a failed write ("disk I/O error"), the system as
    ENOSPC, EFBIG or EDQUOT."""
    if isinstance(e, sqlite3.Error):
        return "full" in str(e).lower() or getattr(e, "sqlite_errorname", "") in _WRITE_FAILURES
    return isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def not_a_file(path: str | Path | None) -> str | None:
    """Why ``path`` cannot be a database file because it names no file: empty, or a folder."""
    if path is None:
        return None
    if str(path) in ("", "."):
        return ("Chưa ghi đường dẫn tới tệp cơ sở dữ liệu (--db trống). Hãy ghi đường dẫn tới một tệp, "
                "ví dụ --db tdkt.sqlite3, rồi thử lại.")
    if Path(path).is_dir():
        return (f"“{path}” là một thư mục, không phải tệp cơ sở dữ liệu. Hãy ghi đường dẫn tới tệp cơ sở "
                "dữ liệu (ví dụ “…/tdkt.sqlite3”) rồi thử lại.")
    return None


def database_failure(e: sqlite3.Error, path: Path | None = None) -> str:
    """A sentence for an SQLite error met on the database at ``path``."""
    text = str(e).lower()
    if "locked" in text or "busy" in text:
        return BUSY
    if not_a_file(path):
        return not_a_file(path)
    if no_room(e):
        return _FULL.format(where=_where(path))
    if "readonly" in text or "read-only" in text:
        if path is not None and folder_read_only(path):
            return read_only_folder(path)
        return (f"Cơ sở dữ liệu{_where(path)} chỉ cho đọc: không lưu được thay đổi. Hãy bỏ thuộc tính chỉ "
                "đọc của tệp (hoặc chép nó sang một thư mục ghi được) rồi thử lại.")
    if "unable to open" in text:
        if path is not None and folder_read_only(path):
            return read_only_folder(path)
        return (f"Không mở được cơ sở dữ liệu{_where(path)} ({e}). Hãy kiểm tra đường dẫn và quyền truy cập "
                "tệp rồi thử lại.")
    if "disk i/o" in text:
        return (f"Lỗi đọc/ghi đĩa với cơ sở dữ liệu{_where(path)} ({e}). Hãy kiểm tra ổ đĩa (còn chỗ, "
                "không bị rút ra) rồi thử lại.")
    name = Path(path).name if path is not None else ""
    return f"Tệp “{name}” không phải cơ sở dữ liệu của TĐKT hoặc đã hỏng ({e})"


def read_only_folder(path: Path) -> str:
    return (f"Thư mục “{Path(path).resolve().parent}” chỉ cho đọc: chương trình cần ghi tệp tạm bên cạnh "
            "cơ sở dữ liệu. Hãy cấp quyền ghi cho thư mục (hoặc chép cơ sở dữ liệu sang thư mục khác) rồi "
            "thử lại.")


def os_failure(e: OSError, path: str | Path | None = None) -> str:
    """A sentence for an operating-system error met reading or writing a file (``path``: the file being
    written, named when the error does not say which file)."""
    where = _where(e.filename or path)
    if no_room(e):
        return _FULL.format(where=where)
    blocker = _file_in_the_way(e) if e.errno in (errno.EEXIST, errno.ENOTDIR) else None
    if blocker is not None:
        wanted = f"“{Path(path).name}”" if path else "cơ sở dữ liệu hay tệp nào"
        return (f"“{blocker.name}” ({blocker}) là một tệp, không phải thư mục: không tạo được {wanted} trong đó. "
                "Hãy chọn thư mục khác (hoặc đổi tên tệp đó) rồi thử lại.")
    if e.errno == errno.EROFS:
        return f"Ổ đĩa chỉ cho đọc: không ghi được{where}. Hãy chọn nơi ghi khác rồi thử lại."
    if e.errno in (errno.EACCES, errno.EPERM):
        return (f"Không có quyền ghi/đọc{where}. Hãy cấp quyền (bỏ thuộc tính chỉ đọc) hoặc chọn nơi khác "
                "rồi thử lại.")
    if e.errno == errno.ENOENT:
        return f"Không tìm thấy{where or ' tệp'}: thư mục hoặc tệp không có. Hãy kiểm tra đường dẫn."
    if e.errno == errno.EISDIR:
        return f"“{e.filename or path}” là một thư mục, không phải tệp. Hãy ghi tên tệp."
    return f"Không đọc/ghi được tệp: {e}"


def _file_in_the_way(e: OSError) -> Path | None:
    """The file standing where a folder of ``e.filename``'s path should be (creating ``a/t.txt/x``
    when ``a/t.txt`` is a file), or None."""
    if not e.filename:
        return None
    path = Path(e.filename)
    for folder in (path, *path.parents) if e.errno == errno.EEXIST else path.parents:
        if folder.is_file():
            return folder
    return None
