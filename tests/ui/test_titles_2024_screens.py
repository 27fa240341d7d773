"""The screens of the 2022 law's rule sets (issue #14): the rule set editor shows the 2025 set's
reading, achievements, sources and the values marked "cần kiểm tra theo quy định của thành phố"
(ticking "đã kiểm tra" removes the marks); the list of rule sets shows each set's source; the
year's achievements are entered, refused with a message, deleted and undone."""
import datetime as dt

from PySide6.QtCore import Qt

from models.common.codes import (
    Achievement, BonusBaseDay, CapBase, Gender, HeadLevel, StaffCategory, TitleJudging, UnitKind,
)
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit
from models.quarters.ratings import set_rating
from models.yearend.achievements import list_achievements
from models.yearend.title_rules import rule_for
from ui.yearend.achievements_dialog import AchievementsDialog
from ui.yearend.title_rule_set_dialog import TitleRuleSetDialog
from ui.yearend.title_rules_dialog import TitleRulesDialog

from .title_fixtures import open_page

MARKED = ("cstdcs_cap_percent", "cap_base", "min_months")


def test_the_2025_rule_set_opens_with_its_reading_achievements_source_and_marks(qtbot, db):
    rules = rule_for(db, 2025)
    dialog = TitleRuleSetDialog(db, rules)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.judging.value() == TitleJudging.YEARLY_RATING
    assert [a for a, box in dialog.achievements.items() if box.isChecked()] == list(Achievement)
    assert (dialog.cap_base.value(), dialog.base_day.value(), dialog.maternity.isChecked()) == (
        CapBase.LDTT, BonusBaseDay.DECISION_DATE, True)
    assert "Nghị định 152/2025/NĐ-CP" in dialog.source.toPlainText()
    shown = sorted(name for name, mark in dialog.marks.items() if mark.isVisible())
    assert shown == sorted(MARKED)
    assert dialog.marks["min_months"].text() == "⚠ cần kiểm tra theo quy định của thành phố"
    assert dialog.checked.isVisible() and not dialog.checked.isChecked()
    dialog.checked.setChecked(True)
    dialog.min_months.setValue(12)
    assert dialog.try_save()
    assert (rule_for(db, 2025).to_check, rule_for(db, 2025).min_months) == ((), 12)


def test_the_2018_set_has_no_marks_and_its_editor_keeps_one_initiative(qtbot, db):
    dialog = TitleRuleSetDialog(db, rule_for(db, 2018))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not any(mark.isVisible() for mark in dialog.marks.values()) and not dialog.checked.isVisible()
    assert [a for a, box in dialog.achievements.items() if box.isChecked()] == [Achievement.SANG_KIEN]
    assert dialog.judging.value() == TitleJudging.QUARTERS
    assert dialog.chosen().to_check == () and dialog.chosen().achievements == (Achievement.SANG_KIEN,)


def test_the_list_of_rule_sets_shows_the_2025_source_and_what_to_check(qtbot, db):
    dialog = TitleRulesDialog(db, year=2025)
    qtbot.addWidget(dialog)
    text = dialog.details.text()
    assert "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP</b> — áp dụng từ năm 2025 đến nay" in text
    assert "xếp loại chất lượng cuối năm từ mức Hoàn thành tốt nhiệm vụ" in text
    assert ("có ít nhất một thành tích: sáng kiến được công nhận ở cơ sở; đề tài, đề án, công trình khoa học đã "
            "nghiệm thu và áp dụng tại đơn vị; giải pháp công tác được cấp có thẩm quyền công nhận") in text
    assert "nghỉ thai sản tính là thời gian công tác" in text
    assert "mức lương cơ sở có hiệu lực vào ngày quyết định khen thưởng" in text
    assert text.count("⚠ cần kiểm tra theo quy định của thành phố") == 2  # the months; the share
    assert "<b>Căn cứ:</b> Luật Thi đua, khen thưởng 06/2022/QH15 (hiệu lực 01/01/2024)" in text


def _ward(db) -> int:
    unit_id = save_unit(db, Unit(code="AHT", name="Phường An Hội Tây", kind=UnitKind.PHUONG)).id
    staff_id = add_staff(db, Staff(code="AHT01", full_name="Nguyễn Thị Lan", gender=Gender.NU,
                                   category=StaffCategory.CONG_CHUC, unit_id=unit_id, recruited_on=dt.date(2015, 1, 1)),
                         dt.date(2026, 1, 15)).id
    set_rating(db, staff_id, 2025, HeadLevel.XUAT_SAC)
    return staff_id


def test_an_achievement_is_entered_refused_deleted_and_undone_and_the_titles_follow(qtbot, db, tmp_path, answers,
                                                                                   monkeypatch):
    staff_id = _ward(db)
    page = open_page(qtbot, db, tmp_path)
    assert page.year() == 2025  # a year with ratings only is offered
    opened = []

    def fake_exec(dialog):
        opened.append(dialog)
        dialog.add()  # nobody chosen
        assert dialog.error.text() == "Chưa chọn cán bộ (chọn trong danh sách, hoặc gõ tên rồi chọn)"
        dialog.person.setEditText("Nguyễn Thị Lan (AHT01)")
        dialog.title.setText("Số hóa sổ hộ tịch")
        dialog.reference.setText("Biên bản nghiệm thu 12/BB")
        dialog.add()
        return 1

    monkeypatch.setattr(AchievementsDialog, "exec", fake_exec)
    page.achievements_button.click()
    dialog = opened[0]
    assert dialog.error.isHidden() and dialog.model.rowCount() == 1
    assert [a.title for a in list_achievements(db, 2025)] == ["Số hóa sổ hộ tịch"]
    cstdcs = page.show_list("cstdcs")
    column = cstdcs.model.column_of["initiative"]
    assert cstdcs.model.headerData(column, Qt.Orientation.Horizontal) == "Thành tích"  # "Sáng kiến" under 2018
    assert page.proposals.person(staff_id).decisions["cstdcs"].conditions[1].text == (
        "Có thành tích: đề tài, đề án, công trình khoa học “Số hóa sổ hộ tịch” đã nghiệm thu và áp dụng tại đơn vị")
    dialog.add()  # the name was cleared once saved: the domain's message
    assert dialog.error.text() == "Chưa nhập tên thành tích"
    dialog.table.selectRow(0)
    dialog.delete_selected()
    assert "Xóa “Số hóa sổ hộ tịch” của Nguyễn Thị Lan (AHT01)?" in answers.asked[-1]
    assert list_achievements(db, 2025) == []
    page.undo.undo()
    assert [a.title for a in list_achievements(db, 2025)] == ["Số hóa sổ hộ tịch"]


def test_approving_a_2024_list_freezes_the_bonus_on_the_decision_dates_base_salary(qtbot, db, tmp_path, monkeypatch):
    from models.yearend.lists import current_approval
    from models.yearend.titles import list_key
    from ui.yearend.approval_dialog import ApprovalDialog
    from ui.yearend.titles_page import TitlesPage

    from .title_fixtures import accept_with

    staff_id = _ward(db)
    set_rating(db, staff_id, 2024, HeadLevel.TOT)
    page = TitlesPage(db, tmp_path / "tdkt.sqlite3", today=dt.date(2024, 7, 15))
    qtbot.addWidget(page)
    page.show()
    page.set_year(2024)
    panel = page.show_list("ldtt")
    assert [r.amount for r in panel.rows] == [710_000]  # the draft: 15/07/2024, 2.340.000 đ

    def fill(dialog):
        dialog.number.setText("15/QĐ-UBND")
        dialog.date.setText("30/06/2024")  # still 1.800.000 đ that day
        dialog.name.setText("Nguyễn Văn Chủ")

    opened = accept_with(monkeypatch, ApprovalDialog, fill)
    panel.approve()
    assert opened[0].result_record is not None
    frozen = current_approval(db, list_key(2024, "ldtt")).printable()
    assert [e.amount for e in frozen.individuals] == [540_000]
    assert frozen.total_line == ("Tổng số: 1 cá nhân; tổng số tiền thưởng: 540.000 đồng\n"
                                 "Mức lương cơ sở 1.800.000 đồng theo Nghị định 24/2023/NĐ-CP")
