"""The history (nhật ký) of every change: written by database triggers, read here, never edited."""
from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass

from sqlite_utils import Database

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
}
ACTION_LABELS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa"}
FIELD_LABELS = {
    "code": "Mã", "name": "Tên", "full_name": "Họ và tên", "kind": "Loại", "head_name": "Người đứng đầu",
    "head_title": "Chức vụ người đứng đầu", "active": "Hoạt động", "birth_date": "Ngày sinh", "gender": "Giới tính",
    "position": "Chức vụ", "category": "Đối tượng", "is_leader": "Lãnh đạo, quản lý",
    "recruited_on": "Ngày tuyển dụng", "ended_on": "Ngày nghỉ", "salary_coefficient": "Hệ số lương",
    "unit_id": "Đơn vị", "staff_id": "Cán bộ", "start_date": "Từ ngày", "title": "Tên mô hình",
    "registered_on": "Ngày đăng ký", "reported_on": "Ngày báo cáo", "assessment": "Đánh giá",
    "assessment_note": "Ghi chú đánh giá", "recognised": "Công nhận sáng kiến", "level": "Xếp loại",
    "reason": "Lý do", "note": "Ghi chú", "year": "Năm", "quarter": "Quý", "submitted_on": "Ngày nộp",
    "locked": "Đã chốt", "result": "Kết quả", "value": "Giá trị", "key": "Khóa",
    "list_kind": "Danh sách", "action": "Thao tác", "text": "Nội dung in", "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định", "signer_name": "Người ký", "reopen_reason": "Lý do mở lại",
    "disabled_reasons": "Lý do phê bình không áp dụng", "min_quarters": "Số quý tối thiểu",
    "form": "Hình thức kỷ luật", "effective_year": "Năm áp dụng",
    "from_year": "Áp dụng từ năm", "required_level": "Mức xếp loại tối thiểu các quý",
    "min_classified_quarters": "Số quý được xếp loại tối thiểu", "min_months": "Số tháng công tác tối thiểu",
    "leavers_qualify": "Xét người nghỉ việc trong năm", "individual_discipline": "Kỷ luật không xét cá nhân (từ mức)",
    "collective_discipline": "Kỷ luật không xét tập thể (từ mức)", "initiative_required": "Cần sáng kiến",
    "cstdcs_cap_percent": "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở (%)", "cap_scope": "Phạm vi tính tỷ lệ",
    "ranking": "Thứ tự xếp hạng", "ttldtt_percent": "Tỷ lệ Lao động tiên tiến của TTLĐTT (trên %)",
    "ttldxs_completed_percent": "Tỷ lệ hoàn thành nhiệm vụ của TTLĐXS (%)",
    "ttldxs_ldtt_percent": "Tỷ lệ Lao động tiên tiến của TTLĐXS (từ %)",
    "ttldxs_min_cstdcs": "Số Chiến sĩ thi đua cơ sở tối thiểu của TTLĐXS",
    "bonus_ldtt": "Thưởng Lao động tiên tiến (lần lương cơ sở)",
    "bonus_cstdcs": "Thưởng Chiến sĩ thi đua cơ sở (lần lương cơ sở)",
    "bonus_ttldtt": "Thưởng Tập thể lao động tiên tiến (lần lương cơ sở)",
    "bonus_ttldxs": "Thưởng Tập thể lao động xuất sắc (lần lương cơ sở)", "priority": "Thứ tự ưu tiên",
    "highest_bonus_only": "Đạt nhiều danh hiệu: chỉ nhận mức thưởng cao nhất",
    "initiative_id": "Mô hình, sáng kiến", "campaign_id": "Đợt thi đua", "signer_authority": "Quyền hạn ký",
    "signer_title": "Chức vụ người ký", "issuer": "Cơ quan ban hành", "recipients": "Nơi nhận",
    "as_of": "Số liệu tính đến", "digest": "Mã kiểm tra bản chốt", "approved_at": "Phê duyệt lúc",
    "approved_by": "Người phê duyệt", "reopened_at": "Mở lại lúc", "reopened_by": "Người mở lại",
    "at": "Thời điểm", "who": "Người thực hiện",
}


def session_name(operator: str = "") -> str:
    """Who the history names: the name typed at first start, and the system user."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        user = ""
    if operator and user:
        return f"{operator} ({user})"
    return operator or user


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
    names: dict | None = None  # ("unit_id" / "staff_id", id) -> code, to show people and units by code

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @property
    def when(self) -> str:
        return dt.datetime.strptime(self.at, "%Y-%m-%d %H:%M:%S").strftime("%d/%m/%Y %H:%M:%S")

    def fields(self) -> list[tuple[str, object, object]]:
        """(field, old, new) of the values that changed (all values of an insert or a delete)."""
        old, new = self.old or {}, self.new or {}
        keys = list(new or old)
        return [(k, old.get(k), new.get(k)) for k in keys
                if k != "id" and (self.action != "update" or old.get(k) != new.get(k))]

    @property
    def subject(self) -> str:
        """The record, as a person reads it: a code, a name, a quarter."""
        row = self.new or self.old or {}
        parts = [str(row[k]) for k in ("code", "full_name", "name", "title") if row.get(k)]
        for key in ("staff_id", "unit_id"):
            if row.get(key) is not None and not parts:
                parts.append(self._show(key, row[key]))
        if "year" in row and "quarter" in row:
            parts.append(f"quý {row['quarter']}/{row['year']}")
        elif "year" in row:
            parts.append(f"năm {row['year']}")
        return " - ".join(parts) or f"#{self.record_id}"

    @property
    def summary(self) -> str:
        shown = []
        for field, before, after in self.fields():
            label = FIELD_LABELS.get(field, field)
            if self.action == "update":
                shown.append(f"{label}: {self._show(field, before)} → {self._show(field, after)}")
            else:
                shown.append(f"{label}: {self._show(field, after if self.action == 'insert' else before)}")
        return "; ".join(shown)

    def _show(self, field: str, value) -> str:
        """A value as a person reads it: a unit or person by code, a stored code by its label."""
        if value is not None and field in ("unit_id", "staff_id") and self.names:
            return str(self.names.get((field, value), value))
        if isinstance(value, str) and value in _CODE_LABELS:
            return _CODE_LABELS[value]
        return _text(value)


def _code_labels() -> dict[str, str]:
    from models.common.codes import LABELS

    return {member.value: text for member, text in LABELS.items()}


_CODE_LABELS = _code_labels()


def _text(value) -> str:
    if value is None or value == "":
        return "(trống)"
    return str(value)


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
    names = {("unit_id", i): code for i, code in db.execute("SELECT id, code FROM unit")}
    names.update({("staff_id", i): f"{code} {name}" for i, code, name in db.execute("SELECT id, code, full_name FROM staff")})
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
