"""Excel round trip of one unit's quarter from the entry screen: the pre-filled workbook the unit
fills in, importing it back (checked first, then written all or nothing), exporting the results.

The work runs off the GUI thread (``run_with_progress``) with its own database connection; the
functions are the command line's (``models.imports_classifications``).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from models.db import connect
from models.errors import DomainError
from models.imports_classifications import HEADERS
from models.xlsx import ImportRejected

from . import messages
from .tasks import run_with_progress


def _in_worker(db_path: Path, call):
    """``work(progress)`` for run_with_progress: ``call(db, progress)`` on a connection of its own."""

    def work(progress):
        db = connect(db_path)
        try:
            return call(db, progress)
        finally:
            db.close()

    return work


def save_unit_template(parent, db_path: Path, unit_id: int, unit_code: str, unit_name: str,
                       year: int, quarter: int, unsaved: bool = False) -> str:
    """Ask where, write the unit's pre-filled workbook, tell the user; the path or ""."""
    from models.imports_classifications import write_unit_workbook

    path = messages.save_xlsx(parent, f"Tệp mẫu xếp loại quý {quarter}/{year} cho {unit_name}",
                              f"xep-loai-{unit_code}-quy{quarter}-{year}.xlsx")
    if not path:
        return ""
    try:
        count = run_with_progress(parent, "Đang tạo tệp mẫu...", _in_worker(
            db_path, lambda db, _p: write_unit_workbook(db, unit_id, year, quarter, path)))
    except (OSError, DomainError) as e:
        messages.error(parent, "Không tạo được tệp mẫu", f"Không ghi được tệp “{path}”: {getattr(e, 'strerror', None) or e}")
        return ""
    note = "\n(Các thay đổi chưa lưu trên màn hình không có trong tệp.)" if unsaved else ""
    messages.inform(parent, "Đã tạo tệp mẫu",
                    f"Tệp mẫu quý {quarter}/{year} của {unit_name} có {count} người, gửi đơn vị điền cột "
                    f"“Xếp loại” (và lý do nếu Không đánh giá), rồi nhập lại bằng “Nhập từ Excel...”."
                    f"{note}\n{path}")
    return path


def export_unit_results(parent, db_path: Path, unit_id: int, unit_code: str, unit_name: str,
                        year: int, quarter: int) -> str:
    from models.imports_classifications import export_classifications

    path = messages.save_xlsx(parent, f"Xuất kết quả xếp loại quý {quarter}/{year} của {unit_name}",
                              f"ket-qua-xep-loai-{unit_code}-quy{quarter}-{year}.xlsx")
    if not path:
        return ""
    try:
        count = run_with_progress(parent, "Đang xuất kết quả...", _in_worker(
            db_path, lambda db, _p: export_classifications(db, year, quarter, path, unit_id)))
    except OSError as e:
        messages.error(parent, "Không xuất được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
        return ""
    messages.inform(parent, "Đã xuất", f"Đã xuất kết quả của {count} người ra tệp:\n{path}")
    return path


class ClassificationImportDialog(QDialog):
    """Check a filled workbook (dry run), show its errors in a copyable list or what it would
    change, and import it on request. ``written`` says whether anything was written."""

    def __init__(self, db_path: Path, unit_text: str, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.file = Path()
        self.written = False
        self.errors: list[str] = []
        self.setWindowTitle("Nhập kết quả xếp loại quý từ Excel")
        intro = QLabel(
            f"Tệp mẫu của đơn vị ({unit_text}) đã điền, các cột: {' | '.join(HEADERS)}.\n"
            "Tệp được kiểm tra trước; chỉ khi không có lỗi nào mới được ghi, và ghi toàn bộ một lần. "
            "Quý đã chốt không nhập được."
        )
        intro.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setObjectName("file")
        self.file_label.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.error_list = QPlainTextEdit()
        self.error_list.setObjectName("errors")
        self.error_list.setReadOnly(True)
        self.error_list.setMinimumHeight(200)
        self.copy_button = QPushButton("Sao chép danh sách lỗi")
        self.copy_button.clicked.connect(self.copy_errors)
        self.import_button = QPushButton("Nhập vào cơ sở dữ liệu")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_list, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self._show_errors([])

    def set_file(self, path: str | Path) -> bool:
        """Choose the file and check it straight away."""
        self.file = Path(path)
        self.file_label.setText(f"Tệp: {self.file}")
        return self.check()

    def _run(self, dry_run: bool):
        from models.imports_classifications import import_classifications

        path = self.file
        verb = "Đang kiểm tra" if dry_run else "Đang nhập"
        return run_with_progress(self, f"{verb} tệp {path.name}...", _in_worker(
            self.db_path, lambda db, progress: import_classifications(db, path, dry_run, progress)))

    def check(self) -> bool:
        self.import_button.setEnabled(False)
        try:
            result = self._run(dry_run=True)
        except ImportRejected as e:
            self.summary.setText(f"Tệp có {len(e.errors)} lỗi, chưa ghi gì. Sửa tệp rồi nhập lại.")
            self._show_errors(e.errors)
            return False
        except (DomainError, OSError) as e:
            self.summary.setText(str(e))
            self._show_errors([])
            return False
        self._show_errors([])
        self.summary.setText(result.summary() + " Bấm “Nhập vào cơ sở dữ liệu” để ghi.")
        self.import_button.setEnabled(True)
        self.import_button.setFocus()
        return True

    def run_import(self) -> bool:
        try:
            result = self._run(dry_run=False)
        except ImportRejected as e:  # the file changed since it was checked
            self.summary.setText(f"Tệp có {len(e.errors)} lỗi, chưa ghi gì.")
            self._show_errors(e.errors)
            self.import_button.setEnabled(False)
            return False
        except (DomainError, OSError) as e:
            self.summary.setText(f"Không nhập được, chưa ghi gì: {e}")
            return False
        self.written = True
        self.import_button.setEnabled(False)
        self.summary.setText(result.summary())
        return True

    def _show_errors(self, errors: list[str]) -> None:
        self.errors = list(errors)
        self.error_list.setPlainText("\n".join(errors))
        self.error_list.setVisible(bool(errors))
        self.copy_button.setVisible(bool(errors))

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.errors))
