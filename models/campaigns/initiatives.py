"""Initiatives (mô hình, sáng kiến, giải pháp) registered by units in a campaign."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.campaigns.campaigns import get_campaign
from models.common.codes import Assessment, InitiativeKind, label
from models.common.dates import format_date, from_iso
from models.common.errors import NotFound, ValidationError
from models.common.text import clean, fold
from models.store.records import insert_sql, save_record, update_sql, with_children


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
    author_ids: tuple[int, ...] = ()
    id: int | None = None
    unit_code: str = ""
    unit_name: str = ""

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    @property
    def assessment_label(self) -> str:
        return label(self.assessment) if self.assessment else ""


def normalised(i: Initiative) -> Initiative:
    return replace(
        i,
        title=clean(i.title),
        field=clean(i.field),
        description=(i.description or "").strip(),
        result_summary=(i.result_summary or "").strip(),
        assessment_note=(i.assessment_note or "").strip(),
        author_ids=tuple(dict.fromkeys(i.author_ids)),
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
        db.execute("DELETE FROM initiative_author WHERE initiative_id = ?", [initiative.id])
        db.conn.executemany(
            "INSERT INTO initiative_author (initiative_id, staff_id) VALUES (?, ?)",
            [(initiative.id, s) for s in initiative.author_ids],
        )
    return get_initiative(db, initiative.id)


_AUTHORS = "SELECT initiative_id, staff_id FROM initiative_author WHERE initiative_id IN ({ids}) ORDER BY rowid"
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
            unit_name=r["unit_name"], author_ids=tuple(s for (s,) in authors),
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
