import datetime as dt
import unicodedata

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.campaigns import DEFAULT_FIELDS, Campaign, add_participant, list_campaigns, participants, save_campaign
from models.codes import InitiativeKind, TrackingState, UnitKind
from models.initiatives import Initiative, list_initiatives, save_initiative
from models.staff import list_staff
from models.units import Unit, list_units, save_unit, set_unit_active
from ui import messages
from ui.campaign_dialog import CampaignDialog
from ui.campaigns_page import CampaignsPage
from ui.initiative_dialog import InitiativeDialog
from ui.participant_dialogs import AddParticipantDialog, OwnDeadlinesDialog
from ui.tracking_table import COLOURS, INACTIVE, SOON, TrackingTableModel

from .typing import type_text

START, REGISTRATION, REPORT = dt.date(2018, 11, 2), dt.date(2018, 11, 3), dt.date(2019, 1, 27)
M = TrackingTableModel


def _accept_with(monkeypatch, dialog_class, fill):
    """The dialog opens, ``fill`` types into it, then Lưu is pressed."""
    opened = []

    def fake_exec(self):
        opened.append(self)
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened


def _units(db):
    return {u.code: u for u in list_units(db)}


@pytest.fixture
def campaign_db(sample_db):
    """The seed's campaign: P01 registers on the deadline day, P10 the day after, NV never;
    DT (Quận đoàn) takes part but is deactivated later."""
    db = sample_db
    campaign = save_campaign(db, Campaign(
        name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018, start_date=START,
        registration_deadline=REGISTRATION, report_deadline=REPORT,
    ))
    units = _units(db)
    save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units["P01"].id, kind=InitiativeKind.MO_HINH,
                                   title="Bộ phận một cửa thân thiện", registered_on=REGISTRATION), dt.date.today())
    save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units["P10"].id, kind=InitiativeKind.SANG_KIEN,
                                   title="Tra cứu hồ sơ bằng mã QR", registered_on=dt.date(2018, 11, 4)),
                    dt.date.today())
    set_unit_active(db, units["DT"].id, False)
    return db


def _page(qtbot, db, tmp_path, as_of=dt.date(2018, 11, 4)):
    page = CampaignsPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.set_as_of(as_of)
    return page


def _rows(page):
    """Every visible row by unit code: the texts of its cells."""
    model = page.model
    return {
        model.index(r, M.COL_CODE).data(): [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def _cell(page, code, column, role=Qt.ItemDataRole.DisplayRole):
    row = page.model.row_of(lambda s: s.participant.unit_code == code)
    return page.model.index(row, column).data(role)


def _colour(page, code, column=M.COL_STATE):
    brush = _cell(page, code, column, Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_states_and_days_the_day_after_the_registration_deadline(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path, dt.date(2018, 11, 4))
    rows = _rows(page)
    assert page.campaign_combo.currentText() == "2018 - Đợt thi đua cao điểm về Cải cách hành chính"
    # Registered on the deadline day: on time; the next deadline is the report's.
    assert rows["P01"][M.COL_STATE:M.COL_TITLE + 1] == [
        "Đăng ký đúng hạn", "27/01/2019", "Còn 84 ngày", "Bộ phận một cửa thân thiện"]
    assert rows["P01"][M.COL_KIND] == "Mô hình"
    assert rows["P01"][M.COL_REGISTERED] == "03/11/2018"
    # One day after the deadline: late.
    assert rows["P10"][M.COL_STATE:M.COL_DAYS + 1] == ["Đăng ký trễ hạn", "27/01/2019", "Còn 84 ngày"]
    # Not registered, the day after the deadline: overdue.
    assert rows["NV"][M.COL_STATE:M.COL_TITLE + 1] == ["Chưa đăng ký (quá hạn)", "03/11/2018", "Quá hạn 1 ngày", ""]
    assert _colour(page, "P01") == COLOURS[TrackingState.REGISTERED_ON_TIME]
    assert _colour(page, "P10") == COLOURS[TrackingState.REGISTERED_LATE]
    assert _colour(page, "NV") == COLOURS[TrackingState.REGISTRATION_OVERDUE]
    assert page.count_label.text() == "Hiển thị 4 / 4 đơn vị tham gia  ·  trạng thái tính đến ngày 04/11/2018"


def test_a_deactivated_unit_stays_in_the_table_greyed(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    assert _rows(page)["DT"][M.COL_UNIT] == "Quận đoàn (ngừng hoạt động)"
    assert _colour(page, "DT") == INACTIVE
    assert _cell(page, "DT", M.COL_UNIT, Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"
    assert _cell(page, "NV", M.COL_UNIT, Qt.ItemDataRole.ForegroundRole) is None


def test_counts_bar_shows_each_state_and_clicking_a_count_filters(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    counts = page.counts
    assert counts.chip_text(None) == "Tất cả: 4 đơn vị"
    assert counts.chip_text("overdue") == "Quá hạn: 2"
    assert counts.chip_text(TrackingState.REGISTRATION_OVERDUE) == "Chưa đăng ký (quá hạn): 2"
    assert counts.chip_text(TrackingState.REGISTERED_ON_TIME) == "Đăng ký đúng hạn: 1"
    assert counts.chip_text(TrackingState.REGISTERED_LATE) == "Đăng ký trễ hạn: 1"
    assert counts.chip_text(TrackingState.ASSESSED) == "Đã đánh giá: 0"

    qtbot.mouseClick(counts.chips[TrackingState.REGISTERED_LATE], Qt.MouseButton.LeftButton)
    assert list(_rows(page)) == ["P10"]
    assert page.state_filter.currentText() == "Đăng ký trễ hạn"
    assert counts.chips[TrackingState.REGISTERED_LATE].isChecked()

    qtbot.mouseClick(counts.chips["overdue"], Qt.MouseButton.LeftButton)
    assert sorted(_rows(page)) == ["DT", "NV"]
    assert page.state_filter.currentText() == "Quá hạn (chưa đăng ký hoặc chưa báo cáo)"

    qtbot.mouseClick(counts.chips["overdue"], Qt.MouseButton.LeftButton)  # again: everything
    assert len(_rows(page)) == 4
    assert page.state_filter.currentText() == "Tất cả trạng thái"


def test_changing_the_as_of_date_changes_the_states(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path, dt.date(2018, 11, 3))
    rows = _rows(page)
    assert rows["NV"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "03/11/2018", "Hết hạn hôm nay"]
    assert _colour(page, "NV") == SOON  # the deadline is within days: yellow
    assert rows["P10"][M.COL_STATE] == "Chưa đăng ký"  # it registered the next day
    assert page.counts.chip_text(TrackingState.NOT_REGISTERED) == "Chưa đăng ký: 3"

    page.as_of.clear()
    type_text(page.as_of, "28/1/2019")
    qtbot.keyClick(page.as_of, Qt.Key.Key_Return)
    assert page.as_of.text() == "28/01/2019"
    rows = _rows(page)
    assert rows["P01"][M.COL_STATE:M.COL_DAYS + 1] == ["Không báo cáo kết quả", "27/01/2019", "Quá hạn 1 ngày"]
    assert rows["NV"][M.COL_DAYS] == "Quá hạn 86 ngày"
    assert page.counts.chip_text("overdue") == "Quá hạn: 4"


def test_an_unreadable_as_of_date_is_explained_and_keeps_the_table(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    page.as_of.setText("31/02/2019")
    page.as_of.editingFinished.emit()
    assert page.as_of_error.text() == "Ngày 31/02/2019 không tồn tại"
    assert _rows(page)["NV"][M.COL_DAYS] == "Quá hạn 1 ngày"


def test_a_late_joiner_gets_deadlines_of_its_own(qtbot, campaign_db, tmp_path, monkeypatch):
    tp = save_unit(campaign_db, Unit(code="TP", name="Phòng Tư pháp", kind=UnitKind.CO_QUAN))
    page = _page(qtbot, campaign_db, tmp_path, dt.date(2018, 11, 10))
    shown = []

    def fill(d):
        d.unit.set_value(tp.id)
        d.joined_on.setText("10/11/2018")
        shown.append(d.deadlines.text())

    _accept_with(monkeypatch, AddParticipantDialog, fill)
    page.add_unit_action.trigger()
    assert shown == ["Tham gia sau hạn đăng ký nên đơn vị có hạn riêng: đăng ký đến 11/11/2018, "
                     "báo cáo kết quả đến 04/02/2019."]
    assert _rows(page)["TP"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "11/11/2018 (riêng)", "Còn 1 ngày"]
    assert page.selected().participant.unit_code == "TP"
    assert "Hạn riêng (tham gia từ 10/11/2018)" in _cell(page, "TP", M.COL_DEADLINE, Qt.ItemDataRole.ToolTipRole)
    page.set_as_of(dt.date(2018, 11, 12))
    assert _rows(page)["TP"][M.COL_STATE:M.COL_DAYS + 1] == [
        "Chưa đăng ký (quá hạn)", "11/11/2018 (riêng)", "Quá hạn 1 ngày"]
    assert page.undo.next_text == "Thêm đơn vị TP vào đợt thi đua"
    page.undo.undo()
    assert "TP" not in [p.unit_code for p in participants(campaign_db, list_campaigns(campaign_db)[0].id)]


def test_own_deadlines_are_set_and_checked(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)
    page.select_where(lambda s: s.participant.unit_code == "NV")
    errors = []

    def fill(d):
        d.show()
        d.registration_deadline.setText("10/11/2018")
        d.report_deadline.setText("01/11/2018")
        d.try_save()
        errors.append(d.form.error_text("report_deadline"))
        d.report_deadline.setText("15/02/2019")

    _accept_with(monkeypatch, OwnDeadlinesDialog, fill)
    page.deadlines_action.trigger()
    assert errors == ["Hạn báo cáo kết quả phải từ hạn đăng ký trở đi"]
    assert _rows(page)["NV"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "10/11/2018 (riêng)", "Còn 6 ngày"]
    page.undo.undo()
    page.reload()
    assert _rows(page)["NV"][M.COL_DEADLINE] == "03/11/2018"


def test_registering_an_initiative_from_the_row(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)
    author = [p for p in list_staff(campaign_db) if p.code == "CB03"][0]

    def fill(d):
        assert d.unit.text() == "Phòng Nội vụ (NV)"
        assert d.registered_on.text() == dt.date.today().strftime("%d/%m/%Y")
        type_text(d.title, "Phần mềm quản lý hồ sơ cán bộ")
        d.kind.setCurrentIndex(d.kind.findText("Giải pháp"))
        d.field.setCurrentIndex(d.field.findText(DEFAULT_FIELDS[0]))
        d.registered_on.setText("05/11/2018")
        d.authors.choice.set_value(author.id)
        d.authors.add_button.click()

    _accept_with(monkeypatch, InitiativeDialog, fill)
    page.select_where(lambda s: s.participant.unit_code == "NV")
    page.edit_action.trigger()
    saved = [i for i in list_initiatives(campaign_db, page.campaign().id) if i.unit_code == "NV"]
    assert [(i.title, i.kind, i.field, i.registered_on, i.author_ids) for i in saved] == [
        ("Phần mềm quản lý hồ sơ cán bộ", InitiativeKind.GIAI_PHAP, DEFAULT_FIELDS[0], dt.date(2018, 11, 5),
         (author.id,))]
    page.set_as_of(dt.date(2018, 11, 6))
    assert _rows(page)["NV"][M.COL_STATE:M.COL_KIND + 1] == [
        "Đăng ký trễ hạn", "27/01/2019", "Còn 82 ngày", "Phần mềm quản lý hồ sơ cán bộ", "Giải pháp"]
    assert page.undo.next_text == "Đăng ký mô hình của đơn vị NV"
    page.undo.undo()
    assert [i.unit_code for i in list_initiatives(campaign_db, page.campaign().id)] == ["P01", "P10"]


def test_report_date_before_registration_date_is_refused_beside_the_field(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    nv = next(p for p in participants(campaign_db, campaign.id) if p.unit_code == "NV")
    dialog = InitiativeDialog(campaign_db, campaign, participant=nv)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Số hóa hồ sơ lưu trữ")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Mô hình"))
    dialog.registered_on.setText("05/11/2018")
    dialog.reported_on.setText("01/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("reported_on") == "Ngày báo cáo kết quả phải từ ngày đăng ký (05/11/2018) trở đi"
    assert dialog.form.error_text("title") == ""
    assert dialog.isVisible()
    assert [i.unit_code for i in list_initiatives(campaign_db, campaign.id)] == ["P01", "P10"]


def test_unreadable_dates_are_shown_with_the_other_errors(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    nv = next(p for p in participants(campaign_db, campaign.id) if p.unit_code == "NV")
    dialog = InitiativeDialog(campaign_db, campaign, participant=nv)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.registered_on.setText("32/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("registered_on") == "Ngày 32/11/2018 không tồn tại"
    assert dialog.form.error_text("title") == "Chưa nhập tên mô hình, sáng kiến, giải pháp"
    assert dialog.form.error_text("kind") == "Chưa chọn loại (Mô hình, Sáng kiến, Giải pháp)"


def test_a_second_initiative_for_a_unit_is_refused_beside_the_unit(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    p01 = next(p for p in participants(campaign_db, campaign.id) if p.unit_code == "P01")
    dialog = InitiativeDialog(campaign_db, campaign, participant=p01)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Ngày thứ Bảy vì dân")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Mô hình"))
    dialog.registered_on.setText("03/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("unit_id") == (
        "Đơn vị đã đăng ký 1 mô hình, sáng kiến, giải pháp trong đợt này (tối đa 1)")
    assert [i.title for i in list_initiatives(campaign_db, campaign.id) if i.unit_code == "P01"] == [
        "Bộ phận một cửa thân thiện"]


def test_the_unit_is_chosen_among_participants_when_no_row_is_given(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    dialog = InitiativeDialog(campaign_db, campaign)
    qtbot.addWidget(dialog)
    dialog.show()
    names = [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    assert names == ["— Chọn đơn vị —", "Phòng Nội vụ (NV)", "Quận đoàn (DT)", "Ủy ban nhân dân Phường 1 (P01)",
                     "Ủy ban nhân dân Phường 10 (P10)"]
    assert not dialog.try_save()
    assert dialog.form.error_text("unit_id") == "Chưa chọn đơn vị"
    dialog.unit.setCurrentIndex(dialog.unit.findText("Ủy ban nhân dân Phường 1 (P01)"))
    staff = [dialog.authors.choice.itemText(i) for i in range(dialog.authors.choice.count())]
    assert staff == ["Nguyễn Văn Ánh", "Trần Thị Đào"]


def test_deleting_an_initiative_asks_first_and_can_be_undone(qtbot, campaign_db, tmp_path, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    page.select_where(lambda s: s.participant.unit_code == "P10")
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert answers.asked[0].startswith("Xóa “Tra cứu hồ sơ bằng mã QR” của Ủy ban nhân dân Phường 10?")
    assert len(list_initiatives(campaign_db, page.campaign().id)) == 2
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert _rows(page)["P10"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký (quá hạn)", "03/11/2018", "Quá hạn 1 ngày"]
    assert page.selected().participant.unit_code == "P10"
    page.undo.undo()
    page.reload()
    assert _rows(page)["P10"][M.COL_STATE:M.COL_TITLE + 1] == [
        "Đăng ký trễ hạn", "27/01/2019", "Còn 84 ngày", "Tra cứu hồ sơ bằng mã QR"]


def test_removing_a_unit_from_the_campaign(qtbot, campaign_db, tmp_path, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    page.select_where(lambda s: s.participant.unit_code == "P01")
    assert not page.remove_unit_action.isEnabled()  # it has registered: delete the initiative first
    page.select_where(lambda s: s.participant.unit_code == "NV")
    page.remove_unit_action.trigger()
    assert answers.asked == ["Bỏ Phòng Nội vụ (NV) khỏi đợt thi đua “Đợt thi đua cao điểm về Cải cách hành chính”?"]
    assert sorted(_rows(page)) == ["DT", "P01", "P10"]
    page.undo.undo()
    page.reload()
    assert sorted(_rows(page)) == ["DT", "NV", "P01", "P10"]


def test_search_and_unit_kind_filter(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    type_text(page.search, "ma qr")
    assert list(_rows(page)) == ["P10"]
    page.search.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Phường"))
    assert sorted(_rows(page)) == ["P01", "P10"]


def test_sorting_by_unit_name_follows_the_vietnamese_alphabet(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    page.table.sortByColumn(M.COL_UNIT, Qt.SortOrder.AscendingOrder)
    names = [page.model.index(r, M.COL_UNIT).data() for r in range(page.model.rowCount())]
    assert names == ["Phòng Nội vụ", "Quận đoàn (ngừng hoạt động)", "Ủy ban nhân dân Phường 1",
                     "Ủy ban nhân dân Phường 10"]
    page.table.sortByColumn(M.COL_DAYS, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, M.COL_DAYS).data() == "Quá hạn 1 ngày"


def test_export_writes_the_visible_rows_with_real_dates(qtbot, campaign_db, tmp_path, monkeypatch, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    path = tmp_path / "theo-doi.xlsx"
    monkeypatch.setattr(messages, "save_xlsx", lambda *a: str(path))
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Phường"))
    page.export_action.trigger()
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(c.title for c in M.columns)
    assert rows[1][:5] == ("P01", "Ủy ban nhân dân Phường 1", "Đăng ký đúng hạn", dt.datetime(2019, 1, 27),
                           "Còn 84 ngày")
    assert rows[1][M.COL_REGISTERED] == dt.datetime(2018, 11, 3)
    assert rows[2][M.COL_CODE] == "P10"
    assert len(rows) == 3
    assert answers.infos == [f"Đã xuất 2 đơn vị (tính đến 04/11/2018) ra tệp:\n{path}"]


def test_tracking_table_model_passes_qt_model_tester(qtmodeltester, qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    qtmodeltester.check(page.model)
    page.model.sort(M.COL_STATE, Qt.SortOrder.DescendingOrder)
    page.model.set_search("phuong")
    qtmodeltester.check(page.model)


# The campaign dialog.
def test_a_new_campaign_starts_with_the_default_fields_and_every_active_unit(qtbot, campaign_db):
    dialog = CampaignDialog(campaign_db, today=dt.date(2019, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.fields.values() == list(DEFAULT_FIELDS)
    assert dialog.year.value() == 2019
    units = _units(campaign_db)
    assert sorted(dialog.units.checked_ids()) == sorted(units[c].id for c in ("NV", "P01", "P10"))
    dialog.units.none_button.click()
    assert dialog.units.checked_ids() == []
    dialog.units.all_button.click()
    dialog.units.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # NV, first by code
    dialog.name.setText("Phong trào “Dân vận khéo” năm 2019")
    dialog.start_date.setText("01/03/2019")
    dialog.registration_deadline.setText("15/03/2019")
    dialog.report_deadline.setText("30/11/2019")
    dialog.fields.list.setCurrentRow(0)
    dialog.fields.remove_button.click()
    assert dialog.try_save()
    campaign = list_campaigns(campaign_db)[0]
    assert (campaign.name, campaign.year, campaign.fields) == (
        "Phong trào “Dân vận khéo” năm 2019", 2019, DEFAULT_FIELDS[1:])
    assert [p.unit_code for p in participants(campaign_db, campaign.id)] == ["P01", "P10"]


def test_campaign_deadline_before_the_start_is_refused_beside_the_field(qtbot, campaign_db):
    dialog = CampaignDialog(campaign_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Đợt thi đua chào mừng ngày Nhà giáo Việt Nam")
    dialog.start_date.setText("02/11/2018")
    dialog.registration_deadline.setText("01/11/2018")
    dialog.report_deadline.setText("27/01/2019")
    assert not dialog.try_save()
    assert dialog.form.error_text("registration_deadline") == "Hạn đăng ký phải từ ngày bắt đầu (02/11/2018) trở đi"
    assert dialog.form.error_text("name") == ""
    assert dialog.isVisible()
    assert len(list_campaigns(campaign_db)) == 1


def test_adding_and_editing_a_campaign_from_the_page(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)

    def fill(d):
        if d.campaign is None:
            d.name.setText("Đợt thi đua năm 2019")
            d.start_date.setText("01/03/2019")
            d.registration_deadline.setText("15/03/2019")
            d.report_deadline.setText("30/11/2019")
        else:
            d.max_per_unit.setValue(2)

    _accept_with(monkeypatch, CampaignDialog, fill)
    page.add_campaign_action.trigger()
    items = [page.campaign_combo.itemText(i) for i in range(page.campaign_combo.count())]
    assert items == ["2019 - Đợt thi đua năm 2019", "2018 - Đợt thi đua cao điểm về Cải cách hành chính"]
    assert page.campaign_combo.currentIndex() == 0
    assert page.counts.chip_text(None) == "Tất cả: 3 đơn vị"
    page.edit_campaign_action.trigger()
    assert "tối đa 2 mô hình" in page.info.text()
    page.undo.undo()
    assert list_campaigns(campaign_db)[0].max_per_unit == 1


def test_a_campaign_with_initiatives_cannot_be_deleted(qtbot, campaign_db, tmp_path, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    page.delete_campaign_action.trigger()
    assert answers.errors == ["Không thể xóa đợt thi đua vì đã có 2 mô hình, sáng kiến, giải pháp đăng ký"]
    assert len(list_campaigns(campaign_db)) == 1


def test_deleting_an_empty_campaign_can_be_undone_with_its_late_joiner(qtbot, sample_db, tmp_path, answers):
    campaign = save_campaign(sample_db, Campaign(name="Đợt thi đua quý IV", year=2018, start_date=START,
                                                 registration_deadline=REGISTRATION, report_deadline=REPORT),
                             [_units(sample_db)["P01"].id])
    add_participant(sample_db, campaign.id, _units(sample_db)["NV"].id, dt.date(2018, 11, 10))
    page = _page(qtbot, sample_db, tmp_path)
    page.delete_campaign_action.trigger()
    assert answers.asked == ["Xóa hẳn đợt thi đua “2018 - Đợt thi đua quý IV” cùng danh sách 2 đơn vị tham gia?"]
    assert list_campaigns(sample_db) == []
    assert "Chưa có đợt thi đua nào" in page.info.text()
    assert not page.edit_action.isEnabled()
    page.undo.undo()
    page.reload()
    restored = list_campaigns(sample_db)[0]
    assert [(p.unit_code, p.joined_on, p.own_deadlines, p.registration_deadline)
            for p in participants(sample_db, restored.id)] == [
        ("NV", dt.date(2018, 11, 10), True, dt.date(2018, 11, 11)),
        ("P01", START, False, REGISTRATION),
    ]


def test_enter_in_the_author_box_adds_the_author_without_saving(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    p01 = next(p for p in participants(campaign_db, campaign.id) if p.unit_code == "P01")
    dialog = InitiativeDialog(campaign_db, campaign, participant=p01)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.authors.choice
    combo.setEditText("Trần Thị Đào")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert [dialog.authors.list.item(i).text() for i in range(dialog.authors.list.count())] == ["Trần Thị Đào"]
    assert dialog.isVisible() and dialog.result_record is None
    assert combo.currentText() == ""
    dialog.authors.list.setCurrentRow(0)
    dialog.authors.remove_button.click()
    assert dialog.authors.author_ids() == ()


def test_f2_and_enter_on_a_row_open_the_initiative_of_that_unit(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    opened = []
    monkeypatch.setattr(InitiativeDialog, "exec", lambda d: opened.append(d) or 0)  # opened, then cancelled
    page.select_where(lambda s: s.participant.unit_code == "P10")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert [d.title.text() for d in opened] == ["Tra cứu hồ sơ bằng mã QR"]
    page.select_where(lambda s: s.participant.unit_code == "NV")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened[1].windowTitle() == "Đăng ký mô hình, sáng kiến, giải pháp"
    assert opened[1].unit.text() == "Phòng Nội vụ (NV)"


def test_cancelling_the_initiative_dialog_with_changes_asks_first(qtbot, campaign_db, answers):
    campaign = list_campaigns(campaign_db)[0]
    nv = next(p for p in participants(campaign_db, campaign.id) if p.unit_code == "NV")
    dialog = InitiativeDialog(campaign_db, campaign, participant=nv)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert answers.asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.description.setPlainText("Triển khai tại bộ phận một cửa")
    answers.confirm_answer = False
    dialog.reject()
    assert answers.asked == ["Bạn đã sửa nhưng chưa lưu. Bỏ các thay đổi này?"]
    assert dialog.isVisible()


def test_the_register_pdf_is_written_from_the_tracking_screen(qtbot, tmp_path, answers):
    import io

    from pypdf import PdfReader

    from models.db import connect
    from models.demo import create_demo_database
    from ui.register_export import save_register_pdf

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path)
    db = connect(path)
    out = tmp_path / "register.pdf"
    assert save_register_pdf(None, db, 1, out, dt.date(2019, 3, 1))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP" in unicodedata.normalize("NFC", text)
    assert "Đã lưu danh sách đăng ký" in answers.infos[0]
    db.close()
