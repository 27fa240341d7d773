"""The quarterly classification screen: the roster, typing results, saving, the cap banner, large units."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

import ui.quarters.classification_entry_actions as actions
from models.quarters.classifications import Entry, quarter_state, save_quarter
from models.common.codes import NotClassifiedReason, UnitKind
from models.people.units import Unit, save_unit
from models.quarters.classifications import default_quarter
from ui.quarters.classification_page import ClassificationPage
from ui.quarters.classification_table import ClassificationTableModel as M
from ui.main_window import AREAS, MainWindow

from .classification_fixtures import (  # noqa: F401  (cls_db is a fixture)
    HT,
    TOT,
    _codes,
    _fill,
    _levels,
    _page,
    _person,
    _stored,
    _type,
    cls_db,
)
from .typing import type_text


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


def test_a_person_who_moved_mid_quarter_is_listed_only_in_the_unit_at_the_quarters_end(qtbot, cls_db, tmp_path):
    page = _page(qtbot, cls_db, tmp_path, unit="NV")
    assert _codes(page) == []
    page.show_unit(cls_db.units["P10"], 2018, 3)
    assert "N1" in _codes(page)
    page.show_unit(cls_db.units["NV"], 2018, 2)
    assert _codes(page) == ["N1"]
    page.show_unit(cls_db.units["P10"], 2018, 2)
    assert "N1" not in _codes(page)


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
