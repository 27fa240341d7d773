"""The award register (sổ khen thưởng): every award a person or a collective received, in any year,
with its level, issuing authority, decision, reason and bonus.

Three ways in: typed on the register screen (:func:`save_award`), imported from past years' spreadsheets
(``models.awards.exchange``), and written by the council's approval of a yearly title list
(:func:`record_approved_list`, called by ``models.yearend.lists.approve`` in its own transaction; the rows
keep the approval's id and :func:`remove_approved_list` takes them away when the list is reopened).

Search (:func:`search_awards`) finds people and units by name or code and awards by their form or
decision number, ignoring case and diacritics, fast on a register of 400,000 awards: the names are
matched first (a few thousand rows), then the awards are read through their indexes.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.award_codes import AUTO_TITLES, COLLECTIVE_KINDS, AwardKind, AwardLevel, award_label
from models.common.dates import format_date, iso
from models.common.errors import DomainError, NotFound, ValidationError
from models.common.text import clean, fold, money
from models.store.records import insert_sql, save_record

FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_AMOUNT = 100_000_000_000
SEARCH_LIMIT = 200  # rows a search shows (newest first); typing more narrows it


@dataclass(frozen=True)
class Award:
    staff_id: int | None
    unit_id: int | None
    year: int
    kind: AwardKind
    form: str
    level: AwardLevel
    authority: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    reason: str = ""
    amount: int = 0
    id: int | None = None
    approval_id: int | None = None
    code: str = ""  # the person's or the unit's code
    name: str = ""  # the person's full name or the unit's name

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def kind_label(self) -> str:
        return award_label(self.kind)

    @property
    def level_label(self) -> str:
        return award_label(self.level)

    @property
    def automatic(self) -> bool:
        """Written by the approval of a yearly title list (changed by reopening the list, not here)."""
        return self.approval_id is not None

    def describe(self) -> str:
        """"Giấy khen năm 2020 của CB01 - Nguyễn Văn A": how undo and questions name an award."""
        return f"{self.form} năm {self.year} của {self.code} - {self.name}"


def normalised(a: Award) -> Award:
    return replace(a, form=clean(a.form), authority=clean(a.authority), decision_number=clean(a.decision_number),
                   reason=" ".join((a.reason or "").split()))


def check_award(db: Database, a: Award) -> dict[str, str]:
    """What is wrong with ``a`` (normalised), by field; empty when it can be saved."""
    errors = {}
    if (a.staff_id is None) == (a.unit_id is None):
        errors["subject"] = "Chọn một cán bộ (cá nhân) hoặc một đơn vị (tập thể)"
    elif a.staff_id is not None and db.execute("SELECT 1 FROM staff WHERE id = ?", [a.staff_id]).fetchone() is None:
        errors["subject"] = "Cán bộ không tồn tại"
    elif a.unit_id is not None and db.execute("SELECT 1 FROM unit WHERE id = ?", [a.unit_id]).fetchone() is None:
        errors["subject"] = "Đơn vị không tồn tại"
    return {**errors, **field_errors(a)}


def field_errors(a: Award) -> dict[str, str]:
    """What is wrong with ``a``'s own fields (the person or unit aside), by field."""
    errors = {}
    if not isinstance(a.year, int) or not FIRST_YEAR <= a.year <= LAST_YEAR:
        errors["year"] = f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}"
    if not isinstance(a.kind, AwardKind):
        errors["kind"] = "Chưa chọn loại khen thưởng"
    elif a.staff_id is not None and a.kind in COLLECTIVE_KINDS:
        errors["kind"] = f"{award_label(a.kind)} chỉ tặng cho tập thể; hãy chọn một đơn vị"
    elif a.unit_id is not None and a.kind in (AwardKind.LDTT, AwardKind.CSTDCS, AwardKind.CSTD_TINH,
                                              AwardKind.CSTD_TOAN_QUOC):
        errors["kind"] = f"{award_label(a.kind)} chỉ tặng cho cá nhân; hãy chọn một cán bộ"
    if not a.form:
        errors["form"] = "Hình thức khen thưởng không được để trống"
    if not isinstance(a.level, AwardLevel):
        errors["level"] = "Chưa chọn cấp khen"
    if a.decision_date is not None and not isinstance(a.decision_date, dt.date):
        errors["decision_date"] = "Ngày quyết định phải dạng dd/mm/yyyy"
    elif isinstance(a.decision_date, dt.date) and isinstance(a.year, int) and abs(a.decision_date.year - a.year) > 1:
        errors["decision_date"] = (f"Ngày quyết định {format_date(a.decision_date)} cách năm khen thưởng {a.year} "
                                   "quá một năm; kiểm tra lại năm hoặc ngày")
    if not isinstance(a.amount, int) or not 0 <= a.amount <= MAX_AMOUNT:
        errors["amount"] = "Số tiền phải là số đồng, không âm (ví dụ 1.390.000)"
    return errors


def _row(a: Award) -> dict:
    return {"staff_id": a.staff_id, "unit_id": a.unit_id, "year": a.year, "kind": str(a.kind), "form": a.form,
            "form_folded": fold(a.form), "level": str(a.level), "authority": a.authority,
            "decision_number": a.decision_number, "decision_date": iso(a.decision_date), "reason": a.reason,
            "amount": a.amount}


def _require_manual(db: Database, award_id: int) -> None:
    row = db.execute("SELECT approval_id FROM award WHERE id = ?", [award_id]).fetchone()
    if row is None:
        raise NotFound("Khen thưởng không còn tồn tại")
    if row[0] is not None:
        number = db.execute("SELECT decision_number FROM award_approval WHERE id = ?", [row[0]]).fetchone()
        raise DomainError(
            f"Danh hiệu này được ghi từ danh sách đã phê duyệt (Quyết định số {number[0] if number else '?'}); "
            "muốn sửa hay xóa, hãy mở lại danh sách danh hiệu của năm (ghi rõ lý do)")


def save_award(db: Database, a: Award) -> Award:
    """Insert (``id`` None) or update an award typed by hand; refused with the fields at fault."""
    a = normalised(a)
    errors = check_award(db, a)
    if errors:
        raise ValidationError(errors)
    if a.id is not None:
        _require_manual(db, a.id)
    with db.atomic():
        new_id = save_record(db, "award", _row(a), a.id, "Khen thưởng không còn tồn tại")
    return get_award(db, new_id)


def delete_award(db: Database, award_id: int) -> None:
    _require_manual(db, award_id)
    with db.atomic():
        db.execute("DELETE FROM award WHERE id = ?", [award_id])


def snapshot_award(db: Database, award_id: int | None) -> dict | None:
    """The stored row, to undo a change (``None``: it did not exist)."""
    if award_id is None:
        return None
    cursor = db.conn.execute("SELECT * FROM award WHERE id = ?", [award_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def restore_award(db: Database, award_id: int, snapshot: dict | None) -> None:
    """Put the award back as in ``snapshot`` (delete it when ``None``)."""
    with db.atomic():
        db.execute("DELETE FROM award WHERE id = ?", [award_id])
        if snapshot is not None:
            db.execute(insert_sql("award", snapshot), snapshot)


# --------------------------------------------------------------------------- reading

_SELECT = ("SELECT a.id, a.staff_id, a.unit_id, a.year, a.kind, a.form, a.level, a.authority, a.decision_number, "
           "a.decision_date, a.reason, a.amount, a.approval_id, coalesce(s.code, u.code) AS code, "
           "coalesce(s.full_name, u.name) AS name FROM award a LEFT JOIN staff s ON s.id = a.staff_id "
           "LEFT JOIN unit u ON u.id = a.unit_id")


def _award(r: tuple) -> Award:
    return Award(r[1], r[2], r[3], AwardKind(r[4]), r[5], AwardLevel(r[6]), r[7], r[8],
                 dt.date.fromisoformat(r[9]) if r[9] else None, r[10], r[11], r[0], r[12], r[13] or "", r[14] or "")


def _fetch(db: Database, where: str = "", params: list | None = None, order: str = "a.year, a.id") -> list[Award]:
    return [_award(r) for r in db.execute(f"{_SELECT} {where} ORDER BY {order}", params or [])]


def get_award(db: Database, award_id: int) -> Award:
    found = _fetch(db, "WHERE a.id = ?", [award_id])
    if not found:
        raise NotFound("Khen thưởng không tồn tại")
    return found[0]


def list_awards(db: Database, year: int | None = None) -> list[Award]:
    """Every award (of one year), oldest first: the export's rows."""
    return _fetch(db, "WHERE a.year = ?" if year is not None else "", [year] if year is not None else [])


def awards_of_staff(db: Database, staff_id: int) -> list[Award]:
    return _fetch(db, "WHERE a.staff_id = ?", [staff_id])


def awards_of_unit(db: Database, unit_id: int) -> list[Award]:
    return _fetch(db, "WHERE a.unit_id = ?", [unit_id])


def award_years(db: Database) -> list[int]:
    """The years the register holds, newest first (read through the year index)."""
    years, year = [], db.execute("SELECT max(year) FROM award").fetchone()[0]
    while year is not None:  # one index step per year, not a scan of every award
        years.append(year)
        year = db.execute("SELECT max(year) FROM award WHERE year < ?", [year]).fetchone()[0]
    return years


def latest_year(db: Database, default: int) -> int:
    """The newest year of the register (``default`` when it is empty): where the screens start."""
    year = db.execute("SELECT max(year) FROM award").fetchone()[0]
    return default if year is None else year


@dataclass(frozen=True)
class SearchFilter:
    query: str = ""
    year: int | None = None
    kind: AwardKind | None = None
    collective: bool | None = None  # True: collectives only; False: people only


@dataclass(frozen=True)
class SearchResult:
    awards: list[Award]
    more: bool  # more awards match than were read (SEARCH_LIMIT)


NARROW = 12_000  # a search expected to read at most this many index entries reads them through the indexes


class _Values:
    """What the search looks up besides names: the distinct forms and decision numbers, each with its
    count up to :data:`COUNTED` (all an estimate needs), the awards per person and per unit; read again
    after any change. Everything is read from the indexes by seeking, never by scanning the register:
    the first keystroke after a change stays as cheap as the others (the counts of the kinds are read
    when a search asks for them, :meth:`kind_count`)."""

    def __init__(self):
        self.key = None

    def of(self, db: Database) -> _Values:
        key = (id(db.conn), db.conn.total_changes, db.execute("PRAGMA data_version").fetchone()[0])
        if key != self.key:
            self.db = db
            self.forms = _distinct_counted(db, "form_folded")
            self.numbers = [(n, fold(n), c) for n, c in _distinct_counted(db, "decision_number")]
            (top,) = db.execute("SELECT coalesce(max(id), 0) FROM award").fetchone()  # the count, or a bit more
            self.people = [(i, f"{code.lower()} {name}") for i, code, name in
                           db.execute("SELECT id, code, name_folded FROM staff")]
            self.units = [(i, f"{code.lower()} {name}") for i, code, name in
                          db.execute("SELECT id, code, name_folded FROM unit")]
            self.last: tuple[str, list, list] = ("", self.people, self.units)
            self.per_person = max(1.0, top / max(len(self.people), 1))
            self.per_unit = max(1.0, top / max(len(self.units), 1))
            self._kinds: dict[str, int] = {}
            self.key = key
        return self

    def kind_count(self, kind: str) -> int:
        """The awards of ``kind``, counted up to ``NARROW + 1`` (more: the walk of the year index)."""
        if kind not in self._kinds:
            self._kinds[kind] = _count_upto(self.db, "kind", kind, NARROW + 1)
        return self._kinds[kind]

    def matching(self, query: str) -> tuple[list[int], list[int]]:
        """The ids of the people and of the units whose code or folded name contains ``query``; a query
        that extends the previous one (typing on) looks only among the previous matches."""
        previous, people, units = self.last
        if not query.startswith(previous):
            people, units = self.people, self.units
        people = [(i, hay) for i, hay in people if query in hay]
        units = [(i, hay) for i, hay in units if query in hay]
        self.last = (query, people, units)
        return [i for i, _hay in people], [i for i, _hay in units]


_VALUES = _Values()
COUNTED = SEARCH_LIMIT + 1  # a form or a decision number is read at most a page at a time: counted that far


def _count_upto(db: Database, column: str, value, cap: int) -> int:
    return db.execute(f"SELECT count(*) FROM (SELECT 1 FROM award WHERE {column} = ? LIMIT ?)",
                      [value, cap]).fetchone()[0]


def _distinct_counted(db: Database, column: str) -> list[tuple[str, int]]:
    """The distinct values of an indexed column of the award table in order, each with its count up to
    :data:`COUNTED`: one seek per value through the column's index instead of a scan of the register."""
    found, value, after = [], "", ">="  # every text is >= "": the first value, then each next one
    while True:
        row = db.execute(f"SELECT {column} FROM award WHERE {column} {after} ? ORDER BY {column} LIMIT 1",
                         [value]).fetchone()
        if row is None:
            return found
        value, after = row[0], ">"
        found.append((value, _count_upto(db, column, value, COUNTED)))


def search_awards(db: Database, wanted: SearchFilter, limit: int = SEARCH_LIMIT) -> SearchResult:
    """The awards matching ``wanted``, newest year first (then newest entered): a person's or a unit's name
    or code, an award's form or decision number contain the query (case and diacritics ignored).

    A search expected to match few awards (at most :data:`NARROW`) collects their (year, id) from the
    indexes alone and reads only the rows shown; a broad one walks the year index newest first and stops
    at ``limit``: either way a keystroke reads a few thousand index entries, never the whole register."""
    filters, params = [], []
    if wanted.year is not None:
        filters.append("a.year = ?")
        params.append(wanted.year)
    if wanted.kind is not None:
        filters.append("a.kind = ?")
        params.append(str(wanted.kind))
    if wanted.collective is not None:
        filters.append("a.unit_id IS NOT NULL" if wanted.collective else "a.staff_id IS NOT NULL")
    values = _VALUES.of(db)
    query = fold(wanted.query)
    sources: list[tuple[str, list]] = []  # (the index's column, the values it is looked up with)
    if query:
        staff, units = values.matching(query)
        forms = [(f, c) for f, c in values.forms if query in f]
        numbers = [(n, c) for n, folded, c in values.numbers if query in folded]
        # A form or a decision number is read through its index in order, at most a page of it.
        expected = (len(staff) * values.per_person + len(units) * values.per_unit
                    + sum(min(c, limit + 1) for _f, c in forms) + sum(min(c, limit + 1) for _n, c in numbers))
        sources = [(column, found) for column, found in (
            ("staff_id", staff), ("unit_id", units), ("form_folded", [f for f, _c in forms]),
            ("decision_number", [n for n, _c in numbers])) if found]
        if not sources:
            return SearchResult([], False)
    elif wanted.kind is not None:
        expected = values.kind_count(str(wanted.kind))
        sources = [("kind", [str(wanted.kind)])]
    else:
        expected = NARROW + 1
    if expected <= NARROW:
        found: set[tuple[int, int]] = set()
        year = [wanted.year] if wanted.year is not None else []
        in_year = " AND year = ?" if year else ""
        for column, keys in sources:
            if column in ("staff_id", "unit_id"):  # a few awards each: all of them, from the index alone
                found.update(db.execute(f"SELECT year, id FROM award WHERE {column} IN (SELECT value FROM "
                                        f"json_each(?)){in_year}", [json.dumps(keys), *year]).fetchall())
                continue
            for key in keys:  # the newest page of each, in the index's order
                found.update(db.execute(f"SELECT year, id FROM award WHERE {column} = ?{in_year} ORDER BY year DESC, "
                                        "id DESC LIMIT ?", [key, *year, limit + 1]).fetchall())
        ids = [i for _y, i in sorted(found, reverse=True)]
        if wanted.kind is None and wanted.collective is None:
            ids = ids[:limit + 1]  # the index entries are the order: read only the rows shown
        where = " AND ".join(["a.id IN (SELECT value FROM json_each(?))", *filters])
        rows = db.execute(f"{_SELECT} WHERE {where} ORDER BY a.year DESC, a.id DESC LIMIT ?",
                          [json.dumps(ids), *params, limit + 1]).fetchall()
    else:  # at least 1 award in 20 matches: walk the year index newest first until the page is full
        wanted_sets = {column: set(keys) for column, keys in sources if column != "kind"}
        where = ("WHERE " + " AND ".join(filters)) if filters else ""
        cursor = db.execute(f"SELECT a.id, a.staff_id, a.unit_id, a.form_folded, a.decision_number FROM award a "
                            f"INDEXED BY award_year {where} ORDER BY a.year DESC, a.id DESC", params)
        staff, units = wanted_sets.get("staff_id"), wanted_sets.get("unit_id")
        forms, numbers = wanted_sets.get("form_folded"), wanted_sets.get("decision_number")
        ids = []
        for award_id, staff_id, unit_id, form, number in cursor:  # rows are read as the loop asks
            if not wanted_sets or (staff and staff_id in staff) or (units and unit_id in units) \
                    or (forms and form in forms) or (numbers and number in numbers):
                ids.append(award_id)
                if len(ids) > limit:
                    break
        cursor.close()
        rows = db.execute(f"{_SELECT} WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.year DESC, a.id DESC",
                          [json.dumps(ids)]).fetchall()
    return SearchResult([_award(r) for r in rows[:limit]], len(rows) > limit)


# --------------------------------------------------------------------------- the approved title lists

def record_approved_list(db: Database, approval_id: int, year: int, kind: str, entries, decision_number: str,
                         decision_date: dt.date | None, authority: str) -> int:
    """Write the yearly title ``kind`` of every entry of an approved list (``entries``: the printed
    entries, each with ``subject``, ``subject_id``, ``text``, ``amount``) into the register, marked with
    ``approval_id``. Titles outside :data:`AUTO_TITLES` write nothing. The caller holds the transaction.
    Returns the number of awards written."""
    if kind not in tuple(AUTO_TITLES):
        return 0
    kind = AwardKind(kind)
    rows = []
    for e in entries:
        collective = str(e.subject) == "unit"
        rows.append({"staff_id": None if collective else e.subject_id, "unit_id": e.subject_id if collective else None,
                     "year": year, "kind": str(kind), "form": award_label(kind), "form_folded": fold(award_label(kind)),
                     "level": str(AwardLevel.HUYEN), "authority": authority, "decision_number": decision_number,
                     "decision_date": iso(decision_date), "reason": e.text, "amount": int(e.amount or 0),
                     "approval_id": approval_id})
    if rows:
        db.conn.executemany(insert_sql("award", rows[0]), rows)
    return len(rows)


def remove_approved_list(db: Database, approval_id: int) -> int:
    """Take back what :func:`record_approved_list` wrote for ``approval_id`` (the list is reopened).
    The caller holds the transaction."""
    return db.execute("DELETE FROM award WHERE approval_id = ?", [approval_id]).rowcount


def amount_text(amount: int) -> str:
    return f"{money(amount)} đ" if amount else ""


__all__ = [
    "Award", "SearchFilter", "SearchResult", "amount_text", "award_years", "awards_of_staff", "awards_of_unit",
    "check_award", "delete_award", "field_errors", "get_award", "latest_year", "list_awards", "record_approved_list", "remove_approved_list",
    "restore_award", "save_award", "search_awards", "snapshot_award",
]
