"""How the history (nhật ký) names and shows each field of each tracked table: a Vietnamese label
and a display form (a date as dd/mm/yyyy, a flag as Có/Không, a code by its label, a reference by
the name of the record it points to). Every column of every tracked table has an entry here; a
test walks the schema and fails on any column without one."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from sqlite_utils import Database

from models.common.award_codes import AWARD_LABELS
from models.common.codes import LABELS, NO, YES

# Display forms
TEXT = "text"
NUMBER = "number"  # a decimal comma, as Vietnamese writes it
SHARE = "share"  # a fraction 0..1, shown as a percentage
DATE = "date"  # ISO date -> dd/mm/yyyy
DATETIME = "datetime"  # ISO date and time -> dd/mm/yyyy HH:MM
FLAG = "flag"  # 0/1 -> Có/Không
CODE = "code"  # a stored code -> its Vietnamese label
CODES = "codes"  # a JSON list of codes -> their labels
HIDDEN = "hidden"  # bookkeeping (ids, search keys, sort positions): never shown
# A reference is shown by the name of the record: the form is "ref:<table>"
UNIT, STAFF, CAMPAIGN, INITIATIVE, EVALUATION, RULE_SET = (
    "ref:unit", "ref:staff", "ref:campaign", "ref:initiative", "ref:head_evaluation", "ref:rule_set")

UNKNOWN_DATE = "0001-01-01"  # a membership whose start is not known


@dataclass(frozen=True)
class Field:
    label: str
    form: str = TEXT


# Columns that mean the same in every table.
_COMMON: dict[str, Field] = {
    "id": Field("Số hiệu", HIDDEN),
    "name_folded": Field("Tên (để tìm)", HIDDEN),
    "title_folded": Field("Tên (để tìm)", HIDDEN),
    "snapshot": Field("Bản chốt danh sách", HIDDEN),
    "position": Field("Thứ tự", HIDDEN),  # a sort position in every table but staff
    "code": Field("Mã"), "name": Field("Tên"), "full_name": Field("Họ và tên"), "kind": Field("Loại", CODE),
    "head_name": Field("Người đứng đầu"), "head_title": Field("Chức vụ người đứng đầu"),
    "active": Field("Hoạt động", FLAG), "birth_date": Field("Ngày sinh", DATE), "gender": Field("Giới tính", CODE),
    "category": Field("Đối tượng", CODE), "is_leader": Field("Lãnh đạo, quản lý", FLAG),
    "recruited_on": Field("Ngày tuyển dụng", DATE), "ended_on": Field("Ngày nghỉ", DATE),
    "salary_coefficient": Field("Hệ số lương", NUMBER),
    "unit_id": Field("Đơn vị", UNIT), "staff_id": Field("Cán bộ", STAFF), "campaign_id": Field("Đợt thi đua", CAMPAIGN),
    "initiative_id": Field("Mô hình, sáng kiến", INITIATIVE), "evaluation_id": Field("Đánh giá người đứng đầu", EVALUATION),
    "rule_set_id": Field("Quy định áp dụng", RULE_SET),
    "start_date": Field("Từ ngày", DATE), "title": Field("Tên mô hình"),
    "registration_deadline": Field("Hạn đăng ký", DATE), "report_deadline": Field("Hạn báo cáo kết quả", DATE),
    "description": Field("Mô tả"), "max_per_unit": Field("Số mô hình tối đa mỗi đơn vị", NUMBER),
    "joined_on": Field("Ngày tham gia", DATE), "field": Field("Lĩnh vực"),
    "registered_on": Field("Ngày đăng ký", DATE), "reported_on": Field("Ngày báo cáo", DATE),
    "result_summary": Field("Kết quả thực hiện"), "assessment": Field("Đánh giá", CODE),
    "assessment_note": Field("Ghi chú đánh giá"), "recognised": Field("Công nhận sáng kiến", FLAG),
    "level": Field("Xếp loại", CODE), "reason": Field("Lý do", CODE), "note": Field("Ghi chú"),
    "year": Field("Năm"), "quarter": Field("Quý"), "result": Field("Kết quả"),
    "from_year": Field("Áp dụng từ năm"), "from_quarter": Field("Áp dụng từ quý"),
    "share_xuat_sac": Field("Tỷ lệ tối đa Hoàn thành xuất sắc nhiệm vụ", SHARE),
    "share_tot": Field("Tỷ lệ tối đa Hoàn thành tốt nhiệm vụ", SHARE),
    "share_hoan_thanh": Field("Tỷ lệ tối đa Hoàn thành nhiệm vụ", SHARE),
    "share_khong_hoan_thanh": Field("Tỷ lệ tối đa Không hoàn thành nhiệm vụ", SHARE),
    "deadline_day": Field("Hạn nộp kết quả quý (ngày của tháng sau)"),
    "scope": Field("Phạm vi áp dụng", CODE), "max_share": Field("Tỷ lệ tối đa", SHARE),
    "severity": Field("Mức xử lý khi vượt", CODE), "max_coefficient": Field("Hệ số lương tối đa", NUMBER),
    "submitted_on": Field("Ngày nộp", DATE), "locked": Field("Đã chốt", FLAG),
    "at": Field("Thời điểm", DATETIME), "action": Field("Thao tác", CODE), "who": Field("Người thực hiện"),
    "key": Field("Cài đặt", CODE), "value": Field("Giá trị"),
    "disabled_reasons": Field("Lý do phê bình không áp dụng", CODES), "min_quarters": Field("Số quý tối thiểu"),
    "required_level": Field("Mức xếp loại tối thiểu các quý", CODE),
    "include_effective": Field("Nêu gương cả tác giả mô hình được đánh giá Hiệu quả", FLAG),
    "deadline_day_counts": Field("Nộp đúng ngày hạn là đúng hạn (“chậm nhất ngày”)", FLAG),
    "decided_on": Field("Ngày quyết định", DATE),
    "role": Field("Vai trò tác giả", CODE), "body": Field("Cấp công nhận", CODE),
    "recognition_id": Field("Công nhận sáng kiến", HIDDEN), "share": Field("Tỷ lệ đóng góp (%)", NUMBER),
    "list_kind": Field("Danh sách", CODE), "text": Field("Nội dung in"), "decision_number": Field("Số quyết định"),
    "decision_date": Field("Ngày quyết định", DATE), "signer_authority": Field("Quyền hạn ký"),
    "signer_title": Field("Chức vụ người ký"), "signer_name": Field("Người ký"), "issuer": Field("Cơ quan ban hành"),
    "recipients": Field("Nơi nhận"), "as_of": Field("Số liệu tính đến", DATE),
    "digest": Field("Mã kiểm tra bản chốt"), "approved_at": Field("Phê duyệt lúc", DATETIME),
    "approved_by": Field("Người phê duyệt"), "reopened_at": Field("Mở lại lúc", DATETIME),
    "reopen_reason": Field("Lý do mở lại"), "reopened_by": Field("Người mở lại"),
    "form": Field("Hình thức kỷ luật", CODE), "effective_year": Field("Năm áp dụng"),
    "min_classified_quarters": Field("Số quý được xếp loại tối thiểu"),
    "min_months": Field("Số tháng công tác tối thiểu"),
    "leavers_qualify": Field("Xét người nghỉ việc trong năm", FLAG),
    "individual_discipline": Field("Kỷ luật không xét cá nhân (từ mức)", CODE),
    "collective_discipline": Field("Kỷ luật không xét tập thể (từ mức)", CODE),
    "initiative_required": Field("Cần sáng kiến", FLAG),
    "cstdcs_cap_percent": Field("Tỷ lệ tối đa Chiến sĩ thi đua cơ sở (%)", NUMBER),
    "cap_scope": Field("Phạm vi tính tỷ lệ", CODE), "ranking": Field("Thứ tự xếp hạng", CODE),
    "ttldtt_percent": Field("Tỷ lệ Lao động tiên tiến của TTLĐTT (trên %)", NUMBER),
    "ttldxs_completed_percent": Field("Tỷ lệ hoàn thành nhiệm vụ của TTLĐXS (%)", NUMBER),
    "ttldxs_ldtt_percent": Field("Tỷ lệ Lao động tiên tiến của TTLĐXS (từ %)", NUMBER),
    "ttldxs_min_cstdcs": Field("Số Chiến sĩ thi đua cơ sở tối thiểu của TTLĐXS"),
    "bonus_ldtt": Field("Thưởng Lao động tiên tiến (lần lương cơ sở)", NUMBER),
    "bonus_cstdcs": Field("Thưởng Chiến sĩ thi đua cơ sở (lần lương cơ sở)", NUMBER),
    "bonus_ttldtt": Field("Thưởng Tập thể lao động tiên tiến (lần lương cơ sở)", NUMBER),
    "bonus_ttldxs": Field("Thưởng Tập thể lao động xuất sắc (lần lương cơ sở)", NUMBER),
    "priority": Field("Thứ tự ưu tiên"),
    "highest_bonus_only": Field("Đạt nhiều danh hiệu: chỉ nhận mức thưởng cao nhất", FLAG),
    "from_unit_id": Field("Đơn vị cũ", UNIT), "to_unit_id": Field("Đơn vị mới", UNIT),
    "effective_on": Field("Có hiệu lực từ ngày", DATE),
    "judging": Field("Căn cứ xét Lao động tiên tiến", CODE),
    "achievements": Field("Thành tích của Chiến sĩ thi đua cơ sở (có ít nhất một)", CODES),
    "cap_base": Field("Tỷ lệ Chiến sĩ thi đua cơ sở tính trên", CODE),
    "maternity_counts": Field("Nghỉ thai sản tính là thời gian công tác", FLAG),
    "bonus_base_day": Field("Ngày lấy mức lương cơ sở", CODE),
    "source": Field("Căn cứ pháp lý"), "to_check": Field("Giá trị cần kiểm tra", CODES),
    "reference": Field("Căn cứ công nhận"),
    "of_level": Field("Tính trên số người xếp loại", CODE), "score": Field("Điểm", NUMBER),
    "scored": Field("Chấm điểm (thang 100)", FLAG),
    "award": Field("Danh hiệu, hình thức khen thưởng", CODE), "decider": Field("Người quyết định"),
    "symbol": Field("Ký hiệu văn bản"),
    "legal_basis": Field("Căn cứ pháp lý"), "number": Field("Số văn bản"), "subject": Field("Trích yếu"),
    "issued_on": Field("Ngày ban hành", DATE), "sort": Field("Thứ tự", HIDDEN), "about": Field("Thuộc hồ sơ", HIDDEN),
    "meeting_key": Field("Phiên họp"), "held_on": Field("Ngày họp", DATE), "place": Field("Địa điểm"),
    "chair": Field("Chủ trì"), "secretary": Field("Thư ký"), "agenda": Field("Nội dung họp"),
    "meeting_id": Field("Phiên họp", HIDDEN), "member_id": Field("Thành viên Hội đồng", HIDDEN),
    "present": Field("Có mặt", FLAG), "issued": Field("Số phiếu phát ra"), "returned": Field("Số phiếu thu vào"),
    "valid": Field("Số phiếu hợp lệ"), "agreed": Field("Số phiếu đồng ý"), "percent": Field("Tỷ lệ phiếu đồng ý tối thiểu (%)", NUMBER),
}

# Columns whose meaning depends on the table.
_BY_TABLE: dict[str, dict[str, Field]] = {
    "staff": {"position": Field("Chức vụ")},
    "campaign": {"name": Field("Tên đợt thi đua")},
    "campaign_unit": {"registration_deadline": Field("Hạn đăng ký riêng của đơn vị", DATE),
                      "report_deadline": Field("Hạn báo cáo riêng của đơn vị", DATE)},
    "campaign_field": {"name": Field("Lĩnh vực")},
    "head_criterion": {"name": Field("Tiêu chí")},
    "rule_set": {"name": Field("Tên quy định")},
    "title_rule_set": {"name": Field("Tên quy định")},
    "unit_succession": {"kind": Field("Hình thức", CODE), "note": Field("Căn cứ")},
    "staff_achievement": {"kind": Field("Loại thành tích", CODE), "title": Field("Tên thành tích")},
    "award": {"kind": Field("Loại khen thưởng", CODE), "form": Field("Hình thức khen thưởng"),
              "form_folded": Field("Hình thức (để tìm)", HIDDEN), "level": Field("Cấp khen", CODE),
              "authority": Field("Cơ quan ban hành"), "reason": Field("Lý do"), "amount": Field("Số tiền", NUMBER),
              "approval_id": Field("Ghi từ danh sách đã phê duyệt", HIDDEN)},
    "due_rule": {"name": Field("Tên quy tắc"), "subject": Field("Áp dụng cho", CODE),
                 "target_kind": Field("Khen thưởng được xét", CODE), "target_level": Field("Cấp khen", CODE),
                 "counted": Field("Điều kiện tính"), "count": Field("Số năm liên tục"),
                 "counted_level": Field("Mức xếp loại năm tối thiểu", CODE), "after": Field("Tính từ sau khi được"),
                 "source": Field("Căn cứ"), "to_check": Field("Cần kiểm tra", FLAG)},
    "initiative_recognition": {"scope": Field("Phạm vi ảnh hưởng", CODE), "title": Field("Tên sáng kiến")},
    "award_authority": {"level": Field("Cấp quyết định", CODE), "body": Field("Cơ quan ban hành quyết định")},
    "council_member": {"position": Field("Chức vụ"), "role": Field("Chức danh trong Hội đồng")},
}

# The labels of the columns (the table-independent meaning), by column name.
FIELD_LABELS: dict[str, str] = {column: field.label for column, field in _COMMON.items()}

# Stored codes that models.common.codes does not name (they are plain words in the schema), and the
# keys of the settings table.
_EXTRA_CODES = {
    "lock": "Chốt", "unlock": "Mở chốt", "add": "Thêm vào danh sách", "remove": "Bỏ khỏi danh sách",
    "base_salaries": "Mức lương cơ sở", "council_names": "Tên Hội đồng, cơ quan",
    "head_criteria": "Tiêu chí đánh giá người đứng đầu",
    "sap_nhap": "Sáp nhập", "chia_tach": "Chia tách", "doi_ten": "Đổi tên",
    # The values of a title rule set that may be marked "cần kiểm tra theo quy định của thành phố".
    "cstdcs_cap_percent": "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở", "cap_base": "Tỷ lệ Chiến sĩ thi đua cơ sở tính trên",
    "min_months": "Số tháng công tác tối thiểu",
    "staff": "Cá nhân", "unit": "Tập thể", **{code.value: text for code, text in AWARD_LABELS.items()},
    "local": "Chủ tịch Ủy ban nhân dân cùng cấp", "council": "Chủ tịch Hội đồng Thi đua - Khen thưởng",
    "higher": "Cấp trên (Hội đồng chỉ đề nghị)",
}
CODE_LABELS: dict[str, str] = {**{member.value: text for member, text in LABELS.items()}, **_EXTRA_CODES}


def field_of(table: str, column: str) -> Field | None:
    """The label and display form of a column of a tracked table; ``None`` when it has none."""
    return table_fields(table).get(column)


@cache
def table_fields(table: str) -> dict[str, Field]:
    """Column -> label and display form, for the columns of ``table`` (read once per table)."""
    return {**_COMMON, **_BY_TABLE.get(table, {})}


def _date(value) -> str:
    if value == UNKNOWN_DATE:
        return "(không rõ)"
    text = str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{text[8:10]}/{text[5:7]}/{text[:4]}"


def _datetime(value) -> str:
    text = str(value)
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{_date(text[:10])} {text[11:16]}".rstrip()


def _number(value) -> str:
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def _code(value) -> str:
    return CODE_LABELS.get(str(value), str(value))


def _codes(value) -> str:
    try:
        codes = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if not isinstance(codes, list):
        return str(value)
    return ", ".join(_code(c) for c in codes) or "(không có)"


_FORMS = {DATE: _date, DATETIME: _datetime, NUMBER: _number, CODE: _code, CODES: _codes,
          FLAG: lambda v: YES if v in (1, True, "1") else NO,
          SHARE: lambda v: _number(round(float(v) * 100, 2)) + "%" if isinstance(v, (int, float)) else str(v)}


def show(found: Field | None, value, names: dict | None = None) -> str:
    """A stored value of a field (see :func:`table_fields`) as a person reads it: dates dd/mm/yyyy,
    Có/Không, a code's label, a record's name (from ``names``, see :func:`reference_names`)."""
    if value is None or value == "":
        return "(trống)"
    form = found.form if found else TEXT
    if form.startswith("ref:"):
        name = (names or {}).get((form[4:], value))
        return name if name is not None else f"số {value} (đã xóa)"
    if form in _FORMS:
        return _FORMS[form](value)
    if isinstance(value, str) and value in CODE_LABELS:  # a free text field holding a code (the old way)
        return CODE_LABELS[value]
    return _number(value)


# How each referenced table names its records: one query per table, never one per row.
_NAME_QUERIES = {
    "unit": "SELECT id, name || ' (' || code || ')' FROM unit",
    "staff": "SELECT id, code || ' ' || full_name FROM staff",
    "campaign": "SELECT id, name FROM campaign",
    "initiative": "SELECT id, title FROM initiative",
    "head_evaluation": "SELECT e.id, u.name || ' (' || u.code || '), năm ' || e.year "
                       "FROM head_evaluation e JOIN unit u ON u.id = e.unit_id",
    "rule_set": "SELECT id, name FROM rule_set",
}


def reference_names(db: Database) -> dict[tuple[str, int], str]:
    """(referenced table, id) -> the record's name, for every referenced table."""
    names: dict[tuple[str, int], str] = {}
    for table, sql in _NAME_QUERIES.items():
        names.update({(table, i): text for i, text in db.execute(sql)})
    return names
