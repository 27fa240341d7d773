"""The campaign tracking screen: states, deadlines and colours, counts and filters, participants, sorting, export."""
import datetime as dt
import unicodedata

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.campaigns.campaigns import list_campaigns, participants
from models.common.codes import TrackingState, UnitKind
from models.people.units import Unit, save_unit
from ui.kit import messages
from ui.campaigns.campaigns_page import CampaignsPage
from ui.campaigns.participant_dialogs import AddParticipantDialog, OwnDeadlinesDialog
from ui.campaigns.tracking_table import COLOURS, INACTIVE, SOON

from .campaign_fixtures import M, _accept_with, _page, _rows, campaign_db  # noqa: F401  (campaign_db is a fixture)
from .typing import type_text


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
        "Đăng ký đúng hạn", "chậm nhất ngày 27/01/2019", "Còn 84 ngày", "Bộ phận một cửa thân thiện"]
    assert rows["P01"][M.COL_KIND] == "Mô hình"
    assert rows["P01"][M.COL_REGISTERED] == "03/11/2018"
    # One day after the deadline: late.
    assert rows["P10"][M.COL_STATE:M.COL_DAYS + 1] == ["Đăng ký trễ hạn", "chậm nhất ngày 27/01/2019", "Còn 84 ngày"]
    # Not registered, the day after the deadline: overdue.
    assert rows["NV"][M.COL_STATE:M.COL_TITLE + 1] == ["Chưa đăng ký (quá hạn)", "chậm nhất ngày 03/11/2018", "Quá hạn 1 ngày", ""]
    assert _colour(page, "P01") == COLOURS[TrackingState.REGISTERED_ON_TIME]
    assert _colour(page, "P10") == COLOURS[TrackingState.REGISTERED_LATE]
    assert _colour(page, "NV") == COLOURS[TrackingState.REGISTRATION_OVERDUE]
    assert page.count_label.text() == "Hiển thị 4 / 4 đơn vị tham gia  ·  trạng thái tính đến ngày 04/11/2018"


def test_a_deactivated_unit_stays_in_the_table_greyed(qtbot, campaign_db, tmp_path):
    page = _page(qtbot, campaign_db, tmp_path)
    assert _rows(page)["DT"][M.COL_UNIT] == "Quận đoàn (ngừng hoạt động)"
    assert _colour(page, "DT") == INACTIVE
    assert _cell(page, "DT", M.COL_UNIT, Qt.ItemDataRole.ForegroundRole).name() == "#8a8a8a"
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
    assert rows["NV"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "chậm nhất ngày 03/11/2018", "Hết hạn hôm nay"]
    assert _colour(page, "NV") == SOON  # the deadline is within days: yellow
    assert rows["P10"][M.COL_STATE] == "Chưa đăng ký"  # it registered the next day
    assert page.counts.chip_text(TrackingState.NOT_REGISTERED) == "Chưa đăng ký: 3"

    page.as_of.clear()
    type_text(page.as_of, "28/1/2019")
    qtbot.keyClick(page.as_of, Qt.Key.Key_Return)
    assert page.as_of.text() == "28/01/2019"
    rows = _rows(page)
    assert rows["P01"][M.COL_STATE:M.COL_DAYS + 1] == ["Không báo cáo kết quả", "chậm nhất ngày 27/01/2019", "Quá hạn 1 ngày"]
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
    assert shown == ["Tham gia sau hạn đăng ký nên đơn vị có hạn riêng: đăng ký chậm nhất ngày 11/11/2018, "
                     "báo cáo kết quả chậm nhất ngày 04/02/2019."]
    assert _rows(page)["TP"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "chậm nhất ngày 11/11/2018 (riêng)", "Còn 1 ngày"]
    assert page.selected().participant.unit_code == "TP"
    assert "Hạn riêng (tham gia từ 10/11/2018)" in _cell(page, "TP", M.COL_DEADLINE, Qt.ItemDataRole.ToolTipRole)
    page.set_as_of(dt.date(2018, 11, 12))
    assert _rows(page)["TP"][M.COL_STATE:M.COL_DAYS + 1] == [
        "Chưa đăng ký (quá hạn)", "chậm nhất ngày 11/11/2018 (riêng)", "Quá hạn 1 ngày"]
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
    assert _rows(page)["NV"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký", "chậm nhất ngày 10/11/2018 (riêng)", "Còn 6 ngày"]
    page.undo.undo()
    page.reload()
    assert _rows(page)["NV"][M.COL_DEADLINE] == "chậm nhất ngày 03/11/2018"


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


def test_the_register_pdf_is_written_from_the_tracking_screen(qtbot, tmp_path, answers):
    import io

    from pypdf import PdfReader

    from models.store.db import connect
    from models.demo.sample import create_demo_database
    from ui.campaigns.register_export import save_register_pdf

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path)
    db = connect(path)
    out = tmp_path / "register.pdf"
    assert save_register_pdf(None, db, 1, out, dt.date(2019, 3, 1))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP" in unicodedata.normalize("NFC", text)
    assert "Đã lưu danh sách đăng ký" in answers.infos[0]
    db.close()


def test_an_old_campaign_opens_on_its_own_final_day_not_today(qtbot, tmp_path):
    """Issue 18: the demo's 2018 campaign opened years later said "Quá hạn 2955 ngày"."""
    from models.demo.sample import create_demo_database
    from models.store.db import connect

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path)
    db = connect(path)
    page = CampaignsPage(db, path)
    qtbot.addWidget(page)
    page.show()
    assert page.campaign_combo.currentText().startswith("2018 - ")
    assert page.as_of.text() == "28/01/2019"  # the day after the report deadline
    assert page.as_of_note.isVisible()
    assert page.as_of_note.text() == "(ngày tính theo thời gian của đợt thi đua)"
    days = {page.model.index(r, M.COL_DAYS).data() for r in range(page.model.rowCount())}
    # Never registered: overdue from 03/11/2018 to 28/01/2019; never reported: by one day.
    assert days == {"", "Quá hạn 1 ngày", "Quá hạn 86 ngày"}
    assert "trạng thái tính đến ngày 28/01/2019" in page.count_label.text()
    page.set_as_of(dt.date.today())  # a day typed by the user: the note goes, the day stays on F5
    assert not page.as_of_note.isVisible()
    page.refresh_today()
    assert page.as_of.text() == dt.date.today().strftime("%d/%m/%Y")
    page.set_as_of(dt.date(2019, 1, 28))  # back at the default: the note again
    assert page.as_of_note.isVisible()
    db.close()
