"""Initiatives (mô hình, sáng kiến, giải pháp) registered by units in a campaign."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.campaigns.campaigns import get_campaign
from models.common.codes import Assessment, AuthorRole, InitiativeKind, label
from models.common.dates import format_date, from_iso
from models.common.errors import NotFound, ValidationError
from models.common.text import clean, fold
from models.store.records import insert_sql, save_record, update_sql, with_children


@dataclass(frozen=True)
class Author:
    """One author of an initiative: their role and their share of the work in percent (``None``:
    the unit did not report one)."""

    staff_id: int
    role: AuthorRole = AuthorRole.THAM_GIA
    share: float | None = None

    @property
    def role_label(self) -> str:
        return label(self.role)

    @property
    def text(self) -> str:
        """"chủ trì, 60%" - how a list or a sentence names the author's part."""
        role = self.role_label.lower()
        return f"{role}, {share_text(self.share)}" if self.share is not None else role


def share_text(share: float) -> str:
    """60 -> "60%", 33.5 -> "33,5%"."""
    return f"{share:g}".replace(".", ",") + "%"


def authors_from_ids(staff_ids) -> tuple[Author, ...]:
    """Authors given as staff ids only, in the unit's order: the first leads (chủ trì)."""
    return tuple(Author(s, AuthorRole.CHU_TRI if n == 0 else AuthorRole.THAM_GIA)
                 for n, s in enumerate(dict.fromkeys(staff_ids)))


@dataclass(frozen=True)
class Initiative:
    campaign_id: int
    unit_id: int
    title: str
    kind: InitiativeKind
    registered_on: dt.date
    field: str = ""
    description: str = ""
    reported_on: dt.date | None = None
    result_summary: str = ""
    assessment: Assessment | None = None
    assessment_note: str = ""
    recognised: bool = False  # recognised as an initiative at the cơ sở
    author_ids: tuple[int, ...] = ()  # the authors' staff ids, in order (``authors`` adds roles, shares)
    id: int | None = None
    unit_code: str = ""
    unit_name: str = ""
    authors: tuple[Author, ...] = ()  # when empty, made from ``author_ids`` (the first one chủ trì)

    def author(self, staff_id: int) -> Author | None:
        return next((a for a in self.authors if a.staff_id == staff_id), None)

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    @property
    def assessment_label(self) -> str:
        return label(self.assessment) if self.assessment else ""


def normalised(i: Initiative) -> Initiative:
    """Cleaned text; ``authors`` and ``author_ids`` agree afterwards. ``authors`` counts when
    ``author_ids`` is empty or names the same people in the same order; otherwise ``author_ids`` was
    changed alone (code written before roles existed) and gives the authors, the first chủ trì."""
    firsts = {}
    for a in i.authors:
        firsts.setdefault(a.staff_id, a)
    authors = tuple(firsts.values())
    ids = tuple(dict.fromkeys(i.author_ids))
    if ids and ids != tuple(firsts):
        authors = authors_from_ids(ids)
    return replace(
        i,
        title=clean(i.title),
        field=clean(i.field),
        description=(i.description or "").strip(),
        result_summary=(i.result_summary or "").strip(),
        assessment_note=(i.assessment_note or "").strip(),
        authors=authors, author_ids=tuple(a.staff_id for a in authors),
    )


def match_field(offered: tuple[str, ...], text: str) -> str | None:
    """The offered field ``text`` names (ignoring case and diacritics); ``None`` if none."""
    wanted = fold(text)
    return next((f for f in offered if fold(f) == wanted), None)


def check_initiative(db: Database, i: Initiative, today: dt.date) -> dict[str, str]:
    """What is wrong with ``i``: its own fields and the campaign's rules (participation, how
    many per unit, offered fields)."""
    errors: dict[str, str] = {}
    if not i.title:
        errors["title"] = "Chưa nhập tên mô hình, sáng kiến, giải pháp"
    elif len(i.title) > 500:
        errors["title"] = "Tên dài quá 500 ký tự"
    if not isinstance(i.kind, InitiativeKind):
        errors["kind"] = "Chưa chọn loại (Mô hình, Sáng kiến, Giải pháp)"
    if i.registered_on is None:
        errors["registered_on"] = "Chưa nhập ngày đăng ký"
    elif i.registered_on > today:
        errors["registered_on"] = f"Ngày đăng ký {format_date(i.registered_on)} ở tương lai"
    if i.reported_on is not None:
        if i.reported_on > today:
            errors["reported_on"] = f"Ngày báo cáo kết quả {format_date(i.reported_on)} ở tương lai"
        elif i.registered_on is not None and i.reported_on < i.registered_on:
            errors["reported_on"] = (
                f"Ngày báo cáo kết quả phải từ ngày đăng ký ({format_date(i.registered_on)}) trở đi"
            )
    if i.assessment is not None and not isinstance(i.assessment, Assessment):
        errors["assessment"] = "Đánh giá không hợp lệ"
    elif i.assessment is not None and i.reported_on is None:
        errors["assessment"] = "Chưa có ngày báo cáo kết quả thì chưa đánh giá được"
    if i.author_ids:
        marks = ",".join("?" * len(i.author_ids))
        (known,) = db.execute(f"SELECT count(*) FROM staff WHERE id IN ({marks})", list(i.author_ids)).fetchone()
        if known != len(set(i.author_ids)):
            errors["author_ids"] = "Có tác giả không có trong danh sách cán bộ"
    authors_error = check_authors(i.authors)
    if authors_error and "author_ids" not in errors:
        errors["author_ids"] = authors_error
    try:
        campaign = get_campaign(db, i.campaign_id)
    except NotFound as e:
        errors["campaign_id"] = str(e)
        return errors
    if i.field and campaign.fields and match_field(campaign.fields, i.field) is None:
        errors["field"] = "Lĩnh vực không có trong danh sách của đợt thi đua"
    if i.unit_id is None:
        errors["unit_id"] = "Chưa chọn đơn vị"
        return errors
    joined = db.execute(
        "SELECT 1 FROM campaign_unit WHERE campaign_id = ? AND unit_id = ?", [i.campaign_id, i.unit_id]
    ).fetchone()
    if not joined:
        errors["unit_id"] = "Đơn vị không tham gia đợt thi đua này"
        return errors
    (others,) = db.execute(
        "SELECT count(*) FROM initiative WHERE campaign_id = ? AND unit_id = ? AND id IS NOT ?",
        [i.campaign_id, i.unit_id, i.id],
    ).fetchone()
    if others >= campaign.max_per_unit:
        errors["unit_id"] = (
            f"Đơn vị đã đăng ký {others} mô hình, sáng kiến, giải pháp trong đợt này "
            f"(tối đa {campaign.max_per_unit})"
        )
    return errors


def check_authors(authors: tuple[Author, ...]) -> str:
    """What is wrong with the authors' roles and shares ("" when nothing)."""
    if any(not isinstance(a.role, AuthorRole) for a in authors):
        return "Vai trò của tác giả phải là Chủ trì hoặc Tham gia"
    if authors and not any(a.role == AuthorRole.CHU_TRI for a in authors):
        return "Cần có ít nhất một tác giả chủ trì"
    shares = [a.share for a in authors if a.share is not None]
    if any(not 0 < s <= 100 for s in shares):
        return "Tỷ lệ đóng góp của tác giả phải lớn hơn 0% và không quá 100%"
    if sum(shares) > 100 + 1e-9:
        return f"Tổng tỷ lệ đóng góp của các tác giả là {share_text(sum(shares))}, vượt quá 100%"
    return ""


def _row(i: Initiative) -> dict:
    return {
        "campaign_id": i.campaign_id,
        "unit_id": i.unit_id,
        "title": i.title,
        "title_folded": fold(i.title),
        "kind": i.kind.value,
        "field": i.field,
        "registered_on": i.registered_on.isoformat(),
        "description": i.description,
        "reported_on": i.reported_on.isoformat() if i.reported_on else None,
        "result_summary": i.result_summary,
        "assessment": i.assessment.value if i.assessment else None,
        "assessment_note": i.assessment_note,
        "recognised": int(i.recognised),
    }


_COLUMNS = ("campaign_id", "unit_id", "title", "title_folded", "kind", "field", "registered_on", "description",
            "reported_on", "result_summary", "assessment", "assessment_note", "recognised")
INSERT, UPDATE = insert_sql("initiative", _COLUMNS), update_sql("initiative", _COLUMNS)


def save_initiative(db: Database, initiative: Initiative, today: dt.date) -> Initiative:
    """Register (``id is None``) or update an initiative, with its authors, in one transaction."""
    initiative = normalised(initiative)
    if initiative.field:
        try:
            offered = get_campaign(db, initiative.campaign_id).fields
            initiative = replace(initiative, field=match_field(offered, initiative.field) or initiative.field)
        except NotFound:
            pass
    errors = check_initiative(db, initiative, today)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        initiative = replace(initiative, id=save_record(db, "initiative", _row(initiative), initiative.id,
                                                        "Không tìm thấy mô hình, sáng kiến, giải pháp"))
        write_authors(db, initiative.id, initiative.authors)
    return get_initiative(db, initiative.id)


def write_authors(db: Database, initiative_id: int, authors: tuple[Author, ...]) -> None:
    """Replace the initiative's authors (the caller holds the transaction)."""
    db.execute("DELETE FROM initiative_author WHERE initiative_id = ?", [initiative_id])
    db.conn.executemany(
        "INSERT INTO initiative_author (initiative_id, staff_id, role, share) VALUES (?, ?, ?, ?)",
        [(initiative_id, a.staff_id, a.role.value, a.share) for a in authors],
    )


_AUTHORS = ("SELECT initiative_id, staff_id, role, share FROM initiative_author WHERE initiative_id IN ({ids}) "
            "ORDER BY rowid")
_SELECT = (
    "SELECT i.id, i.campaign_id, i.unit_id, i.title, i.kind, i.field, i.registered_on, i.description, "
    "i.reported_on, i.result_summary, i.assessment, i.assessment_note, i.recognised, u.code AS unit_code, "
    "u.name AS unit_name "
    "FROM initiative i JOIN unit u ON u.id = i.unit_id"
)


def _fetch(db: Database, where: str, params: list) -> list[Initiative]:
    return [
        Initiative(
            id=r["id"], campaign_id=r["campaign_id"], unit_id=r["unit_id"], title=r["title"],
            kind=InitiativeKind(r["kind"]), field=r["field"], registered_on=dt.date.fromisoformat(r["registered_on"]),
            description=r["description"], reported_on=from_iso(r["reported_on"]), result_summary=r["result_summary"],
            assessment=Assessment(r["assessment"]) if r["assessment"] else None,
            assessment_note=r["assessment_note"], recognised=bool(r["recognised"]), unit_code=r["unit_code"],
            unit_name=r["unit_name"], author_ids=tuple(s for s, _r, _s in authors),
            authors=tuple(Author(s, AuthorRole(role), share) for s, role, share in authors),
        )
        for r, authors in with_children(db, f"{_SELECT} WHERE {where} ORDER BY u.code, i.id", params, _AUTHORS)
    ]


def get_initiative(db: Database, initiative_id: int) -> Initiative:
    found = _fetch(db, "i.id = ?", [initiative_id])
    if not found:
        raise NotFound("Không tìm thấy mô hình, sáng kiến, giải pháp")
    return found[0]


def list_initiatives(db: Database, campaign_id: int) -> list[Initiative]:
    """A campaign's initiatives, by unit code."""
    return _fetch(db, "i.campaign_id = ?", [campaign_id])


def delete_initiative(db: Database, initiative_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM initiative WHERE id = ?", [initiative_id])
