"""Every field the history (nhật ký) shows is in Vietnamese: a label for each tracked column and a
display form for each value (dates dd/mm/yyyy, Có/Không, code labels, record names)."""

from models.store.history import list_changes
from models.store.history_labels import CODE_LABELS, HIDDEN, field_of
from models.store.schema import TRACKED
from models.store.schema_checks import value_lists


def _columns(db, table):
    return [r[1] for r in db.execute(f'PRAGMA main.table_info("{table}")').fetchall()]


def test_every_column_of_every_tracked_table_has_a_vietnamese_label(db):
    unlabeled = [f"{t}.{c}" for t in TRACKED for c in _columns(db, t) if field_of(t, c) is None]
    assert unlabeled == []
    shown = [(t, c, field_of(t, c).label) for t in TRACKED for c in _columns(db, t) if field_of(t, c).form != HIDDEN]
    assert [(t, c) for t, c, label in shown if "_" in label or label == c] == []


def test_every_code_a_tracked_column_may_hold_has_a_label(db):
    """Codes listed in the schema's CHECK (column IN (...)) constraints are all named."""
    unnamed, seen = [], set()
    for table in TRACKED:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        for column, values in value_lists(sql):  # IN lists, or ORs (migration 0028)
            seen.add(f"{table}.{column}")
            unnamed += [f"{table}.{column}={v}" for v in values if v not in CODE_LABELS]
    assert unnamed == []
    assert {"unit.kind", "staff.category", "classification.reason", "award.kind", "award.level"} <= seen


def _unit(db, code="P01", name="Phường 1"):
    return db.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES (?, ?, ?, 'phuong')",
                      [code, name, name.lower()]).lastrowid


def _staff(db, unit_id, code="CB01", name="Nguyễn Văn An"):
    staff_id = db.execute(
        "INSERT INTO staff (code, full_name, name_folded, birth_date, gender, position, category, salary_coefficient) "
        "VALUES (?, ?, ?, '1980-05-17', 'nam', 'Chuyên viên', 'cong_chuc', 2.34)", [code, name, name.lower()]).lastrowid
    db.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, '0001-01-01')", [staff_id, unit_id])
    return staff_id


def _last(db, table, action="insert"):
    return next(c for c in list_changes(db) if c.table == table and c.action == action)


def test_dates_are_shown_day_month_year_and_flags_yes_no(db):
    unit_id = _unit(db)
    db.execute("INSERT INTO unit_quarter (unit_id, year, quarter, submitted_on) VALUES (?, 2018, 4, '2019-01-01')",
               [unit_id])
    db.execute("UPDATE unit_quarter SET locked = 1 WHERE unit_id = ?", [unit_id])
    assert _last(db, "unit_quarter").summary == (
        "Đơn vị: Phường 1 (P01); Năm: 2018; Quý: 4; Ngày nộp: 01/01/2019; Đã chốt: Không")
    assert _last(db, "unit_quarter", "update").summary == "Đã chốt: Không → Có"


def test_times_codes_and_people_are_shown_by_their_vietnamese_form(db):
    unit_id = _unit(db)
    staff_id = _staff(db, unit_id)
    db.execute("INSERT INTO unit_quarter_event (unit_id, year, quarter, at, action, who) "
               "VALUES (?, 2018, 3, '2018-10-20 09:00:00', 'lock', 'Thư ký')", [unit_id])
    assert _last(db, "unit_quarter_event").summary == (
        "Đơn vị: Phường 1 (P01); Năm: 2018; Quý: 3; Thời điểm: 20/10/2018 09:00; Thao tác: Chốt; Lý do: (trống); "
        "Người thực hiện: Thư ký")
    assert _last(db, "staff").summary == (
        "Mã: CB01; Họ và tên: Nguyễn Văn An; Ngày sinh: 17/05/1980; Giới tính: Nam; Chức vụ: Chuyên viên; "
        "Đối tượng: Công chức; Lãnh đạo, quản lý: Không; Ngày tuyển dụng: (trống); Ngày nghỉ: (trống); "
        "Hệ số lương: 2,34")
    assert _last(db, "staff_unit").summary == (
        "Cán bộ: CB01 Nguyễn Văn An; Đơn vị: Phường 1 (P01); Từ ngày: (không rõ)")
    assert _last(db, "staff_unit").subject == "CB01 Nguyễn Văn An"


def test_campaign_references_are_named_and_sort_positions_hidden(db):
    unit_id = _unit(db)
    campaign_id = db.execute(
        "INSERT INTO campaign (name, year, start_date, registration_deadline, report_deadline) "
        "VALUES ('Đợt cao điểm', 2018, '2018-08-31', '2018-09-15', '2018-12-31')").lastrowid
    db.execute("INSERT INTO campaign_unit (campaign_id, unit_id, joined_on) VALUES (?, ?, '2018-08-31')",
               [campaign_id, unit_id])
    first = db.execute("INSERT INTO campaign_field (campaign_id, position, name) VALUES (?, 10, 'Cải cách')",
                       [campaign_id]).lastrowid
    db.execute("UPDATE campaign_field SET position = 0 WHERE id = ?", [first])
    assert _last(db, "campaign").summary == (
        "Tên đợt thi đua: Đợt cao điểm; Năm: 2018; Từ ngày: 31/08/2018; Hạn đăng ký: 15/09/2018; "
        "Hạn báo cáo kết quả: 31/12/2018; Mô tả: (trống); Số mô hình tối đa mỗi đơn vị: 1; "
        "Nộp đúng ngày hạn là đúng hạn (“chậm nhất ngày”): Có")
    assert _last(db, "campaign_unit").summary == (
        "Đợt thi đua: Đợt cao điểm; Đơn vị: Phường 1 (P01); Ngày tham gia: 31/08/2018; "
        "Hạn đăng ký riêng của đơn vị: (trống); Hạn báo cáo riêng của đơn vị: (trống)")
    assert _last(db, "campaign_field").summary == "Đợt thi đua: Đợt cao điểm; Lĩnh vực: Cải cách"
    assert _last(db, "campaign_field", "update").summary == "Đổi thứ tự"


def test_shares_and_lists_of_codes_are_shown_in_words(db):
    rule_set_id = db.execute("SELECT id, name FROM rule_set ORDER BY id").fetchone()
    db.execute("INSERT INTO rule_cap (rule_set_id, position, scope, level, max_share, severity) "
               "VALUES (?, 9, 'leaders', 'xuat_sac', 0.5, 'block')", [rule_set_id[0]])
    assert _last(db, "rule_cap").summary == (
        f"Quy định áp dụng: {rule_set_id[1]}; Phạm vi áp dụng: Lãnh đạo, quản lý; "
        "Xếp loại: Hoàn thành xuất sắc nhiệm vụ; Tỷ lệ tối đa: 50%; Mức xử lý khi vượt: Chặn (không cho chốt); "
        "Tính trên số người xếp loại: (trống)")
    campaign_id = db.execute(
        "INSERT INTO campaign (name, year, start_date, registration_deadline, report_deadline) "
        "VALUES ('Đợt cao điểm', 2018, '2018-08-31', '2018-09-15', '2018-12-31')").lastrowid
    db.execute("INSERT INTO review_config (campaign_id, disabled_reasons) VALUES (?, ?)",
               [campaign_id, '["crit_registered_late", "crit_head_failed"]'])
    assert "Lý do phê bình không áp dụng: Đăng ký trễ hạn, Người đứng đầu không hoàn thành nhiệm vụ" \
        in _last(db, "review_config").summary


def test_a_deleted_record_is_named_as_deleted(db):
    unit_id = _unit(db)
    db.execute("INSERT INTO unit_quarter (unit_id, year, quarter) VALUES (?, 2018, 4)", [unit_id])
    db.execute("DELETE FROM unit_quarter")
    db.execute("DELETE FROM unit")
    assert _last(db, "unit_quarter").summary.startswith(f"Đơn vị: số {unit_id} (đã xóa); Năm: 2018")


def test_names_are_read_once_per_table_not_once_per_row(db):
    def statements():
        seen = []
        db.conn.set_trace_callback(seen.append)
        list_changes(db)
        db.conn.set_trace_callback(None)
        return len(seen)

    unit_id = _unit(db)
    _staff(db, unit_id)
    few = statements()
    for i in range(30):
        _staff(db, _unit(db, f"U{i}", f"Đơn vị {i}"), f"CB{i:03}", f"Người {i}")
    assert statements() == few
