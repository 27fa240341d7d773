import datetime as dt

from models.yearend.lists import STAFF, UNIT
from models.common.codes import ReviewReason
from models.yearend.review import review_settings
from models.people.staff import list_staff
from models.people.units import list_units
from ui.main_window import AREAS, MainWindow
from ui.yearend.list_data import ADDED, REMOVED
from ui.yearend.review_data import IN_LIST, NOT_IN
from ui.yearend.review_dialogs import AddEntryDialog, RemoveEntryDialog, ReviewSettingsDialog

from .review_fixtures import (  # noqa: F401  (review_db is a fixture)
    AS_OF,
    COMMENDATION,
    CRITICISM,
    REPORT,
    accept_with,
    adjusted,
    open_page,
    review_db,
    rows,
    select,
    why,
)


def _unit_id(db, code):
    return next(u.id for u in list_units(db) if u.code == code)


def test_the_area_comes_right_after_the_quarter_review(qtbot, sample_db, tmp_path):
    titles = [title for title, _factory, _excel in AREAS]
    assert titles.index("Tổng kết thi đua") == titles.index("Tổng hợp quý") + 1
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(titles.index("Tổng kết thi đua"))
    page = window.page(titles.index("Tổng kết thi đua"))
    assert page.info.text() == "Chưa có đợt thi đua nào. Tạo đợt ở màn hình “Phong trào thi đua”."
    assert not page.panel.add_action.isEnabled()


def test_every_unit_is_listed_with_its_reasons_for_criticism(qtbot, review_db, tmp_path):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    assert page.as_of.text() == "01/03/2019"
    assert rows(panel) == {
        "Phòng Nội vụ": (IN_LIST, "Không đăng ký mô hình, sáng kiến, giải pháp"),
        "Quận đoàn": (IN_LIST, "Thực hiện không hiệu quả"),
        "Ủy ban nhân dân Phường 1": (NOT_IN, ""),
        "Ủy ban nhân dân Phường 10": (IN_LIST, "Đăng ký trễ hạn"),
    }
    assert panel.count_label.text() == "Trong danh sách: 3 tập thể  ·  Hiển thị 4 / 4 mục"
    assert page.tabs.tabText(0) == "Danh sách &phê bình (3)"


def test_the_commendation_tab_lists_collectives_and_the_campaigns_authors(qtbot, review_db, tmp_path):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.show_list(COMMENDATION)
    shown = rows(panel)
    assert shown["Ủy ban nhân dân Phường 1"] == (
        IN_LIST, "Mô hình “Bộ phận một cửa thân thiện” được Hội đồng đánh giá Tiêu biểu xuất sắc")
    assert shown["Nguyễn Văn Ánh"] == (
        IN_LIST, "Tác giả chủ trì (đóng góp 70%), mô hình được Hội đồng đánh giá Tiêu biểu xuất sắc")
    assert shown["Trần Thị Đào"] == (
        IN_LIST, "Tác giả tham gia (đóng góp 30%), mô hình được Hội đồng đánh giá Tiêu biểu xuất sắc")
    assert shown["Đỗ Minh Đức"] == (NOT_IN, "")  # "Hiệu quả", and Phường 10 is criticised
    assert "Lê Văn Dũng" not in shown  # excellent in Q4 but authored nothing: not the source any more
    model = panel.model
    row = model.row_of(lambda r: r.name == "Nguyễn Văn Ánh")
    assert model.index(row, model.COL_INITIATIVE).data() == "Mô hình “Bộ phận một cửa thân thiện”"
    assert panel.table.horizontalHeader().visualIndex(model.COL_INITIATIVE) == model.COL_WHERE + 1
    assert panel.count_label.text() == "Trong danh sách: 1 tập thể, 2 cá nhân  ·  Hiển thị 7 / 7 mục"
    panel.in_list_only.setChecked(True)
    assert set(rows(panel)) == {"Ủy ban nhân dân Phường 1", "Nguyễn Văn Ánh", "Trần Thị Đào"}
    panel.in_list_only.setChecked(False)
    panel.subject_filter.set_value(STAFF)
    assert set(rows(panel)) == {"Nguyễn Văn Ánh", "Trần Thị Đào", "Đỗ Minh Đức"}


def test_selecting_a_row_shows_why_it_is_or_is_not_on_the_list(qtbot, review_db, tmp_path):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    select(panel, "Ủy ban nhân dân Phường 10")
    assert "Bị đề nghị phê bình: Đăng ký trễ hạn (đăng ký ngày 04/11/2018, hạn chậm nhất ngày 03/11/2018)." in why(panel)
    select(panel, "Quận đoàn")  # reported on the deadline day: on time, but ineffective
    assert "Thực hiện không hiệu quả (Hội đồng đánh giá Không hiệu quả)" in why(panel)
    assert "Báo cáo kết quả trễ hạn" not in why(panel)
    panel = page.show_list(COMMENDATION)
    select(panel, "Đỗ Minh Đức")
    assert ("Không đủ điều kiện nêu gương: là tác giả (chủ trì) sáng kiến “Tra cứu hồ sơ bằng mã QR” được đánh giá "
            "Hiệu quả (cần Tiêu biểu xuất sắc).") in why(panel)


def test_search_ignores_case_and_diacritics(qtbot, review_db, tmp_path):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    panel.search.setText("noi vu")
    assert set(rows(panel)) == {"Phòng Nội vụ"}
    panel.search.setText("TRE HAN")  # the reasons are searched too
    assert set(rows(panel)) == {"Ủy ban nhân dân Phường 10"}


def test_the_day_defaults_to_after_the_report_deadline_until_it_has_passed(qtbot, review_db, tmp_path):
    early = open_page(qtbot, review_db, tmp_path, today=dt.date(2018, 12, 10))
    assert early.as_of.text() == "28/01/2019"
    assert "Mặc định" in early.as_of.toolTip()
    late = open_page(qtbot, review_db, tmp_path, today=dt.date(2019, 2, 5))
    assert late.as_of.text() == "05/02/2019"
    late.set_as_of(dt.date(2018, 11, 3))  # nothing is late on the registration deadline day
    assert rows(late.panels[CRITICISM])["Phòng Nội vụ"] == (NOT_IN, "")
    late.as_of.setText("31/02/2019")
    late.as_of_changed()
    assert late.as_of_error.isVisible() and late.as_of_error.text()
    assert rows(late.panels[CRITICISM])["Phòng Nội vụ"] == (NOT_IN, "")  # the last good day stays


def test_adding_a_unit_records_the_adjustment_and_ctrl_z_cancels_it(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]

    def fill(dialog):
        dialog.picker.search.setText("p01 phuong")
        dialog.picker.table.selectRow(0)
        dialog.text.setText("Không triển khai kế hoạch tuyên truyền")
        dialog.reason.setText("Theo kết luận kiểm tra ngày 15/01/2019")

    accept_with(monkeypatch, AddEntryDialog, fill)
    panel.add_action.trigger()
    p01 = _unit_id(review_db, "P01")
    assert adjusted(review_db) == [("add", UNIT, p01, "Không triển khai kế hoạch tuyên truyền",
                                    "Theo kết luận kiểm tra ngày 15/01/2019")]
    assert rows(panel)["Ủy ban nhân dân Phường 1"] == (ADDED, "Không triển khai kế hoạch tuyên truyền")
    assert panel.selected().name == "Ủy ban nhân dân Phường 1"
    assert "Được thêm vào danh sách (điều chỉnh): Theo kết luận kiểm tra ngày 15/01/2019." in why(panel)
    assert page.undo.next_text == "Thêm Ủy ban nhân dân Phường 1 vào danh sách phê bình"
    page.undo.undo()
    panel.reload()
    assert adjusted(review_db) == []
    assert rows(panel)["Ủy ban nhân dân Phường 1"] == (NOT_IN, "")


def test_adding_needs_a_subject_a_text_and_a_reason(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    opened = accept_with(monkeypatch, AddEntryDialog, lambda d: d.picker.search.setText("khong co ai"))
    page.panels[CRITICISM].add_action.trigger()
    form = opened[0].form
    assert form.error_text("subject") == "Chưa chọn tập thể cần thêm"  # the criticism list takes collectives only
    assert form.error_text("text") == "Nội dung in trong danh sách (thành tích hoặc lý do) không được để trống"
    assert form.error_text("reason") == "Lý do thêm vào danh sách không được để trống"
    assert adjusted(review_db) == []


def test_a_person_outside_the_review_can_be_added_to_the_commendation(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.show_list(COMMENDATION)

    def fill(dialog):
        dialog.picker.search.setText("do minh duc")  # never classified in 2018
        dialog.picker.table.selectRow(0)
        dialog.text.setText("Cứu người trong vụ cháy")
        dialog.reason.setText("Đề nghị của UBND Phường 10")

    accept_with(monkeypatch, AddEntryDialog, fill)
    panel.add_action.trigger()
    duc = next(p.id for p in list_staff(review_db) if p.code == "CB05")
    assert adjusted(review_db, COMMENDATION) == [("add", STAFF, duc, "Cứu người trong vụ cháy",
                                                  "Đề nghị của UBND Phường 10")]
    assert rows(panel)["Đỗ Minh Đức"] == (ADDED, "Cứu người trong vụ cháy")


def test_a_removal_without_a_reason_writes_nothing_and_says_why(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    select(panel, "Phòng Nội vụ")
    opened = accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("   "))
    panel.remove_action.trigger()
    assert opened[0].form.error_text("reason") == "Lý do loại khỏi danh sách không được để trống"
    assert adjusted(review_db) == []
    assert rows(panel)["Phòng Nội vụ"][0] == IN_LIST

    accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("Đã đăng ký bằng văn bản giấy"))
    panel.remove_action.trigger()
    nv = _unit_id(review_db, "NV")
    assert adjusted(review_db) == [("remove", UNIT, nv, "", "Đã đăng ký bằng văn bản giấy")]
    assert rows(panel)["Phòng Nội vụ"] == (REMOVED, "")
    assert "Đã bị loại khỏi danh sách (điều chỉnh): Đã đăng ký bằng văn bản giấy." in why(panel)
    assert "Theo quy định: Bị đề nghị phê bình: Không đăng ký" in why(panel)
    assert panel.count_label.text().startswith("Trong danh sách: 2 tập thể (điều chỉnh: thêm 0, loại 1)")


def test_cancelling_an_adjustment_can_be_undone(qtbot, review_db, tmp_path, monkeypatch, answers):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    select(panel, "Phòng Nội vụ")
    accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("Đã đăng ký bằng văn bản giấy"))
    panel.remove_action.trigger()
    assert panel.cancel_action.isEnabled()
    panel.cancel_action.trigger()
    assert "Hủy điều chỉnh “Loại khỏi danh sách” của Phòng Nội vụ (NV)?" in answers.asked[-1]
    assert adjusted(review_db) == []
    assert rows(panel)["Phòng Nội vụ"][0] == IN_LIST
    page.undo.undo()
    panel.reload()
    assert adjusted(review_db) == [("remove", UNIT, _unit_id(review_db, "NV"), "", "Đã đăng ký bằng văn bản giấy")]
    assert rows(panel)["Phòng Nội vụ"][0] == REMOVED


def test_switching_a_reason_off_changes_both_lists_and_can_be_undone(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)

    def fill(dialog):
        dialog.reasons[ReviewReason.REGISTERED_LATE].setChecked(False)
        dialog.include_effective.setChecked(True)

    accept_with(monkeypatch, ReviewSettingsDialog, fill)
    page.settings_button.click()
    settings = review_settings(review_db, review_db.campaign_id)
    assert settings.disabled_reasons == {ReviewReason.REGISTERED_LATE} and settings.include_effective
    assert rows(page.panels[CRITICISM])["Ủy ban nhân dân Phường 10"] == (NOT_IN, "")
    assert "không xét: Đăng ký trễ hạn" in page.info.text()
    assert ("cá nhân: tác giả mô hình Tiêu biểu xuất sắc hoặc Hiệu quả, các quý của đợt từ hoàn thành tốt nhiệm vụ "
            "trở lên") in page.info.text()
    # Phường 10 no longer criticised, its "Hiệu quả" initiative now counts: its author is proposed.
    assert rows(page.panels[COMMENDATION])["Đỗ Minh Đức"][0] == IN_LIST
    page.undo.undo()
    page.reload()
    assert rows(page.panels[CRITICISM])["Ủy ban nhân dân Phường 10"][0] == IN_LIST
    assert rows(page.panels[COMMENDATION])["Đỗ Minh Đức"][0] == NOT_IN


def test_the_report_deadline_day_is_on_time(qtbot, review_db, tmp_path):
    page = open_page(qtbot, review_db, tmp_path)
    page.set_as_of(REPORT)
    panel = page.panels[CRITICISM]
    assert rows(panel)["Quận đoàn"] == (IN_LIST, "Thực hiện không hiệu quả")
    assert AS_OF > REPORT


def test_ctrl_z_in_the_main_window_takes_back_an_adjustment(qtbot, review_db, tmp_path, monkeypatch):
    window = MainWindow(review_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    titles = [title for title, _factory, _excel in AREAS]
    window.nav.setCurrentRow(titles.index("Tổng kết thi đua"))
    page = window.page(titles.index("Tổng kết thi đua"))
    page.set_as_of(AS_OF)
    panel = page.panels[CRITICISM]
    select(panel, "Quận đoàn")
    accept_with(monkeypatch, RemoveEntryDialog, lambda d: d.reason.setText("Đã khắc phục"))
    panel.remove_action.trigger()
    assert window.undo_action.text() == "Hoàn tác: Loại Quận đoàn khỏi danh sách phê bình"
    window.undo_last()
    assert adjusted(review_db) == []
    assert rows(panel)["Quận đoàn"][0] == IN_LIST
