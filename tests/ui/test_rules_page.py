import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models.common.codes import HeadLevel, Severity
from models.quarters.rules import BaseSalary, base_salaries, list_rule_sets, rule_set_for
from ui.quarters.quarter_review_tables import MISSING_COLOUR, IncomeTableModel, UnitReviewTableModel
from ui.rules.rule_set_dialog import RuleSetDialog
from ui.rules.rules_page import RuleSetsTableModel, RulesPage

from .screens import go_to, main_window
from .test_quarter_review import classify_sample

R = RuleSetsTableModel
TODAY = dt.date(2024, 7, 20)
NAME_4631 = "Quyết định 4631/QĐ-UBND ngày 19/10/2018"


def _accept_with(monkeypatch, fill):
    """The dialog opens, ``fill`` types into it, then Lưu is pressed; exec answers like Qt's."""
    shown = []

    def fake_exec(self):
        self.show()
        shown.append(self)
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(RuleSetDialog, "exec", fake_exec)
    return shown


def _page(qtbot, db, tmp_path):
    page = RulesPage(db, tmp_path / "tdkt.sqlite3", today=TODAY)
    qtbot.addWidget(page)
    page.resize(1090, 700)
    page.show()
    return page


def _rows(page):
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_shipped_rule_sets_are_listed_with_their_periods(qtbot, db, tmp_path):
    page = _page(qtbot, db, tmp_path)
    rows = _rows(page)
    assert [r[R.COL_PERIOD] for r in rows] == ["Q2/2018 → Q2/2019", "Q3/2019 → Q1/2024", "Q2/2024 → Q4/2025",
                                               "Từ Q1/2026"]
    assert rows[0][R.COL_NAME] == NAME_4631
    assert rows[0][R.COL_SHARES] == "100% / 100% / 0% / 0%"
    assert rows[2][R.COL_SHARES] == "100% / 80% / 0% / 0%"
    assert rows[0][R.COL_COEFFICIENTS] == "2018: 0,6 · 2019: 1,2 · 2020: 1,8"
    assert rows[0][R.COL_CAPS] == "LĐ, QL: HTXSNV ≤ 50% (cảnh báo)"
    assert rows[2][R.COL_CAPS] == ""  # QĐ 20/2024 dropped the leaders' cap
    assert rows[3][R.COL_CAPS] == "Toàn ĐV: HTXSNV ≤ 20% số HTTNV (cảnh báo)"  # Nghị định 335/2025
    assert rows[0][R.COL_DEADLINE] == "Ngày 05, tháng đầu quý sau"
    assert page.selected().rule_set.from_year == 2024  # the one in force
    assert "Áp dụng từ quý 2/2024 đến hết quý 4/2025." in page.details.text()


def test_editing_the_cap_and_the_share_of_good_changes_the_quarter_review(qtbot, sample_db, tmp_path, monkeypatch):
    classify_sample(sample_db)

    def fill(dialog):
        dialog.shares[HeadLevel.TOT].setValue(80)
        dialog.caps.rows[0][4].set_value(Severity.BLOCK)

    _accept_with(monkeypatch, fill)
    window = main_window(qtbot, sample_db, tmp_path)
    review = go_to(window, "Tổng hợp quý")
    review.set_quarter(2018, 3)
    rules = go_to(window, "Quy định áp dụng")
    rules.select_where(lambda r: r.rule_set.name == NAME_4631)
    rules.edit_action.trigger()

    saved = rule_set_for(sample_db, 2018, 3)
    assert saved.shares[HeadLevel.TOT] == 0.8 and saved.caps[0].severity == Severity.BLOCK
    assert _rows(rules)[0][R.COL_SHARES] == "100% / 80% / 0% / 0%"
    assert _rows(rules)[0][R.COL_CAPS] == "LĐ, QL: HTXSNV ≤ 50% (chặn)"
    assert window.undo_action.text() == f"Hoàn tác: Sửa quy định {NAME_4631}"

    go_to(window, "Tổng hợp quý")  # the review reloads when shown again
    units = review.units.model
    p01 = units.index(units.row_of(lambda u: u.unit_code == "P01"), UnitReviewTableModel.COL_VIOLATIONS)
    assert p01.data(Qt.ItemDataRole.ToolTipRole).endswith("vượt mức 50% (chặn chốt)")
    assert p01.data(Qt.ItemDataRole.BackgroundRole).color().name() == MISSING_COLOUR
    review.tabs.setCurrentWidget(review.income)
    income = review.income.model
    cb04 = income.row_of(lambda r: r.code == "CB04")
    # 4,00 x 1.390.000 x 3 x 0,6 x 0,8
    assert [income.index(cb04, c).data() for c in (IncomeTableModel.COL_SHARE, IncomeTableModel.COL_AMOUNT)] == [
        "80%", "8.006.400 đ"]

    window.undo_last()
    assert rule_set_for(sample_db, 2018, 3).shares[HeadLevel.TOT] == 1.0
    assert income.index(income.row_of(lambda r: r.code == "CB04"), IncomeTableModel.COL_SHARE).data() == "100%"


def test_validation_messages_appear_beside_the_fields(qtbot, db, tmp_path, monkeypatch):
    def fill(dialog):
        dialog.name.setText("  ")
        dialog.year.setValue(2019)
        dialog.quarter.set_value(3)  # the 3728 amendment starts then
        dialog.coefficients.add_row((2019, 1.0))  # a second coefficient for 2019

    shown = _accept_with(monkeypatch, fill)
    page = _page(qtbot, db, tmp_path)
    page.select_where(lambda r: r.rule_set.name == NAME_4631)
    page.edit_action.trigger()
    dialog = shown[0]
    assert dialog.isVisible()  # not saved: the dialog stays open with what was typed
    assert dialog.form.error_text("name") == "Chưa nhập tên quy định"
    assert dialog.form.error_text("coefficients") == "Mỗi năm chỉ một hệ số tăng thêm tối đa"
    dialog.coefficients.remove_row()
    dialog.name.setText("Quyết định 4631 (sửa)")
    assert not dialog.try_save()
    assert dialog.form.error_text("name") == ""
    assert dialog.form.error_text("from_quarter") == "Đã có quy định áp dụng từ quý 3/2019"
    assert list_rule_sets(db)[0].name == NAME_4631
    dialog.close()


def test_deleting_the_only_rule_set_covering_classified_quarters_is_refused(qtbot, sample_db, tmp_path, answers):
    classify_sample(sample_db)
    page = _page(qtbot, sample_db, tmp_path)
    page.select_where(lambda r: r.rule_set.name == NAME_4631)
    page.delete_action.trigger()
    assert answers.errors == [
        "Không thể xóa: đã có 8 kết quả xếp loại trong thời gian quy định này áp dụng "
        "và không có quy định nào trước đó thay thế"
    ]
    assert len(_rows(page)) == 4 and len(list_rule_sets(sample_db)) == 4


def test_deleting_a_later_rule_set_can_be_undone(qtbot, db, tmp_path, answers):
    page = _page(qtbot, db, tmp_path)
    page.select_where(lambda r: r.rule_set.from_year == 2024)
    page.delete_action.trigger()
    assert "Xóa quy định “Quyết định 20/2024/QĐ-UBND” (áp dụng từ quý 2/2024)?" in answers.asked[0]
    assert [r[R.COL_PERIOD] for r in _rows(page)] == ["Q2/2018 → Q2/2019", "Q3/2019 → Q4/2025", "Từ Q1/2026"]
    assert rule_set_for(db, 2024, 2).shares[HeadLevel.TOT] == 1.0  # the quarter falls back to the 3728 rules
    page.undo.undo()
    page.reload()
    assert rule_set_for(db, 2024, 2).shares[HeadLevel.TOT] == 0.8


def test_a_new_rule_set_starts_from_the_latest_and_the_next_quarter(qtbot, db, tmp_path, monkeypatch):
    def fill(dialog):
        assert dialog.name.text() == ""
        assert (dialog.year.value(), dialog.quarter.value()) == (2026, 2)
        assert dialog.shares[HeadLevel.TOT].value() == 80
        assert dialog.coefficients.values() == [(2026, 1.8)]
        assert dialog.scored.isChecked()  # as the Nghị định 335/2025 set it starts from
        dialog.name.setText("Quyết định thử nghiệm")
        dialog.deadline.setValue(10)

    _accept_with(monkeypatch, fill)
    page = _page(qtbot, db, tmp_path)
    page.add_action.trigger()
    added = rule_set_for(db, 2026, 2)
    assert (added.name, added.deadline_day, added.deadline(2026, 2)) == ("Quyết định thử nghiệm", 10,
                                                                          dt.date(2026, 7, 10))
    assert added.scored and added.caps == rule_set_for(db, 2026, 1).caps
    assert page.selected().rule_set.id == added.id
    page.undo.undo()
    assert rule_set_for(db, 2026, 2).name == "Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)"


def test_base_salary_is_edited_checked_and_undone(qtbot, db, tmp_path, answers):
    page = _page(qtbot, db, tmp_path)
    editor = page.salaries
    assert editor.values() == [
        ("01/07/2017", 1_300_000, "Nghị định 47/2017/NĐ-CP"), ("01/07/2018", 1_390_000, "Nghị định 72/2018/NĐ-CP"),
        ("01/07/2019", 1_490_000, "Nghị định 38/2019/NĐ-CP"), ("01/07/2023", 1_800_000, "Nghị định 24/2023/NĐ-CP"),
        ("01/07/2024", 2_340_000, "Nghị định 73/2024/NĐ-CP")]
    assert not page.save_salaries_button.isEnabled()
    editor.add_row()
    start, amount, decree = editor.rows[5]
    start.setText("31/02/2026")
    amount.setValue(0)
    assert page.salary_status.text() == "Có thay đổi chưa lưu"
    page.save_salaries_button.click()
    assert page.salary_error.text() == "Dòng 6: ngày 31/02/2026 không tồn tại"
    start.setText("1/7/2026")
    page.save_salaries_button.click()
    assert page.salary_error.text() == "Mức lương cơ sở phải lớn hơn 0"
    amount.setValue(2_530_000)
    decree.setText("  Nghị định mới/2026/NĐ-CP ")
    assert amount.text() == "2.530.000 đ/tháng"
    page.save_salaries_button.click()
    assert base_salaries(db)[-2:] == (BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
                                      BaseSalary(dt.date(2026, 7, 1), 2_530_000, "Nghị định mới/2026/NĐ-CP"))
    assert page.salary_error.isHidden()
    assert page.salary_status.text().endswith("từ 01/07/2024: 2.340.000 đ; từ 01/07/2026: 2.530.000 đ")
    assert page.undo.next_text == "Sửa lương cơ sở"
    page.undo.undo()
    assert base_salaries(db)[-1] == BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP")


def test_an_empty_base_salary_list_is_refused(qtbot, db, tmp_path):
    page = _page(qtbot, db, tmp_path)
    while page.salaries.rows:
        page.salaries.remove_row()
    page.save_salaries_button.click()
    assert page.salary_error.text() == "Cần ít nhất một mức lương cơ sở"


@pytest.mark.parametrize("rows", [0, 4])
def test_the_rule_sets_model_passes_the_model_tester(qtbot, qtmodeltester, db, tmp_path, rows):
    if rows:
        page = _page(qtbot, db, tmp_path)
        assert page.model.rowCount() == rows
        qtmodeltester.check(page.model)
    else:
        qtmodeltester.check(RuleSetsTableModel())
