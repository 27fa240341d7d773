"""Who decides each title or award, by year, and the number series of each issuer.

The council only advises; the chairman of the People's Committee decides (Luật Thi đua, khen thưởng
06/2022/QH15, Điều 80 khoản 2: "Chủ tịch Ủy ban nhân dân cấp huyện quyết định tặng danh hiệu ... “Tập
thể lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, “Lao động tiên tiến” và giấy khen"; khoản 3: the
commune-level chairman decides "Lao động tiên tiến" and giấy khen). "Tập thể lao động xuất sắc" is
awarded at the province/city level, so a district or ward only proposes it (see docs/law.md).

:func:`authority` gives the :class:`Authority` of an award in a year: a row of ``award_authority``
(editable, from its year on) or the shipped default; empty texts follow the council's names.
:func:`next_number` / :func:`take_number` keep the sổ văn bản (one series per symbol and year);
:func:`document_number` writes a number as documents print it ("08/QĐ-UBND").
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.common.codes import CouncilLevel, TitleCode
from models.common.errors import DomainError, ValidationError
from models.common.text import clean
from models.store.settings import CouncilNames, council_names
from models.yearend.printable import default_issuer

if TYPE_CHECKING:  # printing a list needs no database (see models.yearend.printable)
    from sqlite_utils import Database

LOCAL, COUNCIL, HIGHER = "local", "council", "higher"
LEVELS = (LOCAL, COUNCIL, HIGHER)
COMMENDATION, CRITICISM = "commendation", "criticism"
AWARDS = (*(t.value for t in TitleCode), COMMENDATION, CRITICISM)
CITY_DECIDER = "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
CITY_BODY = "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 2"
LAW_2022_WARD = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3"
LAW_2022_DEPARTMENT = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 1"
# What the chairman of a ward's (commune's) People's Committee decides (Điều 80 khoản 3): the rest of a
# ward's titles are proposed to the city.
WARD_DECIDES = (TitleCode.LDTT.value,)
LAW_2003 = "Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013); Nghị định 91/2017/NĐ-CP"
CHECK_NOTE = "cần kiểm tra theo quy định của thành phố"
PROPOSAL_SYMBOL = "TTr-HĐTĐKT"  # the council's Tờ trình
MINUTES_SYMBOL = "BB-HĐTĐKT"  # the minutes of its meetings


@dataclass(frozen=True)
class Authority:
    """Who decides ``award`` from ``from_year`` on. ``level``: ``local`` (the chairman of the People's
    Committee the council serves), ``council`` (the council's chairman), ``higher`` (above: the
    council only proposes; its lists print no bonus). ``decider``: "Chủ tịch Ủy ban nhân dân quận Gò
    Vấp" (the reference line's "của ..."); ``body``: the decision's header; ``symbol``: its number's
    symbol ("QĐ-UBND")."""

    award: str
    from_year: int
    level: str
    decider: str
    body: str
    symbol: str
    signer_title: str = "CHỦ TỊCH"
    legal_basis: str = ""

    @property
    def decides_here(self) -> bool:
        """Whether the decision is made at the council's own level (it then prints bonuses)."""
        return self.level != HIGHER


def sentence_case(body: str, place: str) -> str:
    """"ỦY BAN NHÂN DÂN QUẬN GÒ VẤP" -> "Ủy ban nhân dân quận Gò Vấp": lower case, the first letter
    upper, the place name as the council writes it."""
    text = clean(body).lower()
    place = clean(place)
    if place and place.lower() in text:
        start = text.rindex(place.lower())
        text = text[:start] + place + text[start + len(place):]
    return text[:1].upper() + text[1:]


def local_name(council: CouncilNames) -> str:
    """The body the council serves, inside a sentence: "Ủy ban nhân dân quận Gò Vấp", "Sở Nội vụ"."""
    if council.level == CouncilLevel.DEPARTMENT and clean(council.area_name):
        return f"{clean(council.area)} {clean(council.area_name)}"
    return sentence_case(council.parent_body, council.place)


def head_of(council: CouncilNames) -> tuple[str, str]:
    """Who heads the body the council serves: ("Chủ tịch", "CHỦ TỊCH") for a People's Committee,
    ("Giám đốc", "GIÁM ĐỐC") for a department (Sở), ("Trưởng ban", "TRƯỞNG BAN") for a Ban."""
    if council.level != CouncilLevel.DEPARTMENT:
        return "Chủ tịch", "CHỦ TỊCH"
    return ("Trưởng ban", "TRƯỞNG BAN") if clean(council.area).lower() == "ban" else ("Giám đốc", "GIÁM ĐỐC")


def department_symbol(council: CouncilNames) -> str:
    """"QĐ-SNV" for Sở Nội vụ, "QĐ-SGDĐT" for Sở Giáo dục và Đào tạo: the initials of the body's
    name (without "và"), their marks dropped except Đ, after "QĐ-"."""
    words = [w for w in f"{clean(council.area)} {clean(council.area_name)}".split() if w.lower() != "và"]
    initials = "".join(w[0].upper() for w in words if w)
    plain = "".join(c for c in unicodedata.normalize("NFD", initials) if not unicodedata.combining(c))
    return f"QĐ-{plain}" if plain else "QĐ-UBND"


def _at_level(council: CouncilNames, award: str, year: int, level: str, basis: str) -> Authority:
    """Who decides ``award`` at ``level`` with the council's names: the city (``higher``), the
    council's chairman (``council``), or the head of the body the council serves (``local``)."""
    if level == HIGHER:
        return Authority(award, 2000, HIGHER, CITY_DECIDER, CITY_BODY, "QĐ-UBND", "CHỦ TỊCH", basis)
    if level == COUNCIL:
        return Authority(award, 2000, COUNCIL, f"Chủ tịch {default_issuer(council)}", council.issuing_body,
                         "QĐ-HĐTĐKT", "CHỦ TỊCH", basis)
    head, signer = head_of(council)
    symbol = department_symbol(council) if council.level == CouncilLevel.DEPARTMENT else "QĐ-UBND"
    return Authority(award, 2000, LOCAL, f"{head} {local_name(council)}", council.parent_body, symbol, signer, basis)


def _defaults(council: CouncilNames, award: str, year: int) -> Authority:
    """The shipped authority of ``award`` for the council's level (Luật 06/2022/QH15 Điều 80): a
    district's People's Committee chairman decides the titles but "Tập thể lao động xuất sắc"
    (khoản 2); a ward's only "Lao động tiên tiến" (khoản 3), the rest going to the city; a
    department's director all but "Tập thể lao động xuất sắc" (khoản 1)."""
    recent = year >= 2024
    basis = LAW_2022 if recent else LAW_2003
    if award == TitleCode.TTLDXS.value:
        return _at_level(council, award, year, HIGHER, f"{basis.split(',')[0]}, thẩm quyền cấp tỉnh ({CHECK_NOTE})")
    if award in (COMMENDATION, CRITICISM):
        return _at_level(council, award, year, COUNCIL, "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng")
    if council.level == CouncilLevel.WARD:
        if award not in WARD_DECIDES:
            return _at_level(council, award, year, HIGHER,
                             f"{basis.split(',')[0]}, cấp xã chỉ quyết định “Lao động tiên tiến” và giấy khen "
                             f"(Điều 80 khoản 3; {CHECK_NOTE})")
        return _at_level(council, award, year, LOCAL, LAW_2022_WARD if recent else LAW_2003)
    if council.level == CouncilLevel.DEPARTMENT:
        return _at_level(council, award, year, LOCAL, LAW_2022_DEPARTMENT if recent else LAW_2003)
    return _at_level(council, award, year, LOCAL, basis)


def authority(db: Database, year: int, award: str) -> Authority:
    """Who decides ``award`` (a title code, "commendation", "criticism") in ``year``: the year's row
    of the editable table (its empty texts filled for its level), else the default of the council's
    level."""
    council = council_names(db)
    default = _defaults(council, award, year)
    row = next(db.query("SELECT * FROM award_authority WHERE award = ? AND from_year <= ? ORDER BY from_year DESC "
                        "LIMIT 1", [award, year]), None)
    if row is None:
        return default
    if row["level"] != default.level:
        default = _at_level(council, award, year, row["level"], default.legal_basis)
    return Authority(award, row["from_year"], row["level"], row["decider"] or default.decider,
                     row["body"] or default.body, row["symbol"], row["signer_title"] or default.signer_title,
                     row["legal_basis"] or default.legal_basis)


def authority_table(db: Database, year: int) -> list[Authority]:
    """The authority of every award in ``year``, in :data:`AWARDS` order."""
    return [authority(db, year, award) for award in AWARDS]


def set_authorities(db: Database, values: list[Authority]) -> None:
    """Store several rows in one transaction; refused whole (nothing written) when one is wrong, the
    errors keyed "award.field"."""
    errors = {}
    for value in values:
        errors.update({f"{value.award}.{k}": v for k, v in check_authority(value).items()})
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        for value in values:
            set_authority(db, value)


def set_authority(db: Database, value: Authority) -> None:
    """Store who decides ``value.award`` from ``value.from_year`` on (replacing that year's row)."""
    errors = check_authority(value)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO award_authority (award, from_year, level, decider, body, symbol, "
                   "signer_title, legal_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [value.award, value.from_year, value.level, clean(value.decider), clean(value.body),
                    clean(value.symbol), clean(value.signer_title), clean(value.legal_basis)])


def check_authority(value: Authority) -> dict[str, str]:
    """What is wrong with ``value``, by field, in Vietnamese."""
    errors = {}
    if value.award not in AWARDS:
        errors["award"] = f"Không có danh hiệu, hình thức khen thưởng “{value.award}”"
    if not isinstance(value.from_year, int) or not 2000 <= value.from_year <= 2100:
        errors["from_year"] = f"Năm “{value.from_year}” không hợp lệ (từ 2000 đến 2100)"
    if value.level not in LEVELS:
        errors["level"] = "Cấp quyết định phải là: Ủy ban nhân dân cùng cấp, Hội đồng, hoặc cấp trên"
    if not clean(value.symbol):
        errors["symbol"] = "Ký hiệu văn bản (ví dụ “QĐ-UBND”) không được để trống"
    return errors


# --------------------------------------------------------------------------- the legal basis


def legal_bases(decision_year: int, level: str, department: str = "") -> list[str]:
    """The "Căn cứ ..." lines of a decision made in ``decision_year`` at ``level``: the law on local
    government (for the People's Committee; for a ``department`` such as "Sở Nội vụ", the city's
    decision on its functions instead), the law on emulation and reward in force that year and its
    decree (Luật 06/2022/QH15 and Nghị định 98/2023/NĐ-CP from 01/01/2024; before, the 2003 law as
    amended in 2013 and Nghị định 91/2017/NĐ-CP)."""
    lines = []
    if level != COUNCIL and department:
        lines.append(f"Căn cứ Quyết định số ........ của Ủy ban nhân dân Thành phố Hồ Chí Minh quy định chức năng, "
                     f"nhiệm vụ, quyền hạn và cơ cấu tổ chức của {department};")
    elif level != COUNCIL:
        lines.append("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" if decision_year >= 2025
                     else "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    if decision_year >= 2024:
        lines += ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                  "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
                  "hành một số điều của Luật Thi đua, khen thưởng;"]
    else:
        lines += ["Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 và Luật sửa đổi, bổ sung một số điều "
                  "của Luật Thi đua, Khen thưởng ngày 16 tháng 11 năm 2013;",
                  "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi "
                  "hành một số điều của Luật Thi đua, khen thưởng;"]
    return lines


# --------------------------------------------------------------------------- number series


def document_number(number: int | str, symbol: str) -> str:
    """"08/QĐ-UBND": the number zero-padded below 10 (Nghị định 30/2020, Phụ lục I), then the
    symbol; a number already written with its symbol is only padded ("8/QĐ-UBND" -> "08/QĐ-UBND")."""
    text = clean(str(number))
    head, sep, tail = text.partition("/")
    if head.isdigit():
        head = f"{int(head):02d}"
    return f"{head}/{tail}" if sep else (f"{head}/{clean(symbol)}" if head else "")


def next_number(db: Database, symbol: str, year: int) -> int:
    """The next free number in ``symbol``'s book for ``year`` (1 for a new year)."""
    (top,) = db.execute("SELECT coalesce(max(number), 0) FROM document_register WHERE symbol = ? AND year = ?",
                        [clean(symbol), year]).fetchone()
    return top + 1


@dataclass(frozen=True)
class TakenNumber:
    """A number in an issuer's book: "08/TTr-HĐTĐKT", the year of its book, the document's date."""

    text: str
    year: int
    issued_on: dt.date | None = None


def taken_number(db: Database, symbol: str, subject: str, about: str = "") -> TakenNumber | None:
    """The number last taken in ``symbol``'s books for the document ``subject`` ("Tờ trình - danh
    hiệu thi đua năm 2025"), or, when ``about`` is given ("campaign:7"), for what it is about
    whatever its subject says (a campaign renamed since); None when there is none."""
    where, key = ("about = ?", about) if about else ("subject = ?", clean(subject))
    row = db.execute(f"SELECT number, year, issued_on FROM document_register WHERE symbol = ? AND {where} "
                     "ORDER BY year DESC, number DESC LIMIT 1", [clean(symbol), key]).fetchone()
    if row is None:
        return None
    return TakenNumber(document_number(row[0], symbol), row[1], dt.date.fromisoformat(row[2]) if row[2] else None)


def read_number(text: str, symbol: str) -> int | None:
    """The number typed for ``symbol``: "8", "08" or "08/TTr-HĐTĐKT" give 8; blank gives None.
    Raises :class:`DomainError` (in Vietnamese) for anything else."""
    head, sep, tail = clean(text).partition("/")
    if not head and not sep:
        return None
    if not head.isdigit() or not 1 <= int(head) <= 99999 or (sep and clean(tail) != clean(symbol)):
        raise DomainError(f"Số văn bản “{clean(text)}” không hợp lệ: gõ một số từ 1 đến 99999 (ví dụ 8 hoặc "
                          f"08/{clean(symbol)})")
    return int(head)


def take_number(db: Database, symbol: str, year: int, subject: str, issued_on: dt.date | None = None,
                number: int | None = None, about: str = "") -> str:
    """Record a number in the book (the next one unless given) and return it as printed; ``about``
    says what it belongs to ("year:2025", "campaign:7": see :func:`taken_number`)."""
    symbol = clean(symbol)
    number = next_number(db, symbol, year) if number is None else number
    if db.execute("SELECT 1 FROM document_register WHERE symbol = ? AND year = ? AND number = ?",
                  [symbol, year, number]).fetchone():
        raise DomainError(f"Số {document_number(number, symbol)} năm {year} đã được dùng trong sổ văn bản")
    with db.atomic():
        db.execute("INSERT INTO document_register (symbol, year, number, subject, issued_on, about) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   [symbol, year, number, clean(subject), issued_on.isoformat() if issued_on else None, about])
    return document_number(number, symbol)


__all__ = ["AWARDS", "Authority", "MINUTES_SYMBOL", "PROPOSAL_SYMBOL", "TakenNumber", "read_number", "taken_number", "COMMENDATION", "COUNCIL", "CRITICISM", "HIGHER", "LEVELS", "LOCAL", "authority",
           "authority_table", "check_authority", "department_symbol", "document_number", "head_of", "legal_bases",
           "local_name", "next_number", "sentence_case", "set_authorities", "set_authority",
           "take_number"]
