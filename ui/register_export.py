"""Printing a campaign's register of initiatives to PDF (the same functions as the command line)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget
from sqlite_utils import Database

from models.db import connect
from models.errors import DomainError
from models.registers import initiative_register_data

from . import messages
from .tasks import run_with_progress

PDF_FILTER = "Tệp PDF (*.pdf)"


def ask_pdf_path(parent: QWidget | None, title: str, suggested: str) -> str:
    """A path to write a PDF to, or "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, PDF_FILTER)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def save_register_pdf(parent: QWidget | None, db: Database, campaign_id: int, path: str | Path,
                      as_of: dt.date | None = None) -> bool:
    """Write the campaign's register (figures as of ``as_of``, default today) to ``path`` in the
    background; say what went wrong and return False when it could not be done."""
    from reports.campaign_register import register_pdf  # reportlab loads on first print, not at start

    db_path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    day = as_of or dt.date.today()

    def work(progress):
        own = connect(db_path)  # the worker thread needs its own connection
        try:
            return register_pdf(initiative_register_data(own, campaign_id, day))
        finally:
            own.close()

    try:
        pdf = run_with_progress(parent, "Đang tạo danh sách đăng ký (PDF)...", work)
        Path(path).write_bytes(pdf)
    except OSError as e:
        messages.error(parent, "Không lưu được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
        return False
    except DomainError as e:
        messages.error(parent, "Không in được", str(e))
        return False
    messages.inform(parent, "Đã lưu", f"Đã lưu danh sách đăng ký ra tệp:\n{path}")
    return True
