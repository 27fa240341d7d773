import datetime as dt

from PySide6.QtCore import Qt

from models.campaigns.campaigns import Campaign, save_campaign
from models.common.codes import HeadLevel
from models.people.heads import HeadEvaluation, save_evaluation
from models.people.units import list_units
from ui.app import save_screenshots
from ui.main_window import MainWindow
from ui.campaigns.tracking_table import INACTIVE, TrackingTableModel


def _window(qtbot, db, tmp_path):
    save_campaign(db, Campaign(name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018,
                               start_date=dt.date(2018, 11, 2), registration_deadline=dt.date(2018, 11, 3),
                               report_deadline=dt.date(2019, 1, 27)))
    window = MainWindow(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()  # screens load their data when shown
    return window


def test_ctrl_3_and_ctrl_4_open_the_campaign_and_heads_screens(qtbot, sample_db, tmp_path):
    window = _window(qtbot, sample_db, tmp_path)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.campaigns_page
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.heads_page
    data_menu = [a.text() for a in window.menuBar().actions()[2].menu().actions() if a.text()]
    assert not any(t.startswith(("Phong trào", "Người đứng đầu")) for t in data_menu)


def test_deactivating_a_unit_greys_it_on_the_campaign_screen(qtbot, sample_db, tmp_path, answers):
    window = _window(qtbot, sample_db, tmp_path)
    units = window.units_page
    units.select_where(lambda u: u.code == "NV")
    units.toggle_action.trigger()
    window.nav.setCurrentRow(2)  # the user goes to the campaign screen
    page = window.campaigns_page
    row = page.model.row_of(lambda s: s.participant.unit_code == "NV")
    index = page.model.index(row, TrackingTableModel.COL_UNIT)
    assert index.data() == "Phòng Nội vụ (ngừng hoạt động)"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == INACTIVE
    window.nav.setCurrentRow(3)
    assert "NV" not in [window.heads_page.model.record(r).unit.code for r in range(window.heads_page.model.rowCount())]


def test_undo_from_the_menu_reaches_the_heads_screen(qtbot, sample_db, tmp_path, answers):
    nv = next(u for u in list_units(sample_db) if u.code == "NV")
    save_evaluation(sample_db, HeadEvaluation(unit_id=nv.id, year=2018, level=HeadLevel.TOT))
    window = _window(qtbot, sample_db, tmp_path)
    window.nav.setCurrentRow(3)
    heads = window.heads_page
    heads.select_where(lambda r: r.unit.code == "NV")
    heads.delete_action.trigger()
    assert window.undo_action.text() == "Hoàn tác: Xóa đánh giá người đứng đầu NV năm 2018"
    window.undo_last()
    row = heads.model.row_of(lambda r: r.unit.code == "NV")
    assert heads.model.index(row, 4).data() == "Hoàn thành tốt nhiệm vụ"


def test_screenshots_cover_the_new_screens(qtbot, sample_db, tmp_path):
    window = _window(qtbot, sample_db, tmp_path)
    window.show()
    names = [p.name for p in save_screenshots(window, tmp_path / "shots")]
    assert names == ["01-don-vi.png", "02-can-bo.png", "03-phong-trao-thi-dua.png", "04-nguoi-dung-dau.png",
                     "05-xep-loai-quy.png", "06-tong-hop-quy.png", "07-tong-ket-thi-dua.png",
                     "08-danh-hieu-cuoi-nam.png", "09-quy-dinh-ap-dung.png", "10-xep-loai-cuoi-nam.png",
                     "11-so-khen-thuong.png", "12-den-han-khen-thuong.png", "13-thong-ke.png", "14-ky-luat.png",
                     "15-nhat-ky.png"]
