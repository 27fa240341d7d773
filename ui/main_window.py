"""The main window: navigation on the left, one screen per area, menus for files and data."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)
from sqlite_utils import Database

from models.db import connect
from models.errors import DomainError

from . import messages
from .staff_page import StaffPage
from .undo import UndoHistory
from .units_page import UnitsPage

APP_TITLE = "TĐKT - Thi đua, Khen thưởng"


class MainWindow(QMainWindow):
    """Areas are added as they are built; each is a page with a ``changed`` signal."""

    def __init__(self, db: Database, db_path: Path):
        super().__init__()
        self.db = db
        self.db_path = Path(db_path)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; outline: 0; } QListWidget::item { padding: 9px 8px; }"
        )
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.undo = UndoHistory(self)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_pages()
        self._build_menus()
        self.resize(1280, 760)

    def _build_pages(self) -> None:
        self.nav.clear()
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.undo.clear()  # undo steps belong to the database they were made in
        self.units_page = UnitsPage(self.db, self.db_path, undo=self.undo)
        self.staff_page = StaffPage(self.db, self.db_path, undo=self.undo)
        self.pages = [("Đơn vị", self.units_page), ("Cán bộ", self.staff_page)]
        for title, page in self.pages:
            self.nav.addItem(QListWidgetItem(title))
            self.stack.addWidget(page)
            page.changed.connect(self.refresh_all)
        self.nav.setCurrentRow(0)
        self.setWindowTitle(f"{APP_TITLE} — {self.db_path.name}")
        self.status_label.setText(f"Cơ sở dữ liệu: {self.db_path}")

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Tệp")
        self._menu_action(menu, "Mở cơ sở dữ liệu khác...", self.choose_database, QKeySequence.StandardKey.Open)
        menu.addSeparator()
        self._menu_action(menu, "Thoát", self.close, QKeySequence("Ctrl+Q"))
        edit = self.menuBar().addMenu("&Sửa")
        self.undo_action = self._menu_action(edit, "Hoàn tác", self.undo_last, QKeySequence.StandardKey.Undo)
        self.undo.changed.connect(self._undo_changed)
        self._undo_changed()
        data = self.menuBar().addMenu("&Dữ liệu")
        for title, page in self.pages:
            data.addAction(f"{title}: nhập từ Excel...", lambda p=page: self._on_page(p).import_excel())
            data.addAction(f"{title}: xuất ra Excel...", lambda p=page: self._on_page(p).export_excel())
            data.addAction(f"{title}: tải tệp mẫu...", lambda p=page: self._on_page(p).save_template())
            data.addSeparator()
        view = self.menuBar().addMenu("&Xem")
        for i, (title, _page) in enumerate(self.pages):
            self._menu_action(view, title, lambda _=False, row=i: self.nav.setCurrentRow(row),
                              QKeySequence(f"Ctrl+{i + 1}"))
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

    def _on_page(self, page):
        self.nav.setCurrentRow(self.stack.indexOf(page))
        return page

    def refresh_all(self) -> None:
        """Something was written: every screen reloads what it shows."""
        self.staff_page.refresh_units()
        sender = self.sender()
        for _title, page in self.pages:
            if page is not sender:
                page.reload()

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Mở cơ sở dữ liệu", str(self.db_path.parent), "Cơ sở dữ liệu TĐKT (*.sqlite3 *.db)"
        )
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> None:
        try:
            db = connect(path)
        except Exception as e:  # a file that is not a database, or a newer schema
            messages.error(self, "Không mở được", f"Không mở được cơ sở dữ liệu “{path}”:\n{e}")
            return
        self.db.close()
        self.db, self.db_path = db, Path(path)
        self._build_pages()

    def show_shortcuts(self) -> None:
        messages.inform(
            self, "Phím tắt",
            "Ctrl+1, Ctrl+2: chuyển màn hình Đơn vị, Cán bộ\n"
            "Ctrl+F: tìm (gõ có dấu hay không dấu đều được); Esc: xóa ô tìm\n"
            "Ctrl+N: thêm; F2 hoặc Enter: sửa dòng đang chọn; Del: xóa\n"
            "Ctrl+D: ngừng / kích hoạt lại đơn vị; Ctrl+M: chuyển đơn vị cho cán bộ\n"
            "Ctrl+I: nhập từ Excel; Ctrl+E: xuất ra Excel\n"
            "Ctrl+Z: hoàn tác thay đổi gần nhất (thêm, sửa, xóa, chuyển đơn vị)\n"
            "Trong hộp thoại: Enter lưu, Esc hủy; ngày gõ dạng dd/mm/yyyy",
        )

    def closeEvent(self, event) -> None:
        self.db.close()
        super().closeEvent(event)

    def focus_current_table(self) -> None:
        page = self.stack.currentWidget()
        page.table.setFocus(Qt.FocusReason.OtherFocusReason)
