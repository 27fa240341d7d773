"""Lists the council approves at year end: adjustments with reasons, approval, frozen snapshots.

A list is named by a :class:`ListKey`: a campaign's commendation or criticism list, or a year's
list for one title. Whatever computes the candidates (``models.yearend.review``, the titles) hands over
:class:`PrintedEntry` rows; this module applies the secretary's adjustments, freezes the result
at approval as a JSON snapshot (with its SHA-256) and gives back the :class:`PrintableList` the
PDF is drawn from. Reasons are kept in ``award_adjustment`` and ``award_approval`` (and so in the
history), never printed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType

from sqlite_utils import Database

from models.awards.register import record_approved_list, remove_approved_list
from models.campaigns.campaigns import DECISION_YEARS_AFTER, check_decision_date, get_campaign
from models.common.codes import ListKind, TitleCode
from models.common.dates import format_date, iso
from models.common.errors import DomainError, ValidationError
from models.store.settings import CouncilNames
from models.common.text import blank_fields, clean
from models.yearend.printable import (  # noqa: F401 (re-exported: the old import path)
    Approval, PrintableList, PrintedEntry, Subject, default_issuer, draft_signer,
)


class Action(StrEnum):
    """What an adjustment does to a list (stored in ``award_adjustment.action``)."""

    ADD = "add"
    REMOVE = "remove"


UNIT, STAFF = Subject.UNIT, Subject.STAFF

# The subjects each kind of list takes: the review's commendation list both, its criticism list
# collectives only; the individual titles' lists people only, the collective titles' lists units only.
SUBJECTS: Mapping[str, tuple[Subject, ...]] = MappingProxyType({
    ListKind.COMMENDATION: (UNIT, STAFF),
    ListKind.CRITICISM: (UNIT,),
    TitleCode.LDTT: (STAFF,),
    TitleCode.CSTDCS: (STAFF,),
    TitleCode.TTLDTT: (UNIT,),
    TitleCode.TTLDXS: (UNIT,),
})


def subjects_of(kind: str) -> tuple[Subject, ...]:
    """The subjects a list of ``kind`` takes (both, for a kind not declared above)."""
    return SUBJECTS.get(kind, (UNIT, STAFF))


@dataclass(frozen=True)
class ListKey:
    kind: str
    campaign_id: int | None = None
    year: int | None = None

    def where(self) -> tuple[str, list]:
        if self.campaign_id is not None:
            return "campaign_id = ? AND year IS NULL AND list_kind = ?", [self.campaign_id, self.kind]
        return "campaign_id IS NULL AND year = ? AND list_kind = ?", [self.year, self.kind]


def digest_of(snapshot: str) -> str:
    return hashlib.sha256(snapshot.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- adjustments


@dataclass(frozen=True)
class Adjustment:
    id: int
    action: Action
    subject: Subject
    subject_id: int
    text: str
    reason: str
    at: str
    who: str

    @property
    def subject_key(self) -> tuple[str, int]:
        return self.subject, self.subject_id

    @property
    def action_label(self) -> str:
        return "Thêm vào danh sách" if self.action == Action.ADD else "Loại khỏi danh sách"

    @property
    def why(self) -> str:
        """The sentence explaining a list's row by this adjustment."""
        verb = "Được thêm vào danh sách" if self.action == Action.ADD else "Đã bị loại khỏi danh sách"
        return f"{verb} (điều chỉnh): {self.reason}."


def adjustment_of(adjusted: Iterable[Adjustment], subject: str, subject_id: int) -> Adjustment | None:
    """The adjustment among ``adjusted`` of the unit or person (one at most per list)."""
    return next((a for a in adjusted if a.subject_key == (subject, subject_id)), None)


class AdjustedLists:
    """For the candidates of several lists (``adjusted``: each list's adjustments, by list kind)."""

    __slots__ = ()
    adjusted: dict

    def adjustment_for(self, kind: str, subject: str, subject_id: int) -> Adjustment | None:
        return adjustment_of(self.adjusted.get(kind, ()), subject, subject_id)


def adjustments(db: Database, key: ListKey) -> list[Adjustment]:
    where, params = key.where()
    rows = db.query(
        f"SELECT id, action, unit_id, staff_id, text, reason, at, who FROM award_adjustment WHERE {where} ORDER BY id",
        params,
    )
    return [Adjustment(r["id"], Action(r["action"]), UNIT if r["unit_id"] is not None else STAFF,
                       r["unit_id"] if r["unit_id"] is not None else r["staff_id"], r["text"], r["reason"], r["at"],
                       r["who"]) for r in rows]


def _require_open(db: Database, key: ListKey) -> None:
    current = current_approval(db, key)
    if current is not None:
        raise DomainError(
            f"Danh sách đã được phê duyệt theo Quyết định số {current.approval.decision_number} ngày "
            f"{format_date(current.approval.decision_date)}; hãy mở lại danh sách (ghi rõ lý do) trước khi điều chỉnh")


def _subject_exists(db: Database, subject: str, subject_id: int) -> None:
    table = "unit" if subject == UNIT else "staff"
    if subject not in (UNIT, STAFF) or db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [subject_id]).fetchone() is None:
        raise DomainError("Không tìm thấy đơn vị hoặc cán bộ cần điều chỉnh")


def adjust(db: Database, key: ListKey, action: Action | str, subject: Subject | str, subject_id: int, reason: str, now: dt.datetime,
           text: str = "", who: str = "") -> int:
    """Add an entry (``action="add"``, with the text printed for it) or remove a candidate
    (``"remove"``). Both need a reason. A subject has at most one adjustment per list: a new one
    replaces the old. Returns the adjustment's id."""
    reason, text = clean(reason), clean(text)
    errors = {}
    if action not in tuple(Action):
        raise DomainError(f"Thao tác điều chỉnh không hợp lệ: {action}")
    if not reason:
        errors["reason"] = ("Lý do thêm vào danh sách không được để trống" if action == "add"
                            else "Lý do loại khỏi danh sách không được để trống")
    if action == "add" and not text:
        errors["text"] = "Nội dung in trong danh sách (thành tích hoặc lý do) không được để trống"
    if errors:
        raise ValidationError(errors)
    allowed = subjects_of(key.kind)
    if subject in (UNIT, STAFF) and subject not in allowed:
        raise DomainError("Danh sách này chỉ gồm tập thể (đơn vị), không thêm cá nhân được" if allowed == (UNIT,)
                          else "Danh sách này chỉ gồm cá nhân, không thêm tập thể được")
    _require_open(db, key)
    _subject_exists(db, subject, subject_id)
    where, params = key.where()
    column = "unit_id" if subject == UNIT else "staff_id"
    with db.atomic():
        db.execute(f"DELETE FROM award_adjustment WHERE {where} AND {column} = ?", [*params, subject_id])
        cursor = db.execute(
            "INSERT INTO award_adjustment (campaign_id, year, list_kind, action, unit_id, staff_id, text, reason, at, who) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key.campaign_id, key.year if key.campaign_id is None else None, key.kind, action,
             subject_id if subject == UNIT else None, subject_id if subject == STAFF else None,
             text if action == "add" else "", reason, now.strftime("%Y-%m-%d %H:%M:%S"), who],
        )
        return cursor.lastrowid


def cancel_adjustment(db: Database, key: ListKey, adjustment_id: int) -> None:
    """Take an adjustment back (the history keeps it)."""
    _require_open(db, key)
    where, params = key.where()
    with db.atomic():
        db.execute(f"DELETE FROM award_adjustment WHERE id = ? AND {where}", [adjustment_id, *params])


def apply_adjustments(candidates: list[PrintedEntry], adjusted: list[Adjustment],
                      added: dict[tuple[str, int], PrintedEntry]) -> list[PrintedEntry]:
    """``candidates`` without the removed ones, then the added entries (``added`` gives each added
    subject's row; its text comes from the adjustment)."""
    removed = {a.subject_key for a in adjusted if a.action == Action.REMOVE}
    adds = [a for a in adjusted if a.action == Action.ADD]
    present = {c.subject_key for c in candidates}
    result = [c for c in candidates if c.subject_key not in removed]
    for a in adds:
        base = added.get(a.subject_key)
        if base is None:
            continue
        if a.subject_key in present:  # already a candidate: the adjustment's text replaces the rule's
            result = [replace(c, text=a.text) if c.subject_key == a.subject_key else c for c in result]
        else:
            result.append(replace(base, text=a.text))
    return result


# --------------------------------------------------------------------------- approval


@dataclass(frozen=True)
class ApprovalRecord:
    id: int
    approval: Approval
    as_of: dt.date
    snapshot: str
    digest: str
    approved_at: str
    approved_by: str
    reopened_at: str | None = None
    reopen_reason: str | None = None
    reopened_by: str | None = None

    @property
    def intact(self) -> bool:
        return digest_of(self.snapshot) == self.digest

    def printable(self) -> PrintableList:
        damaged = DomainError(
            f"Bản chốt của danh sách (Quyết định số {self.approval.decision_number}) bị hỏng: nội dung không khớp "
            "mã kiểm tra hoặc không đọc được. Hãy khôi phục từ bản sao lưu")
        if not self.intact:
            raise damaged
        try:
            return PrintableList.from_json(self.snapshot)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise damaged from None


_APPROVAL_COLUMNS = ("id, decision_number, decision_date, signer_authority, signer_title, signer_name, recipients, "
                     "issuer, as_of, snapshot, digest, approved_at, approved_by, reopened_at, reopen_reason, reopened_by")


def _record(r: dict) -> ApprovalRecord:
    approval = Approval(r["decision_number"], dt.date.fromisoformat(r["decision_date"]), r["signer_authority"],
                        r["signer_title"], r["signer_name"], tuple(json.loads(r["recipients"])), r["issuer"])
    return ApprovalRecord(r["id"], approval, dt.date.fromisoformat(r["as_of"]), r["snapshot"], r["digest"],
                          r["approved_at"], r["approved_by"], r["reopened_at"], r["reopen_reason"], r["reopened_by"])


def current_approval(db: Database, key: ListKey) -> ApprovalRecord | None:
    where, params = key.where()
    row = next(db.query(f"SELECT {_APPROVAL_COLUMNS} FROM award_approval WHERE {where} AND reopened_at IS NULL",
                        params), None)
    return _record(row) if row else None


def approval_history(db: Database, key: ListKey) -> list[ApprovalRecord]:
    where, params = key.where()
    return [_record(r) for r in db.query(f"SELECT {_APPROVAL_COLUMNS} FROM award_approval WHERE {where} ORDER BY id",
                                         params)]


def check_approval(approval: Approval) -> dict[str, str]:
    return blank_fields(approval, {
        "decision_number": "Số quyết định không được để trống",
        "decision_date": "Ngày quyết định không được để trống (dạng dd/mm/yyyy)",
        "signer_title": "Chức danh người ký không được để trống",
        "signer_name": "Họ tên người ký không được để trống",
    })


def decision_date_problem(db: Database, key: ListKey, day: dt.date) -> str:
    """Why ``day`` cannot be the date of the decision approving the list ``key`` ("" when it can): a
    campaign's list not before the campaign's start nor years after it; a year's list not before that
    year nor more than DECISION_YEARS_AFTER years after it."""
    if key.campaign_id is not None:
        return check_decision_date(get_campaign(db, key.campaign_id), day)
    if day.year < key.year:
        return f"Ngày quyết định {format_date(day)} trước năm {key.year} của danh sách: kiểm tra lại năm"
    if day.year > key.year + DECISION_YEARS_AFTER:
        return (f"Ngày quyết định {format_date(day)} sau năm {key.year} của danh sách hơn {DECISION_YEARS_AFTER} năm: "
                "kiểm tra lại năm")
    return ""


def approve(db: Database, key: ListKey, approval: Approval, printable: PrintableList, now: dt.datetime,
            who: str = "") -> ApprovalRecord:
    """Freeze ``printable`` (the list as it stands) under ``approval``. Refused, with nothing
    written, when a field is missing or the list is already approved."""
    approval = Approval(
        clean(approval.decision_number), approval.decision_date, clean(approval.signer_authority),
        clean(approval.signer_title), clean(approval.signer_name),
        tuple(r for r in (clean(x) for x in approval.recipients) if r), clean(approval.issuer),
    )
    if not approval.issuer:
        from models.store.settings import council_names

        approval = replace(approval, issuer=default_issuer(council_names(db)))
    errors = check_approval(approval)
    if approval.decision_date is not None and "decision_date" not in errors:
        problem = decision_date_problem(db, key, approval.decision_date)
        if problem:
            errors["decision_date"] = problem
    if errors:
        raise ValidationError(errors)
    if printable.kind != key.kind:
        raise DomainError(f"Danh sách đưa vào (“{_kind_label(printable.kind)}”) không phải danh sách cần phê duyệt "
                          f"(“{_kind_label(key.kind)}”)")
    current = current_approval(db, key)
    if current is not None:
        raise DomainError(
            f"Danh sách đã được phê duyệt theo Quyết định số {current.approval.decision_number} ngày "
            f"{format_date(current.approval.decision_date)}; muốn phê duyệt lại, hãy mở lại danh sách (ghi rõ lý do)")
    frozen = replace(printable, approval=approval, draft_signer=None)
    snapshot = frozen.to_json()
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO award_approval (campaign_id, year, list_kind, decision_number, decision_date, signer_authority, "
            "signer_title, signer_name, issuer, recipients, as_of, snapshot, digest, approved_at, approved_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key.campaign_id, key.year if key.campaign_id is None else None, key.kind, approval.decision_number,
             iso(approval.decision_date), approval.signer_authority, approval.signer_title, approval.signer_name,
             approval.issuer, json.dumps(list(approval.recipients), ensure_ascii=False), iso(printable.as_of),
             snapshot, digest_of(snapshot), now.strftime("%Y-%m-%d %H:%M:%S"), who],
        )
        if key.campaign_id is None:  # a yearly title list: its titles go into the award register
            record_approved_list(db, cursor.lastrowid, key.year, key.kind, frozen.entries, approval.decision_number,
                                 approval.decision_date, approval.issuer)
    return current_approval(db, key) or _missing(cursor)


def _kind_label(kind: str) -> str:
    from models.common.codes import LABELS

    return next((text for code, text in LABELS.items() if code.value == kind), kind)


def _missing(_cursor):  # pragma: no cover - the row was just written in the same connection
    raise DomainError("Không đọc lại được danh sách vừa phê duyệt")


def reopen(db: Database, key: ListKey, reason: str, now: dt.datetime, who: str = "") -> None:
    """Unfreeze an approved list; the reason is recorded with the approval it reopens."""
    reason = clean(reason)
    if not reason:
        raise ValidationError({"reason": "Lý do mở lại danh sách đã phê duyệt không được để trống"})
    current = current_approval(db, key)
    if current is None:
        raise DomainError("Danh sách chưa được phê duyệt nên không cần mở lại")
    with db.atomic():
        db.execute("UPDATE award_approval SET reopened_at = ?, reopen_reason = ?, reopened_by = ? WHERE id = ?",
                   [now.strftime("%Y-%m-%d %H:%M:%S"), reason, who, current.id])
        remove_approved_list(db, current.id)  # the titles it wrote leave the register


def damaged_snapshots(db: Database) -> list[tuple[int, str, str]]:
    """(approval id, list kind, decision number) of every approval whose snapshot does not match
    its digest or cannot be read."""
    damaged = []
    for id_, kind, number, snapshot, digest in db.execute(
        "SELECT id, list_kind, decision_number, snapshot, digest FROM award_approval"
    ):
        try:
            ok = digest_of(snapshot) == digest
            if ok:
                PrintableList.from_json(snapshot)
        except (ValueError, TypeError, KeyError, AttributeError):
            ok = False
        if not ok:
            damaged.append((id_, kind, number))
    return damaged


__all__ = [
    "Action", "AdjustedLists", "Adjustment", "Approval", "adjustment_of", "ApprovalRecord", "ListKey", "PrintableList", "PrintedEntry", "STAFF",
    "SUBJECTS", "Subject", "UNIT", "adjust", "adjustments", "apply_adjustments", "approval_history", "approve", "cancel_adjustment",
    "check_approval", "current_approval", "damaged_snapshots", "default_issuer", "digest_of", "draft_signer",
    "reopen", "subjects_of",
]
