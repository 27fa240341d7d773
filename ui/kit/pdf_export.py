"""Writing a report to PDF from a screen: ask where, build it in the background, say how it went.

The report is built by the same domain and report functions as the command line, on a
connection of its own (the worker thread's).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from models.store.db import connect, database_path  # database_path: re-exported for its importers in ui/
from models.common.errors import DomainError
from models.store.output import write_atomically

from ui.kit import messages
from ui.kit.tasks import run_with_progress

PDF_FILTER = "Tệp PDF (*.pdf)"


def ask_pdf_path(parent: QWidget | None, title: str, suggested: str) -> str:
    """A path to write a PDF to, or "" when cancelled."""
    return messages.ask_save_path(parent, title, suggested, PDF_FILTER, "pdf")


def build_pdf(parent: QWidget | None, db_path: str | Path, label: str,
              build: Callable[[Database], bytes]) -> bytes | None:
    """``build(db)`` on a worker thread (its own connection) with a progress dialog; None, after
    telling the user why, when it could not be built."""
    def work(_progress):
        own = connect(db_path)
        try:
            return build(own)
        finally:
            own.close()

    try:
        return run_with_progress(parent, f"Đang tạo {label}...", work)
    except DomainError as e:
        messages.error(parent, "Không tạo được tệp PDF", str(e))
        return None


def write_pdf(parent: QWidget | None, db_path: str | Path, path: str | Path, label: str,
              build: Callable[[Database], bytes]) -> bool:
    """Build the PDF with ``build(db)`` in a worker thread and write it to ``path``; tell the user
    what went wrong and return False when it could not be done."""
    pdf = build_pdf(parent, db_path, label, build)
    if pdf is None:
        return False
    try:
        write_atomically(path, pdf)
    except OSError as e:
        messages.error(parent, "Không lưu được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
        return False
    messages.inform(parent, "Đã lưu", f"Đã lưu {label} ra tệp:\n{path}")
    return True

