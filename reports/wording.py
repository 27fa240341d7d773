"""Vietnamese wording shared by the documents: NFC text, safe markup, upper case, dates written as the
official format (Decree 30/2020) writes them."""
from __future__ import annotations

import datetime as dt
import unicodedata

from models.common.text import joined_lower, money  # noqa: F401 (joined_lower: re-exported)

BLANK_DATE = "ngày ..... tháng ..... năm ........"


def nfc(text: object) -> str:
    """``text`` as a string in Unicode NFC (``None`` becomes the empty string)."""
    return "" if text is None else unicodedata.normalize("NFC", str(text))


def _escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (``&``, ``<``, ``>``) without importing it: that module pulls in
    urllib.request and http.client (some 15 ms at the start of every printing process)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: object) -> str:
    """``text`` made safe for Paragraph markup: NFC, ``& < >`` escaped, line breaks kept."""
    return _escape(nfc(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def upper(text: object) -> str:
    """Upper case of Vietnamese text (NFC before and after: "đ" -> "Đ", "ư" -> "Ư")."""
    return nfc(nfc(text).upper())


def vietnamese_date(date: dt.date | None) -> str:
    """"ngày 05 tháng 01 năm 2019": days below 10 and months 1-2 padded, months 3-12 not
    (Decree 30); dotted blanks for handwriting when ``date`` is ``None``."""
    if date is None:
        return BLANK_DATE
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def place_date_line(place: str, date: dt.date | None) -> str:
    """"Gò Vấp, ngày 05 tháng 01 năm 2019" (see :func:`vietnamese_date` for the padding)."""
    place = nfc(place).strip()
    when = vietnamese_date(date)
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


def short_date(date: dt.date | None) -> str:
    """dd/mm/yyyy, or the empty string for ``None``."""
    return "" if date is None else f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def attachment_reference(
    number: str = "", date: dt.date | None = None, issuer: str = "", kind: str = "Quyết định",
    prefix: str = "Kèm theo",
) -> str:
    """The italic line under the title of an attached list: "(Ban hành kèm theo Quyết định số
    08/QĐ-UBND ngày 05 tháng 01 năm 2019 của Chủ tịch ...)" (``prefix`` "Ban hành kèm theo"), or
    "(Kèm theo Tờ trình số ...)"; dotted blanks for what is not known yet."""
    number = nfc(number).strip() or "........"
    issuer = nfc(issuer).strip() or "........................"
    return f"({nfc(prefix)} {nfc(kind)} số {number} {vietnamese_date(date)} của {issuer})"



def count_text(number: int) -> str:
    """A count with "." between thousands, as every count and amount prints: 12738 -> "12.738"."""
    return money(number)


def amount_text(amount: int) -> str:
    """An amount in a table cell: "1.390.000", or "-" where none is due."""
    return money(amount) if amount else "-"
