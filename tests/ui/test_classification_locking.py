"""The quarterly classification screen: locking, unsaved changes, undo of saves, Excel template, import, export."""
import datetime as dt
from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtCore import Qt

import ui.quarters.classification_entry_actions as actions
from models.quarters.classifications import lock_history, lock_quarter, quarter_state
from models.common.codes import CapScope, Severity
from models.store.db import connect
from models.quarters.rules import Cap, rule_set_for, save_rule_set
from ui.kit import messages
from ui.quarters.classification_entry_import import ClassificationImportDialog
from ui.quarters.classification_table import ClassificationTableModel as M
from ui.main_window import AREAS, MainWindow

from .classification_fixtures import (  # noqa: F401  (cls_db is a fixture)
    KHT,
    XS,
    _codes,
    _fill,
    _levels,
    _page,
    _stored,
    _type,
    cls_db,
)


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


def _page_breaking_the_leaders_cap(qtbot, cls_db, tmp_path, severity: Severity):
    """3 of 4 leaders Hoàn thành xuất sắc, saved, under a 50% cap of ``severity``."""
    rules = rule_set_for(cls_db, 2018, 3)
    save_rule_set(cls_db, replace(rules, caps=(Cap(CapScope.LEADERS, XS, 0.5, severity),)))
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page, "1112222222")
    assert page.banner.property("severity") == severity.value
    return page


def test_a_blocking_cap_refuses_the_lock_with_the_domains_message(qtbot, cls_db, tmp_path, answers):
    page = _page_breaking_the_leaders_cap(qtbot, cls_db, tmp_path, Severity.BLOCK)
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


def test_the_lock_history_names_the_operator_typed_at_the_first_start(qtbot, cls_db, tmp_path, monkeypatch):
    from models.store.settings import set_setting

    set_setting(cls_db, "operator_name", "Nguyễn Thị Lan - Phòng Nội vụ")
    monkeypatch.setattr("getpass.getuser", lambda: "admin")
    page = _page(qtbot, cls_db, tmp_path)
    _fill_and_save(qtbot, page)
    page.lock_action.trigger()
    monkeypatch.setattr(actions, "ask_unlock_reason", lambda parent, what: "Sửa sai")
    page.lock_action.trigger()
    history = lock_history(cls_db, cls_db.units["P01"], 2018, 3)
    assert [(e.action, e.who) for e in history] == [
        ("lock", "Nguyễn Thị Lan - Phòng Nội vụ (admin)"), ("unlock", "Nguyễn Thị Lan - Phòng Nội vụ (admin)")]


def test_the_lock_confirmation_repeats_an_active_cap_warning(qtbot, cls_db, tmp_path, answers):
    page = _page_breaking_the_leaders_cap(qtbot, cls_db, tmp_path, Severity.WARN)
    answers.confirm_answer = False
    page.lock_action.trigger()
    assert answers.asked[-1].endswith(
        "\n\nCảnh báo: 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%\nVẫn chốt?")
    assert not quarter_state(cls_db, cls_db.units["P01"], 2018, 3).locked
    _fill_and_save(qtbot, page, "1122222222")  # within the cap: no warning to repeat
    page.lock_action.trigger()
    assert "Cảnh báo" not in answers.asked[-1]
