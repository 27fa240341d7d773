"""Data safety in the window: one program per database, a backup and a quick check at every start,
"Sao lưu", "Khôi phục" and "Kiểm tra dữ liệu" in the Tệp menu, and a damaged database found before
the window opens."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from models.store.backup import BackupFile, automatic_backup, backup_to, database_problem, list_backups, restore
from models.store.db import connect, program_schema_version, session_who
from models.common.errors import DomainError

from ui.kit import messages
from ui.store.db_lock import lock_database, refuse_second_copy  # noqa: F401  (the window's menu uses them here)

DB_FILTER = "Cơ sở dữ liệu TĐKT (*.sqlite3 *.db)"


def start_of_session(window) -> None:
    """Right after the window shows: back the database up (rotation) and run the quick check."""
    try:
        saved = automatic_backup(window.db_path, dt.datetime.now())
    except (OSError, DomainError) as e:
        window.statusBar().showMessage(f"Chưa sao lưu tự động được: {e}", 15000)
        messages.error(window, "Chưa sao lưu tự động được",
                       f"{e}\n\nChương trình vẫn dùng được; dữ liệu hiện tại không thay đổi.")
    else:
        if saved is not None:
            window.statusBar().showMessage(f"Đã sao lưu tự động: {saved.name}", 8000)
    from models.check import quick_check  # after the window shows: not on the start-up path

    findings = quick_check(window.db)
    if findings:
        messages.error(
            window, "Dữ liệu có vấn đề",
            "Kiểm tra nhanh khi mở chương trình phát hiện:\n- " + "\n- ".join(f.what for f in findings[:10])
            + "\n\nĐừng nhập thêm dữ liệu. Hãy vào Tệp > Khôi phục từ bản sao lưu và chọn bản sao lưu "
            "gần nhất trước khi có lỗi, hoặc liên hệ người hỗ trợ kỹ thuật.",
        )


def save_backup(window) -> None:
    suggested = str(Path.home() / f"tdkt-sao-luu-{dt.datetime.now():%Y%m%d-%H%M}.sqlite3")
    path, _ = QFileDialog.getSaveFileName(window, "Sao lưu cơ sở dữ liệu", suggested, DB_FILTER)
    if not path:
        return
    target = Path(path)
    if target.resolve() == Path(window.db_path).resolve():
        messages.error(window, "Không sao lưu được", "Hãy chọn một tệp khác với cơ sở dữ liệu đang dùng.")
        return
    source = window.db_path
    try:
        from ui.kit.tasks import run_with_progress  # on first use: the window starts without it

        run_with_progress(window, "Đang sao lưu...", lambda progress: backup_to(source, target, progress))
    except (OSError, DomainError) as e:
        messages.error(window, "Không sao lưu được", str(e))
        return
    messages.inform(window, "Đã sao lưu", f"Đã sao lưu cơ sở dữ liệu vào:\n{target}")


def choose_backup(window) -> Path | None:
    """A backup from the rotation folder (newest first), or another file chosen by the user."""
    backups = list_backups(window.db_path)
    other = "Chọn tệp khác..."
    items = [b.text for b in backups] + [other]
    text, ok = QInputDialog.getItem(window, "Khôi phục", "Chọn bản sao lưu để khôi phục:", items, 0, False)
    if not ok:
        return None
    if text != other:
        return next(b.path for b in backups if b.text == text)
    path, _ = QFileDialog.getOpenFileName(window, "Chọn tệp sao lưu", str(Path.home()), DB_FILTER)
    return Path(path) if path else None


def restore_backup(window, chosen: Path | None = None) -> bool:
    """Check the chosen backup, keep a copy of the current database, then replace it and reload
    every screen. Asks first; unsaved results on the screens are settled before."""
    chosen = chosen or choose_backup(window)
    if chosen is None:
        return False
    if not messages.confirm(
        window, "Khôi phục",
        f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu “{chosen.name}”?\n"
        "Dữ liệu hiện tại sẽ được sao lưu trước (trong thư mục backups), có thể khôi phục lại.",
        yes="Khôi phục", no="Hủy",
    ):
        return False
    for page in window._pages:
        if page is not None and hasattr(page, "settle_unsaved") and not page.settle_unsaved():
            return False
    db_path = window.db_path
    who = session_who(window.db)
    window.db.close()
    try:
        safety = restore(chosen, db_path, dt.datetime.now(), program_schema_version(), who=who)
    except (OSError, DomainError) as e:
        window.db = connect(db_path)
        window._build_pages()
        messages.error(window, "Không khôi phục được", f"{e}\nDữ liệu hiện tại không thay đổi.")
        return False
    window.db = connect(db_path)
    window._build_pages()
    kept = f"\nBản trước khi khôi phục: {safety}" if safety else ""
    messages.inform(window, "Đã khôi phục", f"Đã khôi phục từ “{chosen.name}”.{kept}")
    return True


def check_data(window) -> None:
    from models.check import full_check

    findings = full_check(window.db)
    if not findings:
        messages.inform(window, "Kiểm tra dữ liệu",
                        "Không phát hiện vấn đề nào: kiểm tra toàn vẹn, khóa ngoại và các quy tắc dữ liệu đều đạt.")
        return
    lines = [("Lỗi: " if f.serious else "Cần xem: ") + f.what for f in findings]
    messages.error(window, "Kiểm tra dữ liệu", f"Phát hiện {len(findings)} vấn đề:\n- " + "\n- ".join(lines[:30]))



class DamagedDatabaseDialog(QDialog):
    """The database cannot be opened: what is wrong, and the backups beside it (newest first, with
    dates and sizes) to restore from, another file, or quit."""

    def __init__(self, db_path: Path, problem: str, backups: list[BackupFile], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Cơ sở dữ liệu bị hỏng")
        self.db_path, self.chosen = Path(db_path), None
        self.message = QLabel(
            f"Không mở được cơ sở dữ liệu:\n{db_path}\n\n{problem}.\n\n"
            + ("Chọn một bản sao lưu để khôi phục (tệp hỏng được giữ nguyên bên cạnh, không bị xóa):"
               if backups else "Không có bản sao lưu nào trong thư mục backups bên cạnh. Hãy chọn một tệp "
               "sao lưu khác, hoặc thoát và liên hệ người hỗ trợ kỹ thuật."))
        self.message.setWordWrap(True)
        self.backups = QListWidget()
        for b in backups:
            item = QListWidgetItem(b.text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.backups.addItem(item)
        if backups:
            self.backups.setCurrentRow(0)
        self.backups.itemDoubleClicked.connect(lambda _item: self._restore_selected())
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("Khôi phục bản đã chọn")
        self.restore_button.setEnabled(bool(backups))
        self.other_button = QPushButton("Chọn tệp khác...")
        self.quit_button = QPushButton("Thoát")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._choose_other)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.backups)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _restore_selected(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def _choose_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp sao lưu", str(self.db_path.parent), DB_FILTER)
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, db_path: Path, problem: str, backups: list[BackupFile]) -> Path | None:
        """The backup to restore from, or ``None`` to quit. Tests replace this."""
        dialog = cls(db_path, problem, backups)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def settle_damaged_database(db_path: Path, checked: Callable[[], str | None] | None = None) -> bool:
    """Before the program opens ``db_path``: when SQLite finds it damaged (read-only, no
    memory-mapping), offer the backups and restore the chosen one (the damaged file is renamed
    aside as it is). True when the database can be opened now; False to quit.
    ``checked``: the first check already started (``database_problem_in_background``), awaited here."""
    from models.store.db import session_name

    problem = checked() if checked is not None else database_problem(db_path)
    if problem is not None and checked is not None:
        # the early check ran before the lock was taken (another copy may have been restoring the
        # file then): what is offered rests on a check made now, under the lock
        problem = database_problem(db_path)
    while problem is not None:
        chosen = DamagedDatabaseDialog.ask(db_path, problem, list_backups(db_path))
        if chosen is None:
            return False
        try:
            kept = restore(chosen, db_path, dt.datetime.now(), program_schema_version(), who=session_name())
        except (OSError, DomainError) as e:
            messages.error(None, "Không khôi phục được", str(e))
            continue
        messages.inform(None, "Đã khôi phục",
                        f"Đã khôi phục cơ sở dữ liệu từ “{chosen.name}”.\nTệp hỏng được giữ nguyên ở:\n{kept}")
        problem = database_problem(db_path)
    return True
