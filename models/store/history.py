"""The history (nhật ký) of every change: written by database triggers, read here, never edited."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property

from sqlite_utils import Database

from models.store.db import session_name  # noqa: F401  (read from here too)
from models.store.history_labels import FIELD_LABELS, HIDDEN, reference_names, show, table_fields

TABLE_LABELS = {
    "unit": "Đơn vị",
    "staff": "Cán bộ",
    "staff_unit": "Quá trình công tác",
    "campaign": "Đợt thi đua",
    "campaign_field": "Lĩnh vực của đợt thi đua",
    "campaign_unit": "Đơn vị tham gia đợt thi đua",
    "initiative": "Mô hình, sáng kiến, giải pháp",
    "initiative_author": "Tác giả mô hình, sáng kiến",
    "head_evaluation": "Đánh giá người đứng đầu",
    "head_criterion": "Tiêu chí đánh giá người đứng đầu",
    "rule_set": "Quy định áp dụng",
    "rule_cap": "Giới hạn xếp loại",
    "rule_coefficient": "Hệ số tăng thêm",
    "classification": "Xếp loại quý",
    "unit_quarter": "Nộp, chốt kết quả quý",
    "unit_quarter_event": "Chốt, mở chốt kết quả quý",
    "setting": "Cài đặt",
    "review_config": "Thiết lập tổng kết đợt thi đua",
    "award_adjustment": "Điều chỉnh danh sách",
    "award_approval": "Phê duyệt danh sách",
    "discipline": "Kỷ luật",
    "title_rule_set": "Quy định xét danh hiệu thi đua",
    "title_priority": "Thứ tự ưu tiên xét danh hiệu",
    "yearly_rating": "Xếp loại chất lượng cuối năm",
    "unit_succession": "Sáp nhập, chia tách, đổi tên đơn vị",
    "staff_achievement": "Thành tích xét Chiến sĩ thi đua cơ sở",
    "award": "Khen thưởng",
    "due_rule": "Quy tắc xét khen thưởng tiếp theo",
    "initiative_recognition": "Công nhận sáng kiến",
    "recognition_author": "Tác giả sáng kiến được công nhận",
    "award_authority": "Thẩm quyền quyết định khen thưởng",
    "document_register": "Sổ văn bản",
    "council_member": "Thành viên Hội đồng",
    "council_meeting": "Phiên họp Hội đồng",
    "meeting_attendance": "Thành viên dự họp",
    "meeting_vote": "Kết quả bỏ phiếu",
    "vote_threshold": "Tỷ lệ phiếu đồng ý tối thiểu",
}
__all__ = ["FIELD_LABELS", "TABLE_LABELS", "ACTION_LABELS", "Change", "list_changes", "operators",
           "recorded_at_insert", "session_name"]
ACTION_LABELS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa"}


@dataclass(frozen=True)
class Change:
    id: int
    at: str
    who: str
    table: str
    record_id: int
    action: str
    unit_id: int | None
    old: dict | None
    new: dict | None
    names: dict | None = None  # (referenced table, id) -> name, to show references by name

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @cached_property
    def when(self) -> str:
        at = self.at  # YYYY-MM-DD HH:MM:SS, written by the triggers
        return f"{at[8:10]}/{at[5:7]}/{at[:4]} {at[11:19]}"

    def fields(self) -> list[tuple[str, object, object]]:
        """(field, old, new) of the shown values that changed (all shown values of an insert or a delete)."""
        old, new = self.old or {}, self.new or {}
        known = table_fields(self.table)
        return [(k, old.get(k), new.get(k)) for k in (new or old)
                if (k not in known or known[k].form != HIDDEN) and (self.action != "update" or old.get(k) != new.get(k))]

    @cached_property  # computed once: the screen reads it to show, sort and search 10,000 rows
    def subject(self) -> str:
        """The record, as a person reads it: a code, a name, a quarter."""
        row = self.new or self.old or {}
        parts = [str(row[k]) for k in ("code", "full_name", "name", "title") if row.get(k)]
        for key in ("staff_id", "unit_id", "from_unit_id", "initiative_id", "campaign_id", "evaluation_id", "rule_set_id"):
            if row.get(key) is not None and not parts:
                parts.append(self._show(key, row[key]))
        if "year" in row and "quarter" in row:
            parts.append(f"quý {row['quarter']}/{row['year']}")
        elif "year" in row:
            parts.append(f"năm {row['year']}")
        return " - ".join(parts) or f"#{self.record_id}"

    @cached_property
    def summary(self) -> str:
        shown, known = [], table_fields(self.table)
        for column, before, after in self.fields():
            field = known.get(column)
            label = field.label if field else column
            if self.action == "update":
                shown.append(f"{label}: {show(field, before, self.names)} → {show(field, after, self.names)}")
            else:
                shown.append(f"{label}: {show(field, after if self.action == 'insert' else before, self.names)}")
        if not shown and self.action == "update":
            return "Đổi thứ tự"  # only a sort position changed
        return "; ".join(shown)

    def _show(self, field: str, value) -> str:
        """A value as a person reads it (see models.store.history_labels.show)."""
        return show(table_fields(self.table).get(field), value, self.names)


def list_changes(db: Database, since: dt.date | None = None, until: dt.date | None = None,
                 who: str | None = None, table: str | None = None, unit_id: int | None = None,
                 limit: int = 10_000) -> list[Change]:
    """Changes, newest first, filtered by day range, operator, kind of record and unit."""
    where, params = [], []
    if since is not None:
        where.append("at >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("at < ?")
        params.append((until + dt.timedelta(days=1)).isoformat())
    if who:
        where.append("who = ?")
        params.append(who)
    if table:
        where.append("table_name = ?")
        params.append(table)
    if unit_id is not None:
        where.append("unit_id = ?")
        params.append(unit_id)
    sql = ("SELECT id, at, who, table_name, record_id, action, unit_id, old, new FROM change_log"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?")
    rows = db.query(sql, [*params, limit])
    names = reference_names(db)
    return [Change(r["id"], r["at"], r["who"], r["table_name"], r["record_id"], r["action"], r["unit_id"],
                   json.loads(r["old"]) if r["old"] else None, json.loads(r["new"]) if r["new"] else None, names)
            for r in rows]


def operators(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT who FROM change_log WHERE who != '' ORDER BY who")]


def recorded_at_insert(db: Database, table: str, field: str) -> dict[int, tuple[object, str]]:
    """For each record of ``table`` the history saw inserted: the value of ``field`` it recorded
    then, and when (the latest insert of that record id)."""
    rows = db.execute(
        "SELECT record_id, json_extract(new, '$.' || ?), at FROM change_log "
        "WHERE table_name = ? AND action = 'insert' ORDER BY id", [field, table]).fetchall()
    return {record_id: (value, at) for record_id, value, at in rows}
