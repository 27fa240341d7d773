"""Initiatives recognised as sáng kiến (issue 13): each recognition is its own record - which body
recognised it (Hội đồng sáng kiến cơ sở, cấp quận/phường, cấp thành phố), under which decision
(number and date), with what scope of effect.

A recognition names one of a campaign's initiatives (its authors are the initiative's), or an
initiative outside any campaign, named here with its unit and its authors (the yearly titles need
those too: Chiến sĩ thi đua cơ sở asks for an initiative recognised at the cơ sở - Nghị định
91/2017/NĐ-CP, then Luật Thi đua, khen thưởng 06/2022/QH15; recognition itself follows the Điều lệ
Sáng kiến issued with Nghị định 13/2012/NĐ-CP).

``recognised_initiatives(db, year)`` is the one answer to "which initiatives of each person were
recognised in year Y" (by the decision's year).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.campaigns.campaigns import check_decision_date, get_campaign
from models.campaigns.initiatives import Author, check_authors
from models.common.codes import AuthorRole, RecognitionBody, RecognitionScope, label
from models.common.dates import format_date, from_iso, iso
from models.common.errors import NotFound, ValidationError
from models.common.text import clean
from models.store.records import save_record


@dataclass(frozen=True)
class Recognition:
    body: RecognitionBody
    decision_number: str
    decision_date: dt.date | None
    scope: RecognitionScope = RecognitionScope.DON_VI
    initiative_id: int | None = None  # one of a campaign's initiatives; None: outside any campaign
    title: str = ""  # outside a campaign: the initiative's name
    unit_id: int | None = None  # outside a campaign: the unit that applies it
    authors: tuple[Author, ...] = ()  # outside a campaign: its authors (else the initiative's)
    note: str = ""
    id: int | None = None
    # Read back, for display: the initiative's name, its unit, its campaign (None outside any).
    initiative_title: str = ""
    unit_name: str = ""
    campaign_id: int | None = None

    @property
    def name(self) -> str:
        return self.title or self.initiative_title

    @property
    def body_label(self) -> str:
        return label(self.body)

    @property
    def scope_label(self) -> str:
        return label(self.scope)

    @property
    def decision_text(self) -> str:
        """"Quyết định số 12/QĐ-HĐSK ngày 20/12/2018" (what is known of it)."""
        if not self.decision_number and self.decision_date is None:
            return "chưa ghi số, ngày quyết định"
        number = f"số {self.decision_number}" if self.decision_number else "(chưa ghi số)"
        day = f" ngày {format_date(self.decision_date)}" if self.decision_date else ""
        return f"Quyết định {number}{day}"

    @property
    def text(self) -> str:
        """"Hội đồng sáng kiến cơ sở công nhận (Quyết định số ... ngày ...), phạm vi: Toàn quận/phường"."""
        return f"{self.body_label} công nhận ({self.decision_text}), phạm vi: {self.scope_label}"

    @property
    def short_text(self) -> str:
        """The tracking table's cell: "Cơ sở - 12/QĐ-HĐSK, 20/12/2018"."""
        body = {RecognitionBody.CO_SO: "Cơ sở", RecognitionBody.QUAN: "Quận/phường",
                RecognitionBody.THANH_PHO: "Thành phố"}[self.body]
        parts = [p for p in (self.decision_number, format_date(self.decision_date) if self.decision_date else "") if p]
        return f"{body} - {', '.join(parts)}" if parts else body


def normalised(r: Recognition) -> Recognition:
    firsts: dict[int, Author] = {}
    for a in r.authors:
        firsts.setdefault(a.staff_id, a)
    return replace(r, decision_number=clean(r.decision_number), title=clean(r.title), note=(r.note or "").strip(),
                   authors=tuple(firsts.values()))


def check_recognition(db: Database, r: Recognition, today: dt.date) -> dict[str, str]:
    """What is wrong with ``r`` (field -> Vietnamese message)."""
    errors: dict[str, str] = {}
    if not isinstance(r.body, RecognitionBody):
        errors["body"] = "Chưa chọn cấp công nhận (Hội đồng sáng kiến cơ sở, cấp quận/phường, cấp thành phố)"
    if not isinstance(r.scope, RecognitionScope):
        errors["scope"] = "Chưa chọn phạm vi ảnh hưởng"
    if not r.decision_number:
        errors["decision_number"] = "Chưa nhập số quyết định công nhận"
    if r.decision_date is None:
        errors["decision_date"] = "Chưa nhập ngày quyết định công nhận (dạng dd/mm/yyyy)"
    elif r.decision_date > today:
        errors["decision_date"] = f"Ngày quyết định {format_date(r.decision_date)} ở tương lai"
    if r.initiative_id is not None:
        row = db.execute("SELECT campaign_id FROM initiative WHERE id = ?", [r.initiative_id]).fetchone()
        if row is None:
            errors["initiative_id"] = "Không tìm thấy mô hình, sáng kiến, giải pháp được công nhận"
        elif r.decision_date is not None and "decision_date" not in errors:
            problem = check_decision_date(get_campaign(db, row[0]), r.decision_date, "Ngày quyết định công nhận")
            if problem:
                errors["decision_date"] = problem
        if r.authors:
            errors["authors"] = "Tác giả của mô hình trong đợt thi đua được ghi ở mô hình, không ghi ở đây"
        return errors
    if not r.title:
        errors["title"] = "Chưa nhập tên sáng kiến"
    elif len(r.title) > 500:
        errors["title"] = "Tên dài quá 500 ký tự"
    if r.unit_id is None or db.execute("SELECT 1 FROM unit WHERE id = ?", [r.unit_id]).fetchone() is None:
        errors["unit_id"] = "Chưa chọn đơn vị áp dụng sáng kiến" if r.unit_id is None else "Đơn vị không tồn tại"
    if not r.authors:
        errors["authors"] = "Chưa có tác giả sáng kiến"
    else:
        ids = [a.staff_id for a in r.authors]
        (known,) = db.execute(f"SELECT count(*) FROM staff WHERE id IN ({','.join('?' * len(ids))})", ids).fetchone()
        problem = "Có tác giả không có trong danh sách cán bộ" if known != len(ids) else check_authors(r.authors)
        if problem:
            errors["authors"] = problem
    return errors


def _sync_flag(db: Database, initiative_id: int | None) -> None:
    """Keep the initiative's old "recognised" mark in step with its recognition records."""
    if initiative_id is not None:
        db.execute("UPDATE initiative SET recognised = EXISTS (SELECT 1 FROM initiative_recognition r "
                   "WHERE r.initiative_id = initiative.id) WHERE id = ?", [initiative_id])


def save_recognition(db: Database, recognition: Recognition, today: dt.date) -> Recognition:
    """Record (``id`` None) or correct a recognition, with its authors, in one transaction.
    Raises :class:`ValidationError` and writes nothing when anything is wrong."""
    r = normalised(recognition)
    errors = check_recognition(db, r, today)
    if errors:
        raise ValidationError(errors)
    row = {"initiative_id": r.initiative_id, "title": r.title if r.initiative_id is None else "",
           "unit_id": r.unit_id if r.initiative_id is None else None, "body": r.body.value,
           "decision_number": r.decision_number, "decision_date": iso(r.decision_date), "scope": r.scope.value,
           "note": r.note}
    with db.atomic():
        before = db.execute("SELECT initiative_id FROM initiative_recognition WHERE id = ?", [r.id]).fetchone()
        new_id = save_record(db, "initiative_recognition", row, r.id, "Không tìm thấy bản ghi công nhận sáng kiến")
        db.execute("DELETE FROM recognition_author WHERE recognition_id = ?", [new_id])
        db.conn.executemany(
            "INSERT INTO recognition_author (recognition_id, staff_id, role, share) VALUES (?, ?, ?, ?)",
            [(new_id, a.staff_id, a.role.value, a.share) for a in r.authors])
        _sync_flag(db, r.initiative_id)
        if before is not None and before[0] != r.initiative_id:
            _sync_flag(db, before[0])
    return get_recognition(db, new_id)


def delete_recognition(db: Database, recognition_id: int) -> None:
    with db.atomic():
        row = db.execute("SELECT initiative_id FROM initiative_recognition WHERE id = ?", [recognition_id]).fetchone()
        db.execute("DELETE FROM initiative_recognition WHERE id = ?", [recognition_id])
        if row is not None:
            _sync_flag(db, row[0])


_SELECT = (
    "SELECT r.id, r.initiative_id, r.title, r.unit_id, r.body, r.decision_number, r.decision_date, r.scope, r.note, "
    "coalesce(i.title, '') AS initiative_title, coalesce(u.name, iu.name, '') AS unit_name, i.campaign_id, "
    "coalesce(i.unit_id, r.unit_id) AS shown_unit "
    "FROM initiative_recognition r LEFT JOIN initiative i ON i.id = r.initiative_id "
    "LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN unit iu ON iu.id = i.unit_id"
)


def _fetch(db: Database, where: str, params: list) -> list[Recognition]:
    rows = list(db.query(f"{_SELECT} WHERE {where} ORDER BY coalesce(r.decision_date, '9999'), r.id", params))
    authors: dict[int, list[Author]] = defaultdict(list)
    ids = [r["id"] for r in rows]
    if ids:
        for rid, staff_id, role, share in db.execute(
                f"SELECT recognition_id, staff_id, role, share FROM recognition_author WHERE recognition_id IN "
                f"({','.join('?' * len(ids))}) ORDER BY rowid", ids):
            authors[rid].append(Author(staff_id, AuthorRole(role), share))
    return [Recognition(
        body=RecognitionBody(r["body"]), decision_number=r["decision_number"], decision_date=from_iso(r["decision_date"]),
        scope=RecognitionScope(r["scope"]), initiative_id=r["initiative_id"], title=r["title"], unit_id=r["unit_id"],
        authors=tuple(authors.get(r["id"], ())), note=r["note"], id=r["id"], initiative_title=r["initiative_title"],
        unit_name=r["unit_name"], campaign_id=r["campaign_id"]) for r in rows]


def get_recognition(db: Database, recognition_id: int) -> Recognition:
    found = _fetch(db, "r.id = ?", [recognition_id])
    if not found:
        raise NotFound("Không tìm thấy bản ghi công nhận sáng kiến")
    return found[0]


def recognitions_of_campaign(db: Database, campaign_id: int) -> dict[int, list[Recognition]]:
    """initiative id -> its recognitions, for the campaign's initiatives (the tracking table)."""
    found: dict[int, list[Recognition]] = defaultdict(list)
    for r in _fetch(db, "i.campaign_id = ?", [campaign_id]):
        found[r.initiative_id].append(r)
    return dict(found)


def list_recognitions(db: Database, year: int | None = None) -> list[Recognition]:
    """Every recognition (of ``year``: by its decision's year, else its campaign's), oldest first."""
    if year is None:
        return _fetch(db, "1", [])
    return _fetch(db, "coalesce(CAST(substr(r.decision_date, 1, 4) AS INTEGER), "
                      "(SELECT c.year FROM campaign c WHERE c.id = i.campaign_id)) = ?", [year])


@dataclass(frozen=True)
class RecognisedInitiative:
    """One initiative of a person recognised in a year, with the person's part in it."""

    recognition: Recognition
    author: Author

    @property
    def title(self) -> str:
        return self.recognition.name


def recognised_initiatives(db: Database, year: int) -> dict[int, list[RecognisedInitiative]]:
    """staff id -> the person's initiatives recognised in ``year`` (by the recognition decision's year;
    a record carried over without a date counts in its campaign's year): campaign initiatives
    through their authors, the others through the authors written on the recognition. The one
    source for the titles' "has a recognised initiative" check."""
    found: dict[int, list[RecognisedInitiative]] = defaultdict(list)
    recognitions = list_recognitions(db, year)
    linked = [r.initiative_id for r in recognitions if r.initiative_id is not None]
    by_initiative: dict[int, list[Author]] = defaultdict(list)
    if linked:
        for initiative_id, staff_id, role, share in db.execute(
                f"SELECT initiative_id, staff_id, role, share FROM initiative_author WHERE initiative_id IN "
                f"({','.join('?' * len(linked))}) ORDER BY rowid", linked):
            by_initiative[initiative_id].append(Author(staff_id, AuthorRole(role), share))
    for r in recognitions:
        authors = by_initiative.get(r.initiative_id, []) if r.initiative_id is not None else r.authors
        for a in authors:
            found[a.staff_id].append(RecognisedInitiative(r, a))
    return dict(found)

