"""The yearly quality rating screen (issue #14): keyboard entry, save in one transaction, undo, the
unsaved-changes guard, and the proposal from the quarters previewed before anything is written."""
import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models.common.codes import Level
from models.quarters.ratings import ratings_of_year, set_rating
from tests.models.titles_data import TOT, TS, XS, person, team, unit
from tests.ui.screens import cells, page_on_file
from ui.quarters import rating_page
from ui.quarters.rating_page import ProposalDialog, RatingPage
from ui.quarters.rating_table import RatingTableModel as M

_page = functools.partial(page_on_file, RatingPage)
ROWS = "SELECT s.code, r.level, r.note FROM yearly_rating r JOIN staff s ON s.id = r.staff_id ORDER BY s.code"


@pytest.fixture
def rated_db(db):
    """P1: An (XS, TOT, XS), Bình (TOT x3, rated XS); P2: Chi (maternity all year) - all in 2018."""
    p1, p2 = unit(db, "P1", "Phường 1"), unit(db, "P2", "Phường 2")
    team(db, p1, [(XS, TOT, XS), (TOT, TOT, TOT)])
    team(db, p2, [(TS, TS, TS)], names=["Lê Thị Chi"])
    set_rating(db, 2, 2018, Level.XUAT_SAC, "Hội đồng xét")
    return db


def _show(qtbot, db, tmp_path):
    page = _page(qtbot, db, tmp_path)
    page.year.setValue(2018)
    page.show()
    return page


def _levels(page):
    return [row[M.COL_LEVEL] for row in cells(page.model)]


def test_the_year_s_people_with_their_quarters_and_ratings(qtbot, rated_db, tmp_path):
    page = _show(qtbot, rated_db, tmp_path)
    assert [row[1:] for row in cells(page.model)] == [
        ["CB0001", "Nguyễn Văn An", "P1", "Chuyên viên", "Q2 HTXSNV · Q3 HTTNV · Q4 HTXSNV", "", ""],
        ["CB0002", "Nguyễn Văn Bình", "P1", "Chuyên viên", "Q2 HTTNV · Q3 HTTNV · Q4 HTTNV",
         "Hoàn thành xuất sắc nhiệm vụ", "Hội đồng xét"],
        ["CB0003", "Lê Thị Chi", "P2", "Chuyên viên", "Q2 KĐG · Q3 KĐG · Q4 KĐG", "", ""],
    ]
    assert page.count_label.text() == "Hiển thị 3 / 3 người  ·  HTXSNV 1 · HTTNV 0 · HTNV 0 · KHTNV 0  ·  chưa xếp loại 2"
    page.unit_combo.set_value(rated_db.execute("SELECT id FROM unit WHERE code = 'P2'").fetchone()[0])
    assert [row[1] for row in cells(page.model)] == ["CB0003"]
    page.search.setText("")
    page.unit_combo.set_value(None)
    page.search.setText("binh")
    assert [row[1] for row in cells(page.model)] == ["CB0002"]


def test_keys_set_levels_save_writes_once_and_undo_puts_back(qtbot, rated_db, tmp_path):
    page = _show(qtbot, rated_db, tmp_path)
    page.focus_entry()
    assert page.current_row() == 0  # the first person without a rating
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    qtbot.keyClick(page.table, Qt.Key.Key_H)  # Bình: from XS to HTNV
    assert _levels(page) == ["Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", ""]
    assert page.dirty_label.text() == "* 2 thay đổi chưa lưu"
    assert ratings_of_year(rated_db, 2018) == {2: Level.XUAT_SAC}  # nothing written before Lưu
    page.model.setData(page.model.index(0, M.COL_NOTE), "  Tự  đánh giá ")
    assert page.save()
    assert rated_db.execute(ROWS).fetchall() == [("CB0001", "tot", "Tự đánh giá"),
                                                  ("CB0002", "hoan_thanh", "Hội đồng xét")]
    assert page.dirty_label.text() == ""
    assert page.undo.next_text == "Lưu xếp loại cuối năm năm 2018"
    page.undo.undo()
    assert rated_db.execute(ROWS).fetchall() == [("CB0002", "xuat_sac", "Hội đồng xét")]


def test_delete_clears_the_level_or_the_note(qtbot, rated_db, tmp_path):
    page = _show(qtbot, rated_db, tmp_path)
    page._go_to_row(1, M.COL_NOTE)
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    assert cells(page.model)[1][M.COL_NOTE] == "" and cells(page.model)[1][M.COL_LEVEL] == "Hoàn thành xuất sắc nhiệm vụ"
    page._go_to_row(1, M.COL_LEVEL)
    page.clear_selected()
    assert cells(page.model)[1][M.COL_LEVEL] == ""
    assert page.save()
    assert rated_db.execute(ROWS).fetchall() == []


def test_changing_the_year_with_unsaved_ratings_asks_first(qtbot, rated_db, tmp_path, answers):
    page = _show(qtbot, rated_db, tmp_path)
    page._go_to_row(0, M.COL_LEVEL)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    answers.confirm_answer = False  # "Lưu": saved before moving on
    page.year.setValue(2019)
    assert answers.asked == ["Xếp loại cuối năm năm 2018 có 1 thay đổi chưa lưu.\nBỏ các thay đổi này?\n"
                             "Chọn “Lưu” để lưu lại trước khi chuyển."]
    assert ratings_of_year(rated_db, 2018) == {1: Level.XUAT_SAC, 2: Level.XUAT_SAC}
    assert page._shown == (2019, None)
    page._go_to_row(0, M.COL_LEVEL)
    qtbot.keyClick(page.table, Qt.Key.Key_4)
    answers.confirm_answer = True  # "Bỏ thay đổi"
    page.year.setValue(2018)
    assert ratings_of_year(rated_db, 2019) == {}
    assert not page.dirty


def test_the_proposal_is_previewed_and_written_only_when_confirmed(qtbot, rated_db, tmp_path, monkeypatch):
    page = _show(qtbot, rated_db, tmp_path)
    shown = []
    monkeypatch.setattr(rating_page, "confirm_proposal", lambda parent, year, proposals: shown.append(
        [(p.code, p.proposed) for p in proposals]))
    page.propose()  # cancelled
    assert shown == [[("CB0001", Level.TOT), ("CB0002", Level.TOT), ("CB0003", None)]]
    assert rated_db.execute(ROWS).fetchall() == [("CB0002", "xuat_sac", "Hội đồng xét")]
    monkeypatch.setattr(rating_page, "confirm_proposal", lambda parent, year, proposals: (True, False))
    page.propose()
    assert rated_db.execute(ROWS).fetchall() == [("CB0001", "tot", "Đề xuất từ kết quả xếp loại các quý"),
                                                  ("CB0002", "xuat_sac", "Hội đồng xét")]
    assert _levels(page) == ["Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ", ""]
    assert page.notice.text() == "Đã ghi 1 xếp loại đề xuất, năm 2018"
    page.undo.undo()
    assert rated_db.execute(ROWS).fetchall() == [("CB0002", "xuat_sac", "Hội đồng xét")]
    monkeypatch.setattr(rating_page, "confirm_proposal", lambda parent, year, proposals: (True, True))
    page.propose()
    assert rated_db.execute(ROWS).fetchall() == [("CB0001", "tot", "Đề xuất từ kết quả xếp loại các quý"),
                                                  ("CB0002", "tot", "Hội đồng xét")]


def test_the_preview_dialog_lists_each_person_and_what_will_happen(qtbot, rated_db, tmp_path):
    from models.quarters.ratings import propose_ratings

    dialog = ProposalDialog(2018, propose_ratings(rated_db, 2018))
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())] == [
        ["CB0001", "Nguyễn Văn An", "P1", "Q2 HTXSNV · Q3 HTTNV · Q4 HTXSNV", "HTTNV", "Chưa có xếp loại: sẽ ghi"],
        ["CB0002", "Nguyễn Văn Bình", "P1", "Q2 HTTNV · Q3 HTTNV · Q4 HTTNV", "HTTNV",
         "Đã có Hoàn thành xuất sắc nhiệm vụ: chỉ thay khi đồng ý"],
        ["CB0003", "Lê Thị Chi", "P2", "Q2 KĐG · Q3 KĐG · Q4 KĐG", "", "Không có quý nào được xếp loại: không đề xuất"],
    ]
    assert not dialog.replace_box.isChecked() and dialog.replace_box.text() == "Thay cả 1 xếp loại đã có khác đề xuất"
    assert dialog.findChild(QLabel, "proposal_summary").text() == (
        "Quy tắc đề xuất: mức thấp nhất trong các quý đã xếp loại của năm (quý “Không đánh giá” không tính). "
        "Sẽ ghi 1 người chưa có xếp loại; 1 người đã có xếp loại khác đề xuất (chỉ thay khi đồng ý); "
        "1 người không có quý nào được xếp loại.")
    assert dialog.write_button.isEnabled()
    dialog.resize(1180, 360)
    dialog.grab().save("/tmp/de-xuat.png")


def test_someone_who_did_not_work_that_year_is_not_listed(qtbot, rated_db, tmp_path):
    import datetime as dt

    person(rated_db, 1, "Trần Văn Mới", recruited=dt.date(2019, 2, 1))
    page = _show(qtbot, rated_db, tmp_path)
    assert "Trần Văn Mới" not in [row[2] for row in cells(page.model)]
    page.year.setValue(2019)
    assert "Trần Văn Mới" in [row[2] for row in cells(page.model)]


def test_closing_with_unsaved_ratings_asks_and_saves_when_told(qtbot, rated_db, tmp_path, answers):
    page = _show(qtbot, rated_db, tmp_path)
    page._go_to_row(0, M.COL_LEVEL)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    answers.confirm_answer = False  # "Lưu"
    page.close()
    assert len(answers.asked) == 1 and answers.asked[0].startswith("Xếp loại cuối năm năm 2018 có 1 thay đổi chưa lưu")
    assert ratings_of_year(rated_db, 2018)[1] == Level.HOAN_THANH


def test_the_import_window_imports_ratings(qtbot, rated_db, tmp_path):
    from tests.models.imports_data import write_xlsx
    from ui.kit.import_dialog import ImportDialog
    from models.quarters.imports_ratings import HEADERS

    path = write_xlsx(tmp_path / "xep_loai.xlsx", HEADERS, [
        ["CB0001", "Nguyễn Văn An", 2018, "HTTNV", ""], ["CB0002", "Nguyễn Văn Bình", 2018, "HTXSNV", "Hội đồng xét"]])
    dialog = ImportDialog("ratings", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    assert dialog.summary.text() == ("Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 0, giữ nguyên 1 dòng. "
                                     "Bấm “Nhập vào cơ sở dữ liệu” để ghi.")
    assert dialog.run_import()
    assert rated_db.execute(ROWS).fetchall() == [("CB0001", "tot", ""), ("CB0002", "xuat_sac", "Hội đồng xét")]
