"""Dates as users type them (dd/mm/yyyy) and as Excel stores them; ISO text in the database."""
from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


class DateError(ValueError):
    """A date that cannot be read; ``str(error)`` is a Vietnamese sentence for the user."""


def parse_date(value: object) -> dt.date | None:
    """Read a date from a cell or a text field; ``None`` for an empty value.

    Accepts ``date``/``datetime`` objects (real Excel dates) and text in dd/mm/yyyy (also with
    ``-`` or ``.``, one-digit day or month, or ddmmyyyy) or yyyy-mm-dd. Raises :class:`DateError`
    with the reason: not a date at all, or a date that does not exist (31/02/2018).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise DateError(f"“{_number_text(value)}” là một số, không phải ngày (cần dạng dd/mm/yyyy)")
    text = str(value).strip()
    if not text:
        return None
    match = _DMY.match(text) or _COMPACT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            raise DateError(f"“{text}” không phải ngày dạng dd/mm/yyyy")
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"ngày {day:02d}/{month:02d}/{year:04d} không tồn tại") from None


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def format_date(value: dt.date | str | None) -> str:
    """dd/mm/yyyy for display; accepts a date or ISO text from the database; empty for ``None``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # strftime drops zeros of year < 1000


def iso(value: dt.date | None) -> str | None:
    """ISO text for the database (``None`` stays ``None``)."""
    return value.isoformat() if value is not None else None
