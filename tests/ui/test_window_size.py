"""The window fits a 1366 x 768 office screen (1366 x 728 left by the taskbar) on every screen, also
after a notice or a bad date: messages wrap instead of widening the window."""
from PySide6.QtWidgets import QApplication

from models.common.codes import HeadLevel
from models.demo.sample import create_demo_database
from models.store.db import connect
from ui.kit.widgets import DateEdit
from ui.main_window import AREAS, MainWindow

from .screens import shown

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 728  # 1366 x 768 less a taskbar


def _fits(window, what):
    QApplication.processEvents()
    page = window.stack.currentWidget()
    for widget in (window, page):
        hint = widget.minimumSizeHint()
        assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, (what, type(widget).__name__, hint)
    assert window.width() <= SCREEN_WIDTH, (what, window.width())


def test_every_screen_fits_1366_x_728_after_notices_and_bad_dates(qtbot, tmp_path, answers):
    folder = tmp_path / "Tài liệu của Hội đồng Thi đua - Khen thưởng" / "Cơ sở dữ liệu các năm" / "Năm 2018-2024"
    folder.mkdir(parents=True)
    path = folder / "Hội đồng Thi đua - Khen thưởng phường (bản chính thức).sqlite3"
    create_demo_database(path)
    window = shown(qtbot, MainWindow(connect(path), path))
    _fits(window, "opening")
    for index, (title, _screen, _excel) in enumerate(AREAS):
        window.show_area(index)
        page = window.page(index)
        _fits(window, title)
        dates = [d for d in page.findChildren(DateEdit) if d.isVisibleTo(page) and not d.isReadOnly()]
        for date in dates:  # the message beside the field: "Ngày 31/02/2019 không tồn tại"
            date.setText("31/02/2019")
            date.editingFinished.emit()
            _fits(window, f"{title}: bad date in {date.objectName()}")
        if hasattr(page, "set_all"):  # Xếp loại quý: the notices of its actions, the errors of a save
            page.set_all(HeadLevel.TOT)
            assert page.notice.text().startswith("Đã đặt ")
            _fits(window, f"{title}: notice")
            assert not page.save()  # the bad date is refused
            _fits(window, f"{title}: errors of a save")
    assert window.width() <= SCREEN_WIDTH
