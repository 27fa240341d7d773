"""Printing a campaign's register of initiatives to PDF (the same functions as the command line)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from ui.kit.pdf_export import ask_pdf_path, database_path, write_pdf

__all__ = ["ask_pdf_path", "save_register_pdf"]


def save_register_pdf(parent: QWidget | None, db: Database, campaign_id: int, path: str | Path,
                      as_of: dt.date | None = None) -> bool:
    """Write the campaign's register (figures as of ``as_of``, default today) to ``path``."""
    from models.campaigns.registers import initiative_register_data
    from reports.initiatives import register_pdf  # reportlab loads on first print, not at start

    day = as_of or dt.date.today()
    return write_pdf(parent, database_path(db), path, "danh sách đăng ký",
                     lambda own: register_pdf(initiative_register_data(own, campaign_id, day)))
