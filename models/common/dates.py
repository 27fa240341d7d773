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
    with the reason: not a date at all, or a date that does not exist (31/02/2018). A number is
    refused here: the xlsx reader has already turned the Excel serial numbers of a date column
    into dates (see :func:`excel_serial_date` for which numbers count).
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


# Excel counts days from 30/12/1899 (its day 1 is 01/01/1900, and it wrongly takes 1900 for a leap
# year: serials from 61, 01/03/1900, on are right, which is every serial accepted here).
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
FIRST_EXCEL_SERIAL = 3654  # 01/01/1910
LAST_EXCEL_SERIAL = 73050  # 31/12/2099


def excel_serial_date(value: object) -> dt.date | None:
    """The date an Excel date cell holds when its "Date" format was lost, or ``None``.

    Excel stores a date as the number of days since 30/12/1899 (01/01/2018 is 43101) and only its
    cell format makes it show as a date; a column re-formatted as General or Number, or a file
    written by another program, hands the reader the bare number. Such a number is taken as a date
    only when it is a whole number from 3654 (01/01/1910) to 73050 (31/12/2099). The range stops
    short of Excel's day 1 (01/01/1900) on purpose: a year typed alone (1985, 2018) is a number
    below 3654 and would otherwise become a date in 1905, silently; it stays refused, as do
    fractions (a time of day), ddmmyyyy typed as a number (31121990) and anything past 2099.

    Only the xlsx reader calls this, for the date columns of an import (:func:`models.exchange.xlsx.read_rows`);
    :func:`parse_date` itself keeps refusing numbers, so a number typed in a form is never a date.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not float(value).is_integer() or not FIRST_EXCEL_SERIAL <= value <= LAST_EXCEL_SERIAL:
        return None
    return _EXCEL_DAY_ZERO + dt.timedelta(days=int(value))


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


def from_iso(value: str | None) -> dt.date | None:
    """A date as the database stores it (ISO text), or None for NULL."""
    return dt.date.fromisoformat(value) if value else None
