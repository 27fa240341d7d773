"""Writing a report, export or template file: never onto a file of another kind, never half-written.

The command line and the window's save paths both call :func:`check_output_target` before writing
and :func:`write_atomically` to write: the file is built beside the target under a temporary name and
renamed over it, so a failed write (disk full, a killed program) leaves the old file whole.
"""
from __future__ import annotations

import os
import re
import secrets
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PDF, XLSX, SQLITE, DOCX = "pdf", "xlsx", "sqlite", "docx"
KIND_NAMES = {PDF: "tệp PDF", XLSX: "tệp Excel", SQLITE: "cơ sở dữ liệu", DOCX: "tệp Word"}
_SIGNATURES = ((b"SQLite format 3\x00", SQLITE), (b"%PDF-", PDF))


def file_kind(path: str | Path) -> str | None:
    """What an existing file holds: ``"sqlite"``, ``"pdf"``, ``"xlsx"``, ``"docx"``, ``"empty"`` or None
    (unrecognised)."""
    with open(path, "rb") as f:
        head = f.read(16)
    if not head:
        return "empty"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
                return XLSX if "xl/workbook.xml" in names else DOCX if "word/document.xml" in names else None
        except (zipfile.BadZipFile, OSError):
            return None
    return None


def check_output_target(path: str | Path, kind: str, open_db_path: str | Path | None = None,
                        force: bool = False) -> str | None:
    """Why ``path`` must not be written with a ``kind`` file (``"pdf"`` or ``"xlsx"``), or None.

    The open database is never overwritten. Another existing file is refused unless it already holds
    the same kind (an earlier PDF or workbook may be replaced) or ``force`` is given: a database, a
    workbook when writing a PDF, a PDF when writing a workbook, anything unrecognised.
    """
    path = Path(path)
    what = KIND_NAMES[kind]
    if path.is_dir():
        return f"“{path}” là một thư mục, không ghi {what} vào đó được. Hãy ghi tên tệp."
    if not path.exists():
        return None
    if not path.is_file():  # a device, a pipe, a socket: opening it could hang, renaming over it replaces it
        return f"“{path}” không phải là một tệp thường (thiết bị, đường ống...); không ghi {what} vào đó được. " \
               "Hãy chọn tên tệp khác."
    if open_db_path is not None and Path(open_db_path).exists() and path.samefile(open_db_path):
        return (f"“{path}” là cơ sở dữ liệu đang dùng; không ghi {what} đè lên nó "
                "(sẽ mất hết dữ liệu). Hãy chọn tên tệp khác.")
    try:
        found = file_kind(path)
    except OSError as e:
        return f"Không đọc được tệp “{path}” đang có ({e.strerror or e}); không ghi đè. Hãy chọn tên tệp khác."
    if found in (kind, "empty") or force:
        return None
    held = KIND_NAMES.get(found, "một tệp không phải " + what)
    return f"Tệp “{path}” đã có và là {held}; không ghi {what} đè lên nó. Hãy chọn tên tệp khác."


def file_name_part(text: str) -> str:
    """``text`` usable inside a file name: a unit code such as ``P/01`` becomes ``P-01``."""
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip() or "-"


def write_atomically(path: str | Path, content: bytes | Callable[[Path], T]) -> T | None:
    """Write ``content`` (bytes, or a ``writer(temporary_path)``) to ``path`` through a temporary file
    beside it, renamed over ``path`` only once complete; the writer's result is returned.

    On any failure the temporary file is removed and the old ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    result = None
    try:
        if isinstance(content, (bytes, bytearray)):
            with open(temporary, "xb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
        else:
            result = content(temporary)
        os.replace(temporary, path)
    except BaseException as e:
        temporary.unlink(missing_ok=True)
        if isinstance(e, OSError) and e.filename is not None and Path(e.filename) == temporary:
            e.filename = str(path)  # the user knows the file they asked for, not the temporary one
        raise
    return result
