import datetime as dt
from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

import ui.classification_entry_actions as actions
from models.classifications import Entry, lock_history, lock_quarter, quarter_state, save_quarter
from models.codes import CapScope, Gender, HeadLevel, NotClassifiedReason, Severity, StaffCategory, UnitKind
from models.db import connect
from models.rules import Cap, rule_set_for, save_rule_set
from models.staff import Staff, add_staff, move_staff
from models.units import Unit, save_unit
from ui import messages
from ui.classification_entry_import import ClassificationImportDialog
from ui.classification_entry_header import default_quarter
from ui.classification_page import ClassificationPage
from ui.classification_table import ClassificationTableModel as M
from ui.main_window import AREAS, MainWindow

from .typing import type_text

TODAY = dt.date(2018, 12, 1)
XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
# P01: four leaders, then six others (the roster lists leaders first, in name order).
P01_PEOPLE = [
    ("L1", "Nguyễn Văn An", True), ("L2", "Trần Thị Bình", True), ("L3", "Lê Văn Cường", True),
    ("L4", "Phạm Thị Dung", True),
    ("S1", "Đỗ Văn Em", False), ("S2", "Hoàng Thị Giang", False), ("S3", "Vũ Văn Hải", False),
    ("S4", "Bùi Thị Khánh", False), ("S5", "Đặng Văn Long", False), ("S6", "Mai Thị Nga", False),
]


def _person(db, code, name, unit_id, leader=False, recruited=dt.date(2010, 1, 4)):
    return add_staff(db, Staff(code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
                               category=StaffCategory.CONG_CHUC, unit_id=unit_id, is_leader=leader,
                               position="Phó Chủ tịch" if leader else "Chuyên viên", recruited_on=recruited),
                     TODAY)


@pytest.fixture
def cls_db(db):
    units = {}
    for code, name, kind in (("P01", "Ủy ban nhân dân Phường 1", UnitKind.PHUONG),
                             ("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
                             ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN)):
        units[code] = save_unit(db, Unit(code=code, name=name, kind=kind)).id
    for code, name, leader in P01_PEOPLE:
        _person(db, code, name, units["P01"], leader)
    _person(db, "T1", "Lý Văn Tâm", units["P10"])
    _person(db, "T2", "Ngô Thị Thu", units["P10"])
    mover = _person(db, "N1", "Châu Văn Minh", units["NV"])
    move_staff(db, mover.id, units["P10"], dt.date(2018, 8, 15), TODAY)  # mid Q3/2018
    db.units = units
    return db


def _page(qtbot, db, tmp_path, unit="P01", year=2018, quarter=3):
    page = ClassificationPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show_unit(db.units[unit], year, quarter)
    page.table.setFocus()
    return page


def _levels(page):
    return [page.model.index(r, M.COL_LEVEL).data() for r in range(page.model.rowCount())]


def _codes(page):
    return [page.model.index(r, M.COL_CODE).data() for r in range(page.model.rowCount())]


def _type(qtbot, page, *keys):
    for key in keys:
        qtbot.keyClick(page.table, key)


def _stored(db, unit_id, year=2018, quarter=3):
    return db.execute(
        "SELECT s.code, c.level, c.reason, c.note FROM classification c JOIN staff s ON s.id = c.staff_id "
        "WHERE c.unit_id = ? AND c.year = ? AND c.quarter = ? ORDER BY s.code", [unit_id, year, quarter]
    ).fetchall()


def _fill(qtbot, page, keys="2" * 10):
    page._go_to_row(0)
    _type(qtbot, page, *keys)


def test_the_area_comes_after_the_heads_screen():
    titles = [title for title, _factory, _excel in AREAS]
    assert titles.index("Xếp loại quý") == titles.index("Người đứng đầu") + 1


def test_the_roster_lists_leaders_first_with_the_rule_set_and_deadline(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    assert _codes(page) == ["L1", "L2", "L3", "L4", "S1", "S2", "S3", "S4", "S5", "S6"]
    assert page.model.index(0, M.COL_LEADER).data() == "x"
    assert page.model.index(0, M.COL_NAME).data() == "Nguyễn Văn An"
    assert page.rules_label.text() == ("Quy định áp dụng: Quyết định 4631/QĐ-UBND ngày 19/10/2018  ·  "
                                       "Hạn nộp 05/10/2018")
    assert page.state_label.text() == "Chưa chốt"
    assert page.count_label.text().endswith("Chưa xếp loại 10  ·  Tổng 10 người")


def test_keys_1_to_4_and_x_t_h_k_set_the_level_and_move_down(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, "x", "t", "h", "K")
    assert _levels(page)[:9] == [
        "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ",
        "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ",
        "",
    ]
    assert page.current_row() == 8
    assert page.dirty_label.text() == "* 8 thay đổi chưa lưu"
    assert page.save_action.text() == "Lưu *"
    assert page.count_label.text().startswith("HTXSNV 2 (25%)  ·  HTTNV 2 (25%)  ·  HTNV 2 (25%)  ·  KHTNV 2 (25%)")
    assert _stored(cls_db, cls_db.units["P01"]) == []  # nothing written before "Lưu"


def test_other_keys_and_shortcuts_are_left_to_the_table(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "a", Qt.Key.Key_9)
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert set(_levels(page)) == {""}


def test_zero_or_minus_asks_for_a_reason_and_stores_it(qtbot, cls_db, tmp_path, monkeypatch):
    asked = []

    def choose(parent, name, current=None):
        asked.append((name, current))
        return NotClassifiedReason.THAI_SAN

    monkeypatch.setattr(actions, "choose_reason", choose)
    page = _page(qtbot, cls_db, tmp_path)
    page._go_to_row(5)
    _type(qtbot, page, Qt.Key.Key_0)
    assert asked == [("Hoàng Thị Giang", None)]
    assert page.model.index(5, M.COL_LEVEL).data() == "Không đánh giá"
    assert page.model.index(5, M.COL_REASON).data() == "Nghỉ thai sản"
    assert page.current_row() == 6
    monkeypatch.setattr(actions, "choose_reason", lambda *a: None)  # cancelled: nothing changes
    _type(qtbot, page, Qt.Key.Key_Minus)
    assert page.model.index(6, M.COL_LEVEL).data() == "" and page.current_row() == 6
    monkeypatch.setattr(actions, "choose_reason", lambda *a: NotClassifiedReason.MOI_TUYEN)
    _type(qtbot, page, Qt.Key.Key_Minus)
    assert page.model.index(6, M.COL_REASON).data() == "Mới tuyển dụng"
    _fill(qtbot, page, "22222")
    page._go_to_row(7)
    _type(qtbot, page, "2", "2", "2")
    page.save()
    assert ("S2", None, "thai_san", "") in _stored(cls_db, cls_db.units["P01"])
    assert page.count_label.text().endswith("Không đánh giá 2  ·  Chưa xếp loại 0  ·  Tổng 10 người")


def test_delete_clears_the_result_or_only_the_note(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "1")
    page._go_to_row(0)
    page.model.setData(page.model.index(0, M.COL_NOTE), "  Dẫn   đầu phong trào ")
    assert page.model.index(0, M.COL_NOTE).data() == "Dẫn đầu phong trào"
    page._go_to_row(0, M.COL_NOTE)
    page.clear_action.trigger()
    assert [page.model.index(0, c).data() for c in (M.COL_LEVEL, M.COL_NOTE)] == ["Hoàn thành xuất sắc nhiệm vụ", ""]
    page._go_to_row(0, M.COL_LEVEL)
    _type(qtbot, page, Qt.Key.Key_Backspace)
    assert page.model.index(0, M.COL_LEVEL).data() == ""
    assert page.dirty_label.text() == ""


def test_saving_writes_one_row_per_person_and_the_submission_date(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _fill(qtbot, page, "1222223333")
    page.model.setData(page.model.index(0, M.COL_NOTE), "Dẫn đầu cải cách hành chính")
    page.submitted.setText("03/10/2018")
    assert page.lateness.text() == "Đúng hạn"
    page.save_action.trigger()
    rows = _stored(cls_db, cls_db.units["P01"])
    assert len(rows) == 10
    assert ("L1", "xuat_sac", None, "Dẫn đầu cải cách hành chính") in rows
    assert sorted(level for _c, level, _r, _n in rows).count("hoan_thanh") == 4
    assert quarter_state(cls_db, cls_db.units["P01"], 2018, 3).submitted_on == dt.date(2018, 10, 3)
    assert page.dirty_label.text() == "" and not page.save_action.isEnabled()
    assert page.notice.text() == "Đã lưu kết quả Ủy ban nhân dân Phường 1 quý 3/2018"


def test_a_late_submission_is_shown_against_the_deadline(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    page.submitted.setText("12/10/2018")
    assert page.lateness.text() == "Trễ 7 ngày"
    page.submitted.setText("")
    assert page.lateness.text() == "Chưa nộp"
    assert page.dirty_label.text() == ""


def test_save_errors_are_shown_on_the_rows_and_nothing_is_written(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _fill(qtbot, page, "22")
    page.model.setData(page.model.index(4, M.COL_NOTE), "Chờ ý kiến")  # a note but no level
    page.submitted.setText("01/01/2030")
    assert not page.save()
    items = [page.errors_list.item(i).text() for i in range(page.errors_list.count())]
    assert items == [
        "Chưa lưu được, chưa ghi gì (2 lỗi):",
        "STT 5 · S1 Đỗ Văn Em: Chưa chọn mức xếp loại (hoặc Không đánh giá và lý do)",
        "Ngày nộp 01/01/2030 ở tương lai",
    ]
    assert not page.errors_list.isHidden()
    assert page.model.index(4, M.COL_NAME).data(Qt.ItemDataRole.ToolTipRole).startswith("Chưa chọn mức xếp loại")
    assert page.model.index(4, M.COL_NAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.current_row() == 4
    assert _stored(cls_db, cls_db.units["P01"]) == []
    assert quarter_state(cls_db, cls_db.units["P01"], 2018, 3).submitted_on is None


def test_the_cap_banner_names_three_of_four_leaders_and_passes_two(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "1", "1", "2", "2")
    assert page.banner.property("severity") == "ok"
    assert page.banner.text().startswith("Không vượt giới hạn nào")
    page._go_to_row(2)
    _type(qtbot, page, "1")
    assert page.banner.property("severity") == "warn"
    assert page.banner.text() == "Cảnh báo: 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"
    page._go_to_row(2)
    _type(qtbot, page, "2")
    assert page.banner.text().startswith("Không vượt giới hạn nào")


def test_set_everyone_then_adjust(qtbot, cls_db, tmp_path, monkeypatch, answers):
    monkeypatch.setattr(actions, "choose_reason", lambda *a: NotClassifiedReason.OM_DAI_NGAY)
    page = _page(qtbot, cls_db, tmp_path)
    page._go_to_row(9)
    _type(qtbot, page, "0")
    page.set_all_actions[TOT].trigger()
    assert answers.asked == []  # nobody had another level: nothing to confirm
    assert _levels(page) == ["Hoàn thành tốt nhiệm vụ"] * 9 + ["Không đánh giá"]
    page._go_to_row(0)
    _type(qtbot, page, "1")
    assert _levels(page)[:2] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"]
    page.set_all_actions[HT].trigger()  # overwriting different levels asks first
    assert answers.asked == ["Đặt 9 người thành “Hoàn thành nhiệm vụ”?\n9 người đã có mức khác sẽ được đặt lại; "
                             "người Không đánh giá giữ nguyên."]
    assert _levels(page)[9] == "Không đánh giá"


def _fill_and_save(qtbot, page, keys="1222222222"):
    _fill(qtbot, page, keys)
    assert page.save()


def test_a_locked_quarter_is_read_only_and_unlocking_needs_a_reason(qtbot, cls_db, tmp_path, monkeypatch, answers):
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page)
    page.lock_action.trigger()
    unit_id = cls_db.units["P01"]
    assert quarter_state(cls_db, unit_id, 2018, 3).locked
    assert page.state_label.text() == "Đã chốt"
    assert page.lock_action.text() == "Mở chốt..."
    page._go_to_row(1)
    _type(qtbot, page, "4", Qt.Key.Key_Backspace)
    page.set_all_actions[KHT].trigger()
    assert _levels(page)[1] == "Hoàn thành tốt nhiệm vụ"
    assert not page.model.flags(page.model.index(1, M.COL_NOTE)) & Qt.ItemFlag.ItemIsEditable
    assert not page.save_action.isEnabled()
    assert not page.save()
    assert page.errors_list.item(1).text() == "Kết quả quý 3/2018 của đơn vị đã chốt; mở chốt trước khi sửa"
    monkeypatch.setattr(actions, "ask_unlock_reason", lambda parent, what: "   ")
    page.lock_action.trigger()
    assert answers.errors == ["Cần ghi lý do mở chốt"]
    assert quarter_state(cls_db, unit_id, 2018, 3).locked
    monkeypatch.setattr(actions, "ask_unlock_reason", lambda parent, what: "Sửa mức của Trần Thị Bình")
    page.lock_action.trigger()
    assert not quarter_state(cls_db, unit_id, 2018, 3).locked
    history = lock_history(cls_db, unit_id, 2018, 3)
    assert [(e.action, e.reason) for e in history] == [("lock", ""), ("unlock", "Sửa mức của Trần Thị Bình")]
    assert page.history_button.text() == "Lịch sử (2)"
    assert page.state_label.toolTip().splitlines()[1].endswith(": Sửa mức của Trần Thị Bình")
    page._go_to_row(1)
    _type(qtbot, page, "4")
    assert _levels(page)[1] == "Không hoàn thành nhiệm vụ"


def test_a_blocking_cap_refuses_the_lock_with_the_domains_message(qtbot, cls_db, tmp_path, answers):
    rules = rule_set_for(cls_db, 2018, 3)
    save_rule_set(cls_db, replace(rules, caps=(Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK),)))
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page, "1112222222")
    assert page.banner.property("severity") == "block"
    assert page.banner.text() == "Không chốt được: 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"
    page.lock_action.trigger()
    assert answers.errors == ["Chưa chốt được: 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"]
    assert not quarter_state(cls_db, cls_db.units["P01"], 2018, 3).locked


def test_locking_with_someone_unclassified_is_refused(qtbot, cls_db, tmp_path, answers):
    page = _page(qtbot, cls_db, tmp_path)
    _fill(qtbot, page, "222222222")  # the last person has no result
    page.lock_action.trigger()  # saves what is typed first, then asks the domain
    assert len(_stored(cls_db, cls_db.units["P01"])) == 9
    assert answers.errors == ["Chưa chốt được: còn 1 người chưa xếp loại (Mai Thị Nga)"]
    assert page.state_label.text() == "Chưa chốt"


def test_switching_unit_with_unsaved_changes_asks(qtbot, cls_db, tmp_path, answers):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "1")
    answers.confirm_answer = True  # "Bỏ thay đổi"
    page.next_unit_action.trigger()
    assert answers.asked == ["Ủy ban nhân dân Phường 1 quý 3/2018 có 1 kết quả chưa lưu.\nBỏ các thay đổi này?\n"
                             "Chọn “Lưu” để lưu lại trước khi chuyển."]
    assert page.unit_combo.currentText() == "Ủy ban nhân dân Phường 10 (P10)"
    assert _codes(page) == ["N1", "T1", "T2"]
    assert _stored(cls_db, cls_db.units["P01"]) == []
    _type(qtbot, page, "2")
    answers.confirm_answer = False  # "Lưu" (the default button)
    page.year.setValue(2019)
    assert page.year.value() == 2019
    assert _stored(cls_db, cls_db.units["P10"]) == [("N1", "tot", None, "")]


def test_a_failed_save_keeps_the_unit_on_screen(qtbot, cls_db, tmp_path, answers):
    page = _page(qtbot, cls_db, tmp_path)
    page.model.setData(page.model.index(0, M.COL_NOTE), "Chưa rõ")  # a note without a level: cannot save
    answers.confirm_answer = False
    page.quarter.set_value(4)
    assert (page.quarter.value(), page.unit_combo.currentText()) == (3, "Ủy ban nhân dân Phường 1 (P01)")
    assert not page.errors_list.isHidden()


def test_closing_the_window_with_unsaved_changes_asks(qtbot, cls_db, tmp_path, answers):
    window = MainWindow(cls_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow([t for t, _f, _e in AREAS].index("Xếp loại quý"))
    page = window.stack.currentWidget()
    page.show_unit(cls_db.units["P10"], 2018, 3)
    page.table.setFocus()
    _type(qtbot, page, "3", "3", "3")
    answers.confirm_answer = False  # save
    window.close()  # the window closes its database
    assert len(answers.asked) == 1
    db = connect(tmp_path / "tdkt.sqlite3")
    assert _stored(db, cls_db.units["P10"]) == [("N1", "hoan_thanh", None, ""), ("T1", "hoan_thanh", None, ""),
                                                 ("T2", "hoan_thanh", None, "")]
    db.close()


def test_a_person_who_moved_mid_quarter_is_listed_only_in_the_unit_at_the_quarters_end(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path, unit="NV")
    assert _codes(page) == []
    page.show_unit(cls_db.units["P10"], 2018, 3)
    assert "N1" in _codes(page)
    page.show_unit(cls_db.units["NV"], 2018, 2)
    assert _codes(page) == ["N1"]
    page.show_unit(cls_db.units["P10"], 2018, 2)
    assert "N1" not in _codes(page)


def test_ctrl_z_after_a_save_restores_the_previous_results(qtbot, cls_db, tmp_path):
    unit_id = cls_db.units["P01"]
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page, "1222222222")
    first = _stored(cls_db, unit_id)
    page._go_to_row(0)
    _type(qtbot, page, "3")
    page.submitted.setText("02/10/2018")
    page.save()
    assert ("L1", "hoan_thanh", None, "") in _stored(cls_db, unit_id)
    assert page.undo.next_text == "Lưu xếp loại P01 quý 3/2018"
    page.undo.undo()
    page.reload()
    assert _stored(cls_db, unit_id) == first
    assert quarter_state(cls_db, unit_id, 2018, 3).submitted_on is None
    assert page.model.index(0, M.COL_LEVEL).data() == "Hoàn thành xuất sắc nhiệm vụ"
    page.undo.undo()  # the first save: nobody had a result
    assert _stored(cls_db, unit_id) == []


def test_undo_of_a_save_is_refused_once_the_quarter_is_locked(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page)
    lock_quarter(cls_db, cls_db.units["P01"], 2018, 3, dt.datetime(2018, 10, 20, 9, 0))
    with pytest.raises(Exception, match="đã chốt; mở chốt trước khi sửa"):
        page.undo.undo()
    assert len(_stored(cls_db, cls_db.units["P01"])) == 10


def test_a_reload_keeps_unsaved_results(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "1", "2")
    page.reload()  # another screen changed something
    assert _levels(page)[:3] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", ""]
    assert page.dirty_label.text() == "* 2 thay đổi chưa lưu"


def test_the_default_quarter(cls_db):
    assert default_quarter(cls_db, dt.date(2018, 11, 20)) == (2018, 3)
    assert default_quarter(cls_db, dt.date(2019, 2, 1)) == (2018, 4)
    save_quarter(cls_db, cls_db.units["P10"], 2018, 2, [Entry(cls_db.execute(
        "SELECT id FROM staff WHERE code = 'T1'").fetchone()[0], TOT)])
    assert default_quarter(cls_db, dt.date(2019, 2, 1)) == (2018, 4)  # recent data: the last finished quarter
    assert default_quarter(cls_db, dt.date(2026, 11, 27)) == (2018, 2)  # old data only: its latest quarter


def test_the_table_model_passes_qt_model_tester(qtmodeltester, qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    _type(qtbot, page, "1", "2")
    qtmodeltester.check(page.model)


def test_excel_template_then_import_round_trip(qtbot, cls_db, tmp_path, monkeypatch, answers):
    page = _page(qtbot, cls_db, tmp_path)
    asked = []
    template = tmp_path / "out" / "xep-loai-P01-quy3-2018.xlsx"
    template.parent.mkdir()

    def save_xlsx(parent, title, suggested):
        asked.append(suggested)
        return str(template)

    monkeypatch.setattr(messages, "save_xlsx", save_xlsx)
    page.template_action.trigger()
    assert asked == ["xep-loai-P01-quy3-2018.xlsx"]
    assert answers.infos[-1].startswith("Tệp mẫu quý 3/2018 của Ủy ban nhân dân Phường 1 có 10 người")
    book = openpyxl.load_workbook(template)
    sheet = book.active
    assert sheet.title == "Đơn vị P01"
    header = [c.value for c in sheet[1]]
    level_col, reason_col = header.index("Xếp loại") + 1, header.index("Lý do không đánh giá") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, level_col, "Hoàn thành tốt nhiệm vụ")
    sheet.cell(2, level_col, "Hoàn thành xuất sắc nhiệm vụ")
    sheet.cell(3, level_col, "Không đánh giá")
    sheet.cell(3, reason_col, "Nghỉ thai sản")
    book.save(template)

    monkeypatch.setattr(messages, "open_xlsx", lambda parent, title: str(template))
    seen = {}

    def accept(dialog):
        seen["summary"] = dialog.summary.text()
        dialog.run_import()
        return 1

    monkeypatch.setattr(ClassificationImportDialog, "exec", accept)
    page.import_action.trigger()
    assert seen["summary"] == ("Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 10, cập nhật 0, giữ nguyên 0 dòng. "
                               "Bấm “Nhập vào cơ sở dữ liệu” để ghi.")
    rows = _stored(cls_db, cls_db.units["P01"])
    assert len(rows) == 10
    assert ("L1", "xuat_sac", None, "") in rows and ("L2", None, "thai_san", "") in rows
    assert _levels(page)[:2] == ["Hoàn thành xuất sắc nhiệm vụ", "Không đánh giá"]
    assert page.notice.text() == "Đã nhập tệp xep-loai-P01-quy3-2018.xlsx"


def test_an_import_with_errors_lists_them_and_writes_nothing(qtbot, cls_db, tmp_path, monkeypatch):
    page = _page(qtbot, cls_db, tmp_path)
    path = tmp_path / "bad.xlsx"
    monkeypatch.setattr(messages, "save_xlsx", lambda *a: str(path))
    page.template_action.trigger()
    book = openpyxl.load_workbook(path)
    book.active.cell(2, 5, "Xuất sắc lắm")
    book.save(path)
    monkeypatch.setattr(messages, "open_xlsx", lambda parent, title: str(path))
    seen = {}

    def look(dialog):
        seen["errors"], seen["enabled"] = list(dialog.errors), dialog.import_button.isEnabled()
        seen["shown"] = dialog.error_list.toPlainText()
        return 1

    monkeypatch.setattr(ClassificationImportDialog, "exec", look)
    page.import_action.trigger()
    assert seen["errors"][0].startswith("Dòng 2, cột Xếp loại: “Xuất sắc lắm” không hợp lệ")
    assert len(seen["errors"]) == 10  # the nine left blank too
    assert seen["shown"].splitlines() == seen["errors"] and not seen["enabled"]
    assert _stored(cls_db, cls_db.units["P01"]) == []


def test_results_are_exported_for_the_unit_and_quarter(qtbot, cls_db, tmp_path, monkeypatch, answers):
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page)
    out = tmp_path / "ket-qua.xlsx"
    suggested = []
    monkeypatch.setattr(messages, "save_xlsx", lambda parent, title, name: suggested.append(name) or str(out))
    page.export_action.trigger()
    assert suggested == ["ket-qua-xep-loai-P01-quy3-2018.xlsx"]
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 11
    assert answers.infos[-1].startswith("Đã xuất kết quả của 10 người")


@pytest.fixture
def big_db(db):
    """One unit of 500 people (20 leaders) and a small one, to switch between."""
    big = save_unit(db, Unit(code="P07", name="Ủy ban nhân dân Phường 7", kind=UnitKind.PHUONG)).id
    small = save_unit(db, Unit(code="P08", name="Ủy ban nhân dân Phường 8", kind=UnitKind.PHUONG)).id
    families, middles, givens = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh"], ["Văn", "Thị", "Minh", "Ngọc"], \
        ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Long", "Mai", "Nga"]
    with db.atomic():
        for i in range(500):
            name = f"{families[i % 5]} {middles[i // 5 % 4]} {givens[i // 20 % 10]}"
            _person(db, f"C{i:04d}", name, big, leader=i < 20)
        for i in range(5):
            _person(db, f"D{i:04d}", f"Võ Văn {givens[i]}", small)
    db.units = {"P07": big, "P08": small}
    return db


def test_switching_between_a_500_person_unit_and_a_small_one_shows_each_roster(qtbot, big_db, tmp_path):
    # Speed is measured in bench/bench_classification.py, not here.
    page = _page(qtbot, big_db, tmp_path, unit="P08")
    page.show()
    for unit, size in (("P07", 500), ("P08", 5), ("P07", 500)):
        page.show_unit(big_db.units[unit], 2018, 3)
        assert page.model.rowCount() == size
    page.set_all_actions[TOT].trigger()
    _type(qtbot, page, "1")
    assert page.model.rowCount() == 500


def test_in_the_window_ctrl_s_saves_alt_right_moves_on_and_ctrl_z_undoes(qtbot, cls_db, tmp_path):
    window = MainWindow(cls_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    window.nav.setCurrentRow([t for t, _f, _e in AREAS].index("Xếp loại quý"))
    page = window.stack.currentWidget()
    page.show_unit(cls_db.units["P10"], 2018, 3)
    page.table.setFocus()
    _type(qtbot, page, "1", "2", "t")
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored(cls_db, cls_db.units["P10"]) == [("N1", "xuat_sac", None, ""), ("T1", "tot", None, ""),
                                                     ("T2", "tot", None, "")]
    assert window.undo_action.text() == "Hoàn tác: Lưu xếp loại P10 quý 3/2018"
    qtbot.keyClick(page.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.unit_combo.currentText() == "Ủy ban nhân dân Phường 1 (P01)"
    qtbot.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.unit_combo.currentText() == "Ủy ban nhân dân Phường 10 (P10)"
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(cls_db, cls_db.units["P10"]) == []
    assert _levels(page) == ["", "", ""]


def test_f2_edits_the_note_in_the_table(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path)
    page.show()
    _type(qtbot, page, "2")
    page._go_to_row(0)
    page.note_action.trigger()
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None
    type_text(editor, "Dẫn đầu cải cách hành chính")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: page.model.index(0, M.COL_NOTE).data() == "Dẫn đầu cải cách hành chính")
    assert page.dirty_label.text() == "* 1 thay đổi chưa lưu"


def test_a_quarter_without_a_rule_set_cannot_be_entered(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path, quarter=1)  # the first rule set applies from Q2/2018
    assert page.rules_label.text() == "Chưa có quy định áp dụng cho quý 1/2018: chưa nhập được kết quả"
    _type(qtbot, page, "1")
    assert set(_levels(page)) == {""}
    assert page.notice.text() == "Chưa nhập được kết quả"
    assert not page.lock_action.isEnabled() and page.banner.isHidden()


def test_an_empty_database_shows_an_empty_screen(qtbot, db, tmp_path):
    page = ClassificationPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert page.rules_label.text() == "Chưa có đơn vị nào đang hoạt động: thêm đơn vị ở màn hình “Đơn vị”"
    assert not page.lock_action.isEnabled() and not page.template_action.isEnabled()
    page.save()
    page.set_all(TOT)
    assert page.settle_unsaved()
