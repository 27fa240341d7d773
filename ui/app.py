"""Starting the GUI: the application object, bundled fonts, first run, screenshots."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from models.common.errors import DomainError
from models.store import read_ahead
from models.store.db import APP_AUTHOR, APP_NAME, connect, create_database
from models.store.known_whole import remember_at_close
from resources import UI_FONT_FAMILY, ui_font_files

from ui.kit import messages
from ui.kit.translation import install_vietnamese_qt_texts

_STARTED = time.perf_counter()


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with its names set, the bundled UI font loaded and Qt's own texts
    (standard buttons, input and file dialogs) in Vietnamese (created once)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(APP_AUTHOR)
        QCoreApplication.setApplicationName(APP_NAME)
        app = QApplication(argv or [sys.argv[0]])
    load_fonts(app)
    install_vietnamese_qt_texts(app)
    return app


def load_fonts(app: QApplication) -> None:
    """Use Be Vietnam Pro everywhere so every machine shows the same Vietnamese text."""
    for path in ui_font_files():
        QFontDatabase.addApplicationFont(str(path))
    font = QFont(UI_FONT_FAMILY)
    font.setPointSizeF(10)
    app.setFont(font)


SAMPLE_CHOICES = ("Mẫu quận Gò Vấp 2018", "Mẫu phường Gò Vấp 2026")  # models.demo.sample.SAMPLES, in order


def offer_sample_data(path: Path) -> None:
    """First run, no database yet: offer a sample (the district of 2018, or the ward of 2026 after
    the 2025 merger); an empty database otherwise."""
    from models.demo.sample import SAMPLES, create_demo_database

    chosen = messages.choose(
        None, "Chào mừng đến với TĐKT",
        f"Chưa có cơ sở dữ liệu tại:\n{path}\n\n"
        "Tạo dữ liệu mẫu để dùng thử?\n"
        "• Quận Gò Vấp 2018: các đơn vị của quận và khoảng 600 cán bộ, đợt thi đua cao điểm về cải cách "
        "hành chính.\n"
        "• Phường Gò Vấp 2026: phường mới sau sáp nhập ngày 01/07/2025, khoảng 300 cán bộ, xếp loại các quý "
        "năm 2025 và đợt thi đua năm 2026 đang diễn ra.\n"
        "Chọn “Bắt đầu trống” để tự nhập dữ liệu của đơn vị mình.",
        list(SAMPLE_CHOICES), "Bắt đầu trống",
    )
    if chosen is not None:
        create_demo_database(path, SAMPLES[chosen])


def operator_name(db, ask: bool) -> str:
    """Who the history names for this session: the name typed at the first start (asked once per
    database) and the system user. Sets it on ``db`` and as the default for other connections."""
    from models.store.db import session_name, set_default_who, set_session_who
    from models.store.settings import get_setting, set_setting

    name = get_setting(db, "operator_name")
    if name is None and ask:
        typed = messages.ask_text(
            None, "Người sử dụng",
            "Tên của bạn (ghi vào nhật ký thay đổi, ví dụ: Nguyễn Thị Lan - Phòng Nội vụ):")
        if typed:
            name = typed
            set_session_who(db, session_name(typed))  # the history names who typed it
            set_setting(db, "operator_name", typed)
    who = session_name(name or "")
    set_default_who(who)
    set_session_who(db, who)
    return who


def save_screenshots(window, folder: Path) -> list[Path]:
    """One PNG per main screen, named by position and area."""
    from ui.people.staff_page import StaffPage  # noqa: F401  (pages are created by the window)

    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    slugs = {"Đơn vị": "don-vi", "Cán bộ": "can-bo", "Phong trào thi đua": "phong-trao-thi-dua",
             "Người đứng đầu": "nguoi-dung-dau", "Xếp loại quý": "xep-loai-quy",
             "Tổng hợp quý": "tong-hop-quy", "Tổng kết thi đua": "tong-ket-thi-dua",
             "Danh hiệu cuối năm": "danh-hieu-cuoi-nam",
             "Quy định áp dụng": "quy-dinh-ap-dung", "Xếp loại cuối năm": "xep-loai-cuoi-nam",
             "Sổ khen thưởng": "so-khen-thuong", "Đến hạn khen thưởng": "den-han-khen-thuong", "Thống kê": "thong-ke",
             "Kỷ luật": "ky-luat",
             "Nhật ký": "nhat-ky"}
    for i, (title, page) in enumerate(window.pages):
        window.nav.setCurrentRow(i)
        if getattr(page, "model", None) is not None and page.model.rowCount():  # a list screen
            page.table.selectRow(0)
        QApplication.processEvents()
        path = folder / f"{i + 1:02d}-{slugs.get(title, f'man-hinh-{i + 1}')}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved


def run_gui(db_path: Path, explicit: bool = False, screenshots: Path | None = None,
            quit_after_show: bool = False, checked: Callable[[], str | None] | None = None) -> int:
    """The window on ``db_path``. ``checked``: the quick check of the file, started before Qt was
    loaded (``models.store.backup.database_problem_in_background``); awaited before the file is opened."""
    app = create_application()
    from ui.main_window import MainWindow

    db_path = Path(db_path)
    if not db_path.exists() and screenshots is None and not quit_after_show:
        checked = None  # the file is made now: checked below, as it is then
        offer_sample_data(db_path)
        if not db_path.exists():  # "Bắt đầu trống": a new, empty database, created here on purpose
            create_database(db_path)
    from ui.store.db_lock import lock_database, refuse_second_copy

    lock = None
    try:
        if screenshots is None and not quit_after_show:
            lock = lock_database(db_path)
            if lock is None:
                refuse_second_copy(db_path)
                return 1
        if checked is None or checked() is not None:  # (a whole file needs no dialog: not even its import)
            from ui.store.safety import settle_damaged_database

            if not settle_damaged_database(db_path, checked):  # a damaged file: restored from a backup, or quit
                if lock is not None:
                    lock.unlock()
                return 1
        db = connect(db_path)
        read_ahead.give(db, getattr(checked, "read_ahead", lambda: None)())
    except DomainError as e:  # not a TĐKT database, one of a newer version, a read-only folder...
        if lock is not None:
            lock.unlock()
        messages.error(None, "Không mở được cơ sở dữ liệu", str(e))
        return 1
    operator_name(db, ask=screenshots is None and not quit_after_show)
    window = MainWindow(db, db_path)
    read_ahead.release(db)  # the first screen has read: what it did not take is not current any more
    window.lock = lock  # held while the window is open
    window.show()
    if screenshots is not None:
        for path in save_screenshots(window, screenshots):
            print(path)
        window.close()
        return 0
    if quit_after_show:
        # For the start-up benchmark: report when the window is on screen, then leave.
        def done() -> None:
            print(f"shown {time.perf_counter() - _STARTED:.4f}")
            window.close()
            app.quit()

        QTimer.singleShot(0, done)
    window.focus_current_table()
    if not quit_after_show:  # the start-up benchmark measures the window, not the backup
        def start_of_session() -> None:
            from ui.store.safety import start_of_session as run

            run(window)

        QTimer.singleShot(0, start_of_session)
    status = app.exec()
    # Every connection is closed: note the file as whole for the next start (models.store.known_whole)
    remember_at_close(window.db_path, getattr(checked, "found_whole", None) if window.db_path == db_path else None)
    if lock is not None:
        lock.unlock()  # main.py leaves without the interpreter's teardown, which would release it
    return status
