"""The rule sets of the yearly titles, edited from the titles screen (and from "Quy định áp
dụng"): every value, the domain's message beside a field it refuses, and the titles computed
again after a change."""
from dataclasses import replace
from decimal import Decimal

from models.common.codes import Achievement, TitleCapScope, TitleJudging, TitleRank
from models.yearend.title_rules import list_title_rules, save_title_rules
from models.yearend.titles import title_proposals
from ui.yearend.title_rule_set_dialog import TitleRuleSetDialog
from ui.yearend.title_rules_dialog import TitleRulesDialog
from ui.yearend.titles_data import NOT_PROPOSED, OUT_OF_QUOTA, PROPOSED

from .title_fixtures import (  # noqa: F401  (demo_file and titles_db are fixtures)
    CSTDCS,
    LDTT,
    RANKED_UNIT,
    YEAR,
    accept_with,
    demo_file,
    details,
    open_page,
    ranked_authors,
    rows,
    select,
    status,
    titles_db,
)
from .screens import go_to, main_window

RULES_NAME = "Luật Thi đua, Khen thưởng; Nghị định 91/2017/NĐ-CP"


def _run_rules_dialog(monkeypatch, act):
    """The rules dialog opens (shown, not modal); ``act`` works in it, then it is closed."""
    opened = []

    def fake_exec(self):
        opened.append(self)
        self.show()
        act(self)
        self.accept()
        return 1

    monkeypatch.setattr(TitleRulesDialog, "exec", fake_exec)
    return opened


def _newcomer(db):
    """The person recruited on 01/03/2018: exactly 10 months on 31/12/2018."""
    return next(p.full_name for p in title_proposals(db, YEAR).people
                if p.recruited_on and p.recruited_on.isoformat() == "2018-03-01")


def test_the_dialog_lists_the_rule_sets_and_every_value(qtbot, titles_db, tmp_path, monkeypatch):
    page = open_page(qtbot, titles_db, tmp_path)
    opened = _run_rules_dialog(monkeypatch, lambda d: None)
    page.rules_button.click()
    dialog = opened[0]
    assert dialog.model.rowCount() == 3  # the 2018 regime, then the 2022 law's sets of 2024 and 2025
    assert [dialog.model.index(i, 0).data() for i in range(3)] == ["2017 - 2023", "2024", "Từ 2025"]
    assert dialog.model.index(0, 3).data() == "LĐTT 0,3 · CSTĐCS 1 · TTLĐTT 0,8 · TTLĐXS 1,5"
    text = dialog.details.text()
    assert f"<b>{RULES_NAME}</b> — áp dụng từ năm 2017 đến hết năm 2023" in text
    assert "<b>Căn cứ:</b> Luật Thi đua, Khen thưởng 2003 (sửa đổi, bổ sung 2013); Nghị định 91/2017/NĐ-CP" in text
    assert "công tác từ 10 tháng; không bị kỷ luật từ mức Khiển trách" in text
    assert ("tối đa 15% số người đạt Lao động tiên tiến (từng đơn vị, làm tròn xuống); khi vượt, xếp theo số quý "
            "Hoàn thành xuất sắc nhiệm vụ, rồi thứ tự ưu tiên của Hội đồng, rồi tên") in text
    assert not dialog.modified


def test_editing_the_months_changes_the_proposals_and_ctrl_z_puts_them_back(qtbot, titles_db, tmp_path, monkeypatch):
    newcomer = _newcomer(titles_db)
    original = list_title_rules(titles_db)[0]
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    assert status(panel, newcomer) == PROPOSED
    before = len(title_proposals(titles_db, YEAR).proposed(LDTT))
    edits = accept_with(monkeypatch, TitleRuleSetDialog, lambda d: d.min_months.setValue(12))
    _run_rules_dialog(monkeypatch, lambda d: d.edit_button.click())
    page.rules_button.click()
    dialog = edits[0]
    assert dialog.windowTitle() == "Sửa quy định xét danh hiệu"
    assert (dialog.name.text(), dialog.cap_percent.text(), dialog.bonus[LDTT].text()) == (RULES_NAME, "15", "0,3")
    assert [c.value() for c in dialog.ranks] == [TitleRank.EXCELLENT_QUARTERS, TitleRank.COUNCIL_ORDER, None]
    assert list_title_rules(titles_db)[0] == replace(original, min_months=12)  # every other value as it was
    assert status(panel, newcomer) == NOT_PROPOSED
    select(panel, newcomer)
    assert "✘ Chưa đủ 12 tháng công tác (tuyển dụng 01/03/2018)" in details(panel)
    assert len(title_proposals(titles_db, YEAR).proposed(LDTT)) < before
    assert page.undo.next_text == f"Sửa quy định xét danh hiệu {RULES_NAME}"
    page.undo.undo()
    page.reload()
    assert list_title_rules(titles_db)[0] == original
    assert status(panel, newcomer) == PROPOSED


def test_invalid_values_show_each_fields_message_and_write_nothing(qtbot, titles_db, tmp_path, monkeypatch):
    stored = list_title_rules(titles_db)
    page = open_page(qtbot, titles_db, tmp_path)

    def fill(dialog):
        dialog.name.setText("  ")
        dialog.cap_percent.setText("150")
        dialog.xs_ldtt_percent.setText("bảy mươi")
        dialog.bonus[LDTT].setText("-1")
        dialog.ranks[1].set_value(TitleRank.EXCELLENT_QUARTERS)

    edits = accept_with(monkeypatch, TitleRuleSetDialog, fill)
    closed = _run_rules_dialog(monkeypatch, lambda d: d.edit_button.click())
    page.rules_button.click()
    form = edits[0].form
    assert form.error_text("name") == "Chưa nhập tên quy định"
    assert form.error_text("cstdcs_cap_percent") == "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở phải là số từ 0 đến 100 (%)"
    assert form.error_text("ttldxs_ldtt_percent") == (
        "Tỷ lệ Lao động tiên tiến của Tập thể lao động xuất sắc phải là số từ 0 đến 100 (%)")
    assert form.error_text("bonus") == "Mức thưởng Lao động tiên tiến phải là số lần lương cơ sở, từ 0 đến 100"
    assert form.error_text("ranking") == "Mỗi tiêu chí xếp hạng chỉ chọn một lần"
    assert form.error_text("min_months") == ""
    assert edits[0].isVisible()  # what was typed stays for the user to correct
    assert list_title_rules(titles_db) == stored
    assert not closed[0].modified and page.undo.next_text == ""


def test_a_new_rule_set_starts_as_a_copy_and_needs_a_year_of_its_own(qtbot, titles_db, tmp_path, monkeypatch):
    page = open_page(qtbot, titles_db, tmp_path)

    def fill(dialog):
        dialog.name.setText("Quy định thử năm 2017")
        dialog.from_year.setValue(2017)

    edits = accept_with(monkeypatch, TitleRuleSetDialog, fill)
    _run_rules_dialog(monkeypatch, lambda d: d.add_button.click())
    page.rules_button.click()
    dialog = edits[0]
    assert dialog.windowTitle() == "Thêm quy định xét danh hiệu"
    assert dialog.cap_percent.text() == "15" and dialog.min_months.value() == 10  # copied from the latest set
    latest = list_title_rules(titles_db)[-1]
    assert dialog.copied.text() == (
        f"⚠ Các giá trị được chép từ quy định mới nhất “{latest.name}” (áp dụng từ năm {latest.from_year}), không "
        "phải từ quy định đang áp dụng cho năm 2017: hãy kiểm tra từng giá trị theo văn bản của năm đó.")
    dialog.from_year.setValue(latest.from_year + 1)
    assert dialog.copied.text() == (f"Các giá trị được chép từ quy định mới nhất “{latest.name}” (áp dụng từ năm "
                                    f"{latest.from_year}): chỉ cần sửa những điều văn bản mới thay đổi.")
    assert dialog.form.error_text("from_year") == "Đã có quy định xét danh hiệu áp dụng từ năm 2017"
    assert len(list_title_rules(titles_db)) == 3


def test_a_later_rule_set_with_a_wider_cap_lets_the_second_author_in_and_can_be_deleted(
        qtbot, titles_db, tmp_path, monkeypatch, answers):
    first, second, third = ranked_authors(titles_db)
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)

    def fill(dialog):
        dialog.name.setText("Quy định năm 2018 (tỷ lệ 20%)")
        dialog.from_year.setValue(2018)
        dialog.cap_percent.setText("20")
        dialog.cap_scope.set_value(TitleCapScope.PER_UNIT)
        # A copy of the latest set (2025) reads the year-end rating: 2018 reads the quarters, ranks by
        # the excellent quarters, and asks for one initiative.
        dialog.judging.set_value(TitleJudging.QUARTERS)
        for combo, criterion in zip(dialog.ranks, (TitleRank.EXCELLENT_QUARTERS, TitleRank.COUNCIL_ORDER, None)):
            combo.set_value(criterion)
        for achievement, box in dialog.achievements.items():
            box.setChecked(achievement == Achievement.SANG_KIEN)

    accept_with(monkeypatch, TitleRuleSetDialog, fill)
    opened = _run_rules_dialog(monkeypatch, lambda d: d.add_button.click())
    page.rules_button.click()
    assert [(r.from_year, r.cstdcs_cap_percent) for r in list_title_rules(titles_db)] == [
        (2017, Decimal(15)), (2018, Decimal(20)), (2024, Decimal(15)), (2025, Decimal(15))]
    assert opened[0].model.index(0, 0).data() == "2017" and opened[0].model.index(1, 0).data() == "2018 - 2023"
    assert [status(panel, n) for n in (first, second, third)] == [PROPOSED, PROPOSED, OUT_OF_QUOTA]
    assert page.info.text().startswith("Quy định: Quy định năm 2018 (tỷ lệ 20%) (áp dụng từ năm 2018)")
    combo = page.panels[CSTDCS].cap_view.group_combo
    assert combo.currentText() == f"{RANKED_UNIT}: 3 người, chỉ tiêu 2 — phải xếp hạng"

    answers.confirm_answer = True
    _run_rules_dialog(monkeypatch, lambda d: (d.select(list_title_rules(titles_db)[1].id), d.delete_button.click()))
    page.rules_button.click()
    assert "Xóa quy định “Quy định năm 2018 (tỷ lệ 20%)” (áp dụng từ năm 2018)?" in answers.asked[-1]
    assert [r.from_year for r in list_title_rules(titles_db)] == [2017, 2024, 2025]
    assert [status(panel, n) for n in (first, second)] == [PROPOSED, OUT_OF_QUOTA]
    page.undo.undo()  # the deleted set comes back
    assert [r.name for r in list_title_rules(titles_db)][1] == "Quy định năm 2018 (tỷ lệ 20%)"


def test_the_rules_screen_opens_the_same_dialog_and_the_titles_screen_follows(qtbot, titles_db, tmp_path,
                                                                            monkeypatch):
    newcomer = _newcomer(titles_db)
    window = main_window(qtbot, titles_db, tmp_path)
    page = go_to(window, "Danh hiệu cuối năm")
    assert status(page.panels[LDTT], newcomer) == PROPOSED
    rules = go_to(window, "Quy định áp dụng")
    accept_with(monkeypatch, TitleRuleSetDialog, lambda d: d.min_months.setValue(11))
    # Opened from the rules screen, the dialog selects the newest set: choose the one of 2018.
    _run_rules_dialog(monkeypatch, lambda d: (d.select(list_title_rules(titles_db)[0].id), d.edit_button.click()))
    rules.title_rules_action.trigger()
    assert list_title_rules(titles_db)[0].min_months == 11
    go_to(window, "Danh hiệu cuối năm")
    assert status(page.panels[LDTT], newcomer) == NOT_PROPOSED
    assert window.undo_action.text() == f"Hoàn tác: Sửa quy định xét danh hiệu {RULES_NAME}"
    window.undo_last()
    assert status(page.panels[LDTT], newcomer) == PROPOSED


def test_a_rule_set_without_the_councils_order_disables_moving(qtbot, titles_db, tmp_path):
    rules = list_title_rules(titles_db)[0]
    save_title_rules(titles_db, replace(rules, ranking=(TitleRank.EXCELLENT_QUARTERS,)))
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(CSTDCS)
    select(panel, ranked_authors(titles_db)[1])
    view = panel.cap_view
    assert not view.up_button.isEnabled() and not view.down_button.isEnabled()
    assert view.hint.text() == "Quy định đang áp dụng không xếp hạng theo thứ tự ưu tiên của Hội đồng."


def test_a_district_wide_cap_shows_one_group_for_the_district(qtbot, titles_db, tmp_path, monkeypatch):
    authors = ranked_authors(titles_db)
    page = open_page(qtbot, titles_db, tmp_path)
    accept_with(monkeypatch, TitleRuleSetDialog, lambda d: d.cap_scope.set_value(TitleCapScope.DISTRICT))
    _run_rules_dialog(monkeypatch, lambda d: d.edit_button.click())
    page.rules_button.click()
    proposals = title_proposals(titles_db, YEAR)
    (group,) = proposals.cap_groups
    earned = len(proposals.proposed(LDTT))
    view = page.show_list(CSTDCS).cap_view
    assert [view.group_combo.itemText(i) for i in range(view.group_combo.count())] == [
        f"Toàn quận: {len(group.ranked)} người, chỉ tiêu {earned * 15 // 100}"]
    assert view.summary.text().startswith(f"Chỉ tiêu {earned * 15 // 100} = 15% của {earned} người đạt Lao động tiên "
                                          "tiến (chung tất cả đơn vị, làm tròn xuống).")
    assert all(status(page.panels[CSTDCS], n) == PROPOSED for n in authors)  # far under the district's quota


def test_highest_bonus_only_is_a_setting_of_the_rule_set_citing_its_article(qtbot, titles_db, tmp_path, monkeypatch):
    first = ranked_authors(titles_db)[0]  # Chiến sĩ thi đua cơ sở, so also Lao động tiên tiến
    page = open_page(qtbot, titles_db, tmp_path)
    panel = page.show_list(LDTT)
    assert rows(panel)[first].amount == 0 and rows(panel)[first].text.endswith(
        "(nhận tiền thưởng Chiến sĩ thi đua cơ sở)")
    seen = []

    def fill(dialog):
        box = dialog.highest_bonus
        seen.append((box.isChecked(), box.text(), dialog.form.right.layout_.labelForField(box.parentWidget()).text(), box.toolTip()))
        box.setChecked(False)

    accept_with(monkeypatch, TitleRuleSetDialog, fill)
    opened = _run_rules_dialog(monkeypatch, lambda d: d.edit_button.click())
    page.rules_button.click()
    ((checked, text, caption, tip),) = seen
    assert (checked, text, caption) == (True, "chỉ nhận mức tiền thưởng cao nhất", "Đạt nhiều danh hiệu:")
    assert "Nghị định 91/2017/NĐ-CP, Điều 66 khoản 2 điểm c" in tip and "cần kiểm tra lại văn bản gốc" in tip
    assert list_title_rules(titles_db)[0].highest_bonus_only is False
    assert "đạt hai danh hiệu (cá nhân, tập thể) nhận tiền thưởng của cả hai." in opened[0].details.text()
    assert (rows(panel)[first].amount, rows(panel)[first].text) == (
        420_000, "Hoàn thành tốt nhiệm vụ trở lên 3/3 quý được xếp loại năm 2018")
    page.undo.undo()
    page.reload()
    assert list_title_rules(titles_db)[0].highest_bonus_only is True and rows(panel)[first].amount == 0
