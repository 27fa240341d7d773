"""The main window: navigation on the left, one screen per area, menus for files and data."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.store.db import connect
from models.common.errors import DomainError

from ui.kit import messages
from ui.kit.undo import UndoHistory
from ui.store.first_steps_panel import FirstStepsPanel

if TYPE_CHECKING:
    from sqlite_utils import Database

APP_TITLE = "TĐKT - Thi đua, Khen thưởng"


def _safety():
    from ui.store import safety

    return safety


CLASSIFICATION_SCREEN = "ui.quarters.classification_page:ClassificationPage"  # the quarter review opens it
# The areas in navigation order (Ctrl+1..9 follow it): title, the screen's class as
# "module:Class", whether it has Excel templates. A screen's module is imported and the screen
# built when it is first shown, so the window opens fast.
AREAS = [
    ("Đơn vị", "ui.people.units_page:UnitsPage", True),
    ("Cán bộ", "ui.people.staff_page:StaffPage", True),
    ("Phong trào thi đua", "ui.campaigns.campaigns_page:CampaignsPage", False),
    ("Người đứng đầu", "ui.people.heads_page:HeadsPage", False),
    ("Xếp loại quý", CLASSIFICATION_SCREEN, True),
    ("Tổng hợp quý", "ui.quarters.quarter_review_page:QuarterReviewPage", False),
    ("Tổng kết thi đua", "ui.yearend.review_page:ReviewPage", False),
    ("Danh hiệu cuối năm", "ui.yearend.titles_page:TitlesPage", False),
    ("Quy định áp dụng", "ui.rules.rules_page:RulesPage", False),
    ("Xếp loại cuối năm", "ui.quarters.rating_page:RatingPage", True),  # after Ctrl+1..9: they keep their screens
    ("Sổ khen thưởng", "ui.awards.register_page:RegisterPage", True),
    ("Đến hạn khen thưởng", "ui.awards.due_page:DuePage", False),
    ("Thống kê", "ui.awards.statistics_page:StatisticsPage", False),
    ("Kỷ luật", "ui.people.discipline_page:DisciplinePage", True),
    ("Nhật ký", "ui.store.history_page:HistoryPage", False),
]


def build_screen(screen: str, *args, **kw):
    """Import the module of ``screen`` ("module:Class") and build the screen."""
    module_name, _, class_name = screen.partition(":")
    return getattr(importlib.import_module(module_name), class_name)(*args, **kw)


class NavList(QListWidget):
    """The navigation list. A letter or digit typed while it has the focus is meant for the screen
    (a result typed on Xếp loại quý, a search...), never a jump to the area starting with that letter:
    ``to_screen()`` puts the focus on the screen and gives the widget that gets the key."""

    def __init__(self, to_screen):
        super().__init__()
        self._to_screen = to_screen

    def keyPressEvent(self, event) -> None:
        commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        text = event.text()
        if text and text.isprintable() and not text.isspace() and not event.modifiers() & commands:
            target = self._to_screen()
            if target is not None:
                QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(), text))
                return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """Areas are added as they are built; each is a page with a ``changed`` signal."""

    def __init__(self, db: Database, db_path: Path):
        super().__init__()
        self.db = db
        self.db_path = Path(db_path)
        self.nav = NavList(self.focus_screen)
        self.nav.setObjectName("nav")
        # As wide as the longest area's name ("Đến hạn khen thưởng"): no horizontal scroll bar.
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; outline: 0; } QListWidget::item { padding: 9px 8px; }"
        )
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        # a new database: the checklist of its first steps, until they are done
        self.first_steps = FirstStepsPanel(db, self._first_step_actions())
        right.addWidget(self.first_steps)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_area)
        self.nav.clicked.connect(lambda _index: self.focus_screen())  # a click leaves the keys to the screen
        self.undo = UndoHistory(self)
        self.lock = None  # the database's lock file (ui.store.safety), held while the window is open
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_pages()
        self._build_menus()
        self.resize(1280, 760)

    def _first_step_actions(self) -> dict:
        """The buttons of the first-steps checklist: the dialogs and screens that do each step."""
        units, staff, campaigns = 0, 1, 2

        def on(index: int, method: str):
            return lambda: getattr(self._on_page(index), method)()

        return {
            "council": [("Nhập...", self.edit_council_names)],
            "units": [("Tải tệp mẫu...", on(units, "save_template")), ("Nhập từ Excel...", on(units, "import_excel")),
                      ("Thêm...", on(units, "add"))],
            "staff": [("Nhập từ Excel...", on(staff, "import_excel")), ("Thêm...", on(staff, "add"))],
            "campaign": [("Thêm đợt...", on(campaigns, "add_campaign"))],
        }

    def _build_pages(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.undo.clear()  # undo steps belong to the database they were made in
        self._pages: list = [None] * len(AREAS)
        for title, _screen, _excel in AREAS:
            self.nav.addItem(QListWidgetItem(title))
            self.stack.addWidget(QWidget())  # replaced by the screen when first shown
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4))
        self.nav.blockSignals(False)
        self.nav.setCurrentRow(0)
        self._show_area(0)
        self.first_steps.set_database(self.db)
        self.setWindowTitle(f"{APP_TITLE} — {self.db_path.name}")
        self.status_label.setText(f"Cơ sở dữ liệu: {self.db_path}")
        self.status_label.setToolTip(str(self.db_path))

    def page(self, index: int):
        """The screen of area ``index``, built on first use."""
        if self._pages[index] is None:
            _title, screen, _excel = AREAS[index]
            page = build_screen(screen, self.db, self.db_path, undo=self.undo)
            page.lazy = True  # from now on it reloads only while shown
            page.changed.connect(self.refresh_all)
            if hasattr(page, "open_unit"):  # the quarter review opens a unit's entry screen
                page.open_unit.connect(self.open_classification)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[index] = page
        return self._pages[index]

    def open_classification(self, unit_id: int, year: int, quarter: int) -> None:
        """Go to the entry screen of one unit's quarter (from the quarter review)."""
        index = next(i for i, area in enumerate(AREAS) if area[1] == CLASSIFICATION_SCREEN)
        self.show_area(index)
        self.page(index).show_unit(unit_id, year, quarter)
        self.focus_screen()

    def show_area(self, index: int) -> None:
        """Show area ``index`` (Ctrl+1..9, menu Xem) with the focus in its screen: keys typed next go
        to its table (its first row still to enter), not to a search box or the navigation."""
        self.nav.setCurrentRow(index)
        self.focus_screen()

    def focus_screen(self) -> QWidget | None:
        """Put the focus on the shown screen's table (where ``focus_entry()`` says, if it has one);
        gives the table (None for a screen without one)."""
        page = self.page(self.stack.currentIndex())
        table = getattr(page, "table", None)
        if hasattr(page, "focus_entry"):
            page.focus_entry()
        elif table is not None:
            table.setFocus(Qt.FocusReason.OtherFocusReason)
        return table

    def _show_area(self, index: int) -> None:
        if index >= 0:
            self.page(index)
            self.stack.setCurrentIndex(index)

    @property
    def pages(self) -> list:
        """(title, screen) of every area, building the screens not built yet."""
        return [(AREAS[i][0], self.page(i)) for i in range(len(AREAS))]

    # The first screens by name (tests and the screenshots use them).
    units_page = property(lambda self: self.page(0))
    staff_page = property(lambda self: self.page(1))
    campaigns_page = property(lambda self: self.page(2))
    heads_page = property(lambda self: self.page(3))

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Tệp")
        self._menu_action(menu, "Mở cơ sở dữ liệu khác...", self.choose_database, QKeySequence.StandardKey.Open)
        menu.addSeparator()
        self._menu_action(menu, "Sao lưu...", lambda: _safety().save_backup(self))
        self._menu_action(menu, "Khôi phục từ bản sao lưu...", lambda: _safety().restore_backup(self))
        self._menu_action(menu, "Kiểm tra dữ liệu", lambda: _safety().check_data(self))
        menu.addSeparator()
        self._menu_action(menu, "Thông tin in trên văn bản...", self.edit_council_names)
        menu.addSeparator()
        self._menu_action(menu, "Thoát", self.close, QKeySequence("Ctrl+Q"))
        edit = self.menuBar().addMenu("&Sửa")
        self.undo_action = self._menu_action(edit, "Hoàn tác", self.undo_last, QKeySequence.StandardKey.Undo)
        self.undo.changed.connect(self._undo_changed)
        self._undo_changed()
        data = self.menuBar().addMenu("&Dữ liệu")
        for i, (title, _screen, excel) in enumerate(AREAS):
            if not excel:  # only units and staff are exchanged with Excel templates
                continue
            data.addAction(f"{title}: nhập từ Excel...", lambda i=i: self._on_page(i).import_excel())
            data.addAction(f"{title}: xuất ra Excel...", lambda i=i: self._on_page(i).export_excel())
            data.addAction(f"{title}: tải tệp mẫu...", lambda i=i: self._on_page(i).save_template())
            data.addSeparator()
        view = self.menuBar().addMenu("&Xem")
        for i, (title, _screen, _excel) in enumerate(AREAS):
            self._menu_action(view, title, lambda _=False, row=i: self.show_area(row),
                              QKeySequence(f"Ctrl+{i + 1}") if i < 9 else None)  # Ctrl+1 ... Ctrl+9
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        self._menu_action(help_menu, "Phím tắt", self.show_shortcuts, QKeySequence("F1"))

    def _menu_action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def _undo_changed(self) -> None:
        text = self.undo.next_text
        self.undo_action.setEnabled(bool(text))
        self.undo_action.setText(f"Hoàn tác: {text}" if text else "Hoàn tác")

    def edit_council_names(self) -> bool:
        """The council's names, place, signer and recipients printed on every document (undoable)."""
        from models.store.settings import set_council_names

        from ui.store.council_dialog import CouncilDialog
        from ui.kit.undo import Change

        dialog = CouncilDialog(self.db, self)
        if not dialog.exec():
            return False
        db, before = self.db, dialog.before
        self.undo.push(Change("Sửa thông tin in trên văn bản", lambda: set_council_names(db, before)))
        self.statusBar().showMessage("Đã lưu thông tin in trên văn bản", 8000)
        self.refresh_all()  # the screens show the council's words ("toàn phường")
        return True

    def undo_last(self) -> None:
        if not self.undo.next_text:
            return
        try:
            text = self.undo.undo()
        except DomainError as e:
            messages.error(self, "Không hoàn tác được", str(e))
            return
        self.refresh_all()
        self.statusBar().showMessage(f"Đã hoàn tác: {text}", 8000)

    def _on_page(self, index: int):
        self.nav.setCurrentRow(index)
        return self.page(index)

    def refresh_all(self) -> None:
        """Something was written: every screen reloads what it shows."""
        sender = self.sender()
        self.first_steps.refresh()
        for page in self._pages:
            if page is not None and page is not sender:
                page.reload()

    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # built on first use (start-up)

        path, _ = QFileDialog.getOpenFileName(
            self, "Mở cơ sở dữ liệu", str(self.db_path.parent), "Cơ sở dữ liệu TĐKT (*.sqlite3 *.db)"
        )
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> None:
        for page in self._pages:  # results typed but not saved are not dropped silently
            if page is not None and hasattr(page, "settle_unsaved") and not page.settle_unsaved():
                return
        if Path(path).resolve() == self.db_path.resolve():
            return
        from models.store.output import SQLITE, file_kind  # on first use: the window starts without it

        safety = _safety()
        try:
            lock = safety.lock_database(Path(path))
        except DomainError as e:  # the lock file cannot be made: a read-only folder
            messages.error(self, "Không mở được", f"Không mở được cơ sở dữ liệu “{path}”:\n{e}")
            return
        if lock is None:
            safety.refuse_second_copy(Path(path))
            return
        # an SQLite file SQLite finds damaged: its backups are offered (restore one, or do not open it);
        # any other file is refused below with the reason
        if file_kind(path) == SQLITE and not safety.settle_damaged_database(Path(path)):
            lock.unlock()
            return
        try:
            db = connect(path)
        except Exception as e:  # a file that is not a database, or a newer schema
            lock.unlock()
            messages.error(self, "Không mở được", f"Không mở được cơ sở dữ liệu “{path}”:\n{e}")
            return
        self.db.close()
        if self.lock is not None:
            self.lock.unlock()
        self.db, self.db_path, self.lock = db, Path(path), lock
        self._build_pages()
        safety.start_of_session(self)

    def show_shortcuts(self) -> None:
        messages.inform(
            self, "Phím tắt",
            "Ctrl+1 ... Ctrl+9: chuyển màn hình Đơn vị, Cán bộ, Phong trào thi đua, Người đứng đầu,\n"
            "  Xếp loại quý, Tổng hợp quý, Tổng kết thi đua, Danh hiệu cuối năm, Quy định áp dụng\n"
            "  (Xếp loại cuối năm, Sổ khen thưởng, Đến hạn khen thưởng, Thống kê, Kỷ luật, Nhật ký: menu Xem)\n"
            "Ctrl+F: tìm (gõ có dấu hay không dấu đều được); Esc: xóa ô tìm\n"
            "Ctrl+N: thêm; F2 hoặc Enter: sửa dòng đang chọn; Del: xóa\n"
            "Ctrl+D: ngừng / kích hoạt lại đơn vị; Ctrl+M: chuyển đơn vị cho cán bộ\n"
            "Ctrl+I: nhập từ Excel; Ctrl+E: xuất ra Excel\n"
            "Phong trào thi đua: F2/Enter đăng ký, sửa mô hình; Del xóa mô hình; Ctrl+N thêm đơn vị vào đợt;\n"
            "  Ctrl+H hạn riêng; Ctrl+Del bỏ đơn vị khỏi đợt; Ctrl+Shift+N thêm đợt; Shift+F2 sửa đợt;\n"
            "  Ctrl+P in danh sách đăng ký; F5 tính lại trạng thái; Alt+U chọn đợt; Alt+N ngày tính\n"
            "Người đứng đầu: F2/Enter đánh giá; Del xóa đánh giá; Alt+N chọn năm\n"
            "Xếp loại quý: 1-4 hoặc X/T/H/K xếp loại rồi xuống dòng; 0 hoặc - Không đánh giá (chọn lý do);\n"
            "  Del xóa; F2 ghi chú; Ctrl+S lưu; Ctrl+L chốt / mở chốt; Ctrl+T đặt tất cả;\n"
            "  Alt+← / Alt+→ đơn vị trước / sau\n"
            "Tổng hợp quý: Enter trên một đơn vị mở màn hình xếp loại của đơn vị đó\n"
            "Tổng kết thi đua: Ctrl+N thêm vào danh sách; Del loại khỏi danh sách; Ctrl+Backspace hủy điều chỉnh;\n"
            "  Ctrl+L phê duyệt; Ctrl+Shift+L mở lại; Ctrl+Shift+P xem trước; Ctrl+P in; Ctrl+S lưu PDF;\n"
            "  Ctrl+K cách xét; Alt+P / Alt+G danh sách phê bình / nêu gương\n"
            "Danh hiệu cuối năm: Alt+M chọn năm; Alt+L / Alt+H / Alt+N / Alt+C các danh hiệu; thêm, loại, phê duyệt,\n"
            "  in như Tổng kết thi đua; Ctrl+↑ / Ctrl+↓ đổi thứ tự ưu tiên (Chiến sĩ thi đua cơ sở);\n"
            "  Ctrl+K quy định danh hiệu\n"
            "Xếp loại cuối năm: 1-4 hoặc X/T/H/K xếp loại rồi xuống dòng; Del xóa; F2 ghi chú; Ctrl+S lưu;\n"
            "  Ctrl+D đề xuất từ các quý (xem trước rồi mới ghi); Alt+N chọn năm; Alt+V chọn đơn vị\n"
            "Kỷ luật: Ctrl+N thêm quyết định; F2/Enter sửa; Del xóa; Alt+N chọn năm áp dụng;\n"
            "  trong hộp thoại gõ mã hoặc họ tên rồi ↓ để chọn cán bộ\n"
            "Ctrl+Z: hoàn tác thay đổi gần nhất (thêm, sửa, xóa, chuyển đơn vị, lưu kết quả xếp loại)\n"
            "Trong hộp thoại: Enter lưu, Esc hủy; ngày gõ dạng dd/mm/yyyy",
        )

    def closeEvent(self, event) -> None:
        self.db.close()
        super().closeEvent(event)

    def focus_current_table(self) -> None:
        self.focus_screen()
