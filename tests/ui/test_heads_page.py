import datetime as dt
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from models.campaigns.campaigns import Campaign, save_campaign
from models.common.codes import HeadLevel
from models.store.db import connect
from models.people.heads import (
    DEFAULT_CRITERIA,
    Criterion,
    HeadEvaluation,
    criteria_template,
    get_evaluation,
    list_evaluations,
    save_evaluation,
)
from models.people.units import list_units, set_unit_active
from ui.people.head_dialog import CriteriaTemplateDialog, HeadDialog
from ui.people.heads_page import HeadsPage, HeadsTableModel, default_year

from .typing import type_text
from .screens import page_on_file, rows_by

M = HeadsTableModel


def _accept_with(monkeypatch, dialog_class, fill):
    def fake_exec(self):
        self.show()
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)


def _units(db):
    return {u.code: u for u in list_units(db)}


@pytest.fixture
def heads_db(sample_db):
    """2018: P01's head rated excellent; the others not evaluated yet."""
    save_evaluation(sample_db, HeadEvaluation(
        unit_id=_units(sample_db)["P01"].id, year=2018, level=HeadLevel.XUAT_SAC, note="Dẫn đầu khối phường",
        criteria=(Criterion("Cải cách hành chính", "Tốt"),),
    ))
    return sample_db


_page = partial(page_on_file, HeadsPage)


def _rows(page):
    return rows_by(page.model, M.COL_CODE)


def test_every_active_unit_is_listed_with_its_head_and_rating(qtbot, heads_db, tmp_path):
    page = _page(qtbot, heads_db, tmp_path)
    assert page.year.value() == 2018  # the data is all 2018
    rows = _rows(page)
    assert rows["P01"] == ["P01", "Ủy ban nhân dân Phường 1", "Nguyễn Văn Ánh", "", "Hoàn thành xuất sắc nhiệm vụ",
                           "Dẫn đầu khối phường", ""]  # no decision date recorded
    assert rows["NV"][M.COL_LEVEL] == ""
    assert sorted(rows) == ["DT", "NV", "P01", "P10"]
    assert page.count_label.text() == "Hiển thị 4 / 4 đơn vị  ·  Năm 2018: đã đánh giá 1 / 4 đơn vị"


def test_an_inactive_unit_shows_only_when_it_was_evaluated(qtbot, heads_db, tmp_path):
    units = _units(heads_db)
    set_unit_active(heads_db, units["DT"].id, False)
    set_unit_active(heads_db, units["P01"].id, False)
    page = _page(qtbot, heads_db, tmp_path)
    assert sorted(_rows(page)) == ["NV", "P01", "P10"]
    row = page.model.row_of(lambda r: r.unit.code == "P01")
    assert page.model.index(row, M.COL_UNIT).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_the_year_defaults_to_the_latest_year_with_data(heads_db, tmp_path):
    assert default_year(heads_db, dt.date(2026, 11, 27)) == 2018
    db = connect(tmp_path / "empty.sqlite3")
    assert default_year(db, dt.date(2026, 11, 27)) == 2026  # nothing at all: this year
    save_campaign(db, Campaign(name="Đợt thi đua năm 2019", year=2019, start_date=dt.date(2019, 3, 1),
                               registration_deadline=dt.date(2019, 3, 15), report_deadline=dt.date(2019, 11, 30)))
    assert default_year(db, dt.date(2026, 11, 27)) == 2019
    assert default_year(db, dt.date(2019, 5, 1)) == 2019
    db.close()


def test_changing_the_year_reloads(qtbot, heads_db, tmp_path):
    page = _page(qtbot, heads_db, tmp_path)
    page.year.setValue(2019)
    assert all(r[M.COL_LEVEL] == "" for r in _rows(page).values())
    assert page.count_label.text().endswith("Năm 2019: đã đánh giá 0 / 4 đơn vị")


def test_filters_by_level_and_by_evaluated(qtbot, heads_db, tmp_path):
    page = _page(qtbot, heads_db, tmp_path)
    page.evaluated_filter.setCurrentIndex(page.evaluated_filter.findText("Chưa đánh giá"))
    assert sorted(_rows(page)) == ["DT", "NV", "P10"]
    page.evaluated_filter.setCurrentIndex(0)
    page.level_filter.setCurrentIndex(page.level_filter.findText("Hoàn thành xuất sắc nhiệm vụ"))
    assert list(_rows(page)) == ["P01"]
    page.level_filter.setCurrentIndex(page.level_filter.findText("Hoàn thành tốt nhiệm vụ"))
    assert list(_rows(page)) == []
    page.level_filter.setCurrentIndex(0)
    type_text(page.search, "noi vu")
    assert list(_rows(page)) == ["NV"]


def test_evaluating_a_head_saves_the_criteria_rows(qtbot, heads_db, tmp_path, monkeypatch):
    page = _page(qtbot, heads_db, tmp_path)

    def fill(d):
        assert d.head_name.text() == "Nguyễn Văn Ánh"  # from the unit
        table = d.criteria.table
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(DEFAULT_CRITERIA)
        d.level.setCurrentIndex(d.level.findText("Hoàn thành tốt nhiệm vụ"))
        d.head_title.setText("Trưởng phòng")
        table.item(1, 1).setText("Đạt")
        d.criteria.add_button.click()
        last = table.rowCount() - 1
        table.setItem(last, 0, QTableWidgetItem("Tiếp nhận hồ sơ trực tuyến"))
        table.setItem(last, 1, QTableWidgetItem("Tốt"))
        table.setCurrentCell(0, 0)
        d.criteria.remove_button.click()  # the first criterion does not apply to this unit

    _accept_with(monkeypatch, HeadDialog, fill)
    page.select_where(lambda r: r.unit.code == "NV")
    page.edit_action.trigger()
    saved = get_evaluation(heads_db, _units(heads_db)["NV"].id, 2018)
    assert (saved.level, saved.head_name, saved.head_title) == (HeadLevel.TOT, "Nguyễn Văn Ánh", "Trưởng phòng")
    assert saved.criteria == (
        Criterion(DEFAULT_CRITERIA[1], "Đạt"),
        *(Criterion(name) for name in DEFAULT_CRITERIA[2:]),
        Criterion("Tiếp nhận hồ sơ trực tuyến", "Tốt"),
    )
    assert _rows(page)["NV"][M.COL_LEVEL] == "Hoàn thành tốt nhiệm vụ"
    assert page.selected().unit.code == "NV"
    assert page.undo.next_text == "Đánh giá người đứng đầu NV năm 2018"
    page.undo.undo()
    assert [e.unit_code for e in list_evaluations(heads_db, 2018)] == ["P01"]


def test_editing_an_evaluation_starts_from_its_own_criteria(qtbot, heads_db, tmp_path, monkeypatch):
    page = _page(qtbot, heads_db, tmp_path)

    def fill(d):
        assert d.level.currentText() == "Hoàn thành xuất sắc nhiệm vụ"
        assert d.criteria.criteria() == (Criterion("Cải cách hành chính", "Tốt"),)
        d.level.setCurrentIndex(d.level.findText("Hoàn thành nhiệm vụ"))

    _accept_with(monkeypatch, HeadDialog, fill)
    page.select_where(lambda r: r.unit.code == "P01")
    page.edit_action.trigger()
    assert _rows(page)["P01"][M.COL_LEVEL] == "Hoàn thành nhiệm vụ"
    page.undo.undo()
    assert get_evaluation(heads_db, _units(heads_db)["P01"].id, 2018).level == HeadLevel.XUAT_SAC


def test_an_evaluation_needs_a_level_and_named_criteria(qtbot, heads_db):
    unit = _units(heads_db)["NV"]
    dialog = HeadDialog(heads_db, unit, 2018)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.criteria.table.item(0, 0).setText("")
    dialog.criteria.table.item(0, 1).setText("Đạt")
    assert not dialog.try_save()
    assert dialog.form.error_text("level") == "Chưa chọn mức xếp loại"
    assert dialog.form.error_text("criteria") == "Tiêu chí không được để trống tên"
    assert [e.unit_code for e in list_evaluations(heads_db, 2018)] == ["P01"]


def test_deleting_an_evaluation_asks_first_and_can_be_undone(qtbot, heads_db, tmp_path, answers):
    page = _page(qtbot, heads_db, tmp_path)
    page.select_where(lambda r: r.unit.code == "NV")
    assert not page.delete_action.isEnabled()
    page.select_where(lambda r: r.unit.code == "P01")
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert answers.asked == ["Xóa đánh giá năm 2018 của người đứng đầu Ủy ban nhân dân Phường 1 "
                             "(Nguyễn Văn Ánh: Hoàn thành xuất sắc nhiệm vụ)?"]
    assert len(list_evaluations(heads_db, 2018)) == 1
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert list_evaluations(heads_db, 2018) == []
    assert _rows(page)["P01"][M.COL_LEVEL] == ""
    page.undo.undo()
    restored = list_evaluations(heads_db, 2018)
    assert [(e.unit_code, e.level, e.criteria) for e in restored] == [
        ("P01", HeadLevel.XUAT_SAC, (Criterion("Cải cách hành chính", "Tốt"),))]


def test_editing_the_default_criteria(qtbot, heads_db, tmp_path, monkeypatch):
    page = _page(qtbot, heads_db, tmp_path)
    errors = []

    def fill(d):
        editor = d.criteria
        editor.list.setCurrentRow(editor.list.count() - 1)
        editor.add_button.click()
        editor.list.currentItem().setText(DEFAULT_CRITERIA[0].upper())
        d.try_save()
        errors.append(d.form.error_text("criteria"))
        editor.list.currentItem().setText("Ứng dụng công nghệ thông tin")
        editor.up_button.click()
        editor.list.setCurrentRow(0)
        editor.remove_button.click()

    _accept_with(monkeypatch, CriteriaTemplateDialog, fill)
    page.template_action.trigger()
    assert errors == ["Danh sách tiêu chí có mục trùng nhau"]
    assert criteria_template(heads_db) == (
        *DEFAULT_CRITERIA[1:-1], "Ứng dụng công nghệ thông tin", DEFAULT_CRITERIA[-1])
    page.undo.undo()
    assert criteria_template(heads_db) == DEFAULT_CRITERIA


def test_heads_table_model_passes_qt_model_tester(qtmodeltester, qtbot, heads_db, tmp_path):
    page = _page(qtbot, heads_db, tmp_path)
    qtmodeltester.check(page.model)
    page.model.sort(M.COL_LEVEL)
    assert page.model.index(0, M.COL_CODE).data() == "P01"  # rated first, not rated last
    page.model.sort(M.COL_HEAD, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)


def test_the_decision_date_is_entered_checked_and_shown(qtbot, heads_db, tmp_path, monkeypatch):
    """Issue 13: a head-of-unit evaluation has the day it was decided; a list "as of" an earlier day ignores it."""
    unit = _units(heads_db)["NV"]
    dialog = HeadDialog(heads_db, unit, 2018)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.level.setCurrentIndex(dialog.level.findText("Không hoàn thành nhiệm vụ"))
    dialog.decided_on.setText("31/02/2019")
    assert not dialog.try_save()
    assert dialog.form.error_text("decided_on").startswith("Ngày")
    dialog.decided_on.setText("15/01/2021")
    assert not dialog.try_save()
    assert dialog.form.error_text("decided_on") == (
        "Ngày quyết định 15/01/2021 không thuộc năm 2018 hoặc năm 2019: đánh giá năm nào được quyết định trong năm "
        "đó hoặc đầu năm sau")
    dialog.decided_on.setText("15/01/2019")
    assert dialog.try_save()
    assert get_evaluation(heads_db, unit.id, 2018).decided_on == dt.date(2019, 1, 15)
    again = HeadDialog(heads_db, unit, 2018, get_evaluation(heads_db, unit.id, 2018))
    qtbot.addWidget(again)
    assert again.decided_on.text() == "15/01/2019"
    page = _page(qtbot, heads_db, tmp_path)
    assert _rows(page)["NV"][M.COL_DECIDED] == "15/01/2019"
