"""Import from Excel: choose a file, it is checked first (dry run), then imported all or nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from models.awards import exchange as award_exchange
from models.people import imports, imports_discipline
from models.campaigns import imports_campaigns
from models.quarters import imports_classifications, imports_ratings
from models.store.db import connect
from models.common.errors import DomainError
from models.exchange.xlsx import ImportRejected

from ui.kit import messages
from ui.kit.tasks import run_with_progress
from ui.kit.layout import text_label

TITLES = {
    "units": "Nhập danh sách đơn vị từ Excel",
    "staff": "Nhập danh sách cán bộ từ Excel",
    "initiatives": "Nhập mô hình, sáng kiến, giải pháp từ Excel",
    "heads": "Nhập đánh giá người đứng đầu từ Excel",
    "classifications": "Nhập kết quả xếp loại quý từ Excel",
    "discipline": "Nhập quyết định kỷ luật từ Excel",
    "ratings": "Nhập xếp loại chất lượng cuối năm từ Excel",
    "awards": "Nhập sổ khen thưởng từ Excel",
}
HEADERS = {
    "units": imports.UNIT_HEADERS,
    "staff": imports.STAFF_HEADERS,
    "initiatives": imports_campaigns.INITIATIVE_HEADERS,
    "heads": imports_campaigns.HEAD_HEADERS,
    "classifications": imports_classifications.HEADERS,
    "discipline": imports_discipline.HEADERS,
    "ratings": imports_ratings.HEADERS,
    "awards": award_exchange.HEADERS,
}
# Columns a file may add after the template's (the template has them; older files without them import as before).
OPTIONAL = {
    "initiatives": imports_campaigns.INITIATIVE_AUTHORS,
    "heads": imports_campaigns.HEAD_DECIDED_ON,
}


def run_import(kind: str, db, path: Path, today: dt.date, dry_run: bool, progress=None,
               campaign_id: int | None = None):
    """The importer of ``kind`` (the same functions as the command line)."""
    if kind == "units":
        return imports.import_units(db, path, dry_run=dry_run, progress=progress)
    if kind == "staff":
        return imports.import_staff(db, path, today, dry_run=dry_run, progress=progress)
    if kind == "initiatives":
        return imports_campaigns.import_initiatives(db, path, campaign_id, today, dry_run=dry_run,
                                                    progress=progress)
    if kind == "classifications":
        return imports_classifications.import_classifications(db, path, dry_run=dry_run, progress=progress)
    if kind == "discipline":
        return imports_discipline.import_discipline(db, path, today, dry_run=dry_run, progress=progress)
    if kind == "ratings":
        return imports_ratings.import_ratings(db, path, dry_run=dry_run, progress=progress)
    if kind == "awards":
        return award_exchange.import_awards(db, path, dry_run=dry_run, progress=progress)
    return imports_campaigns.import_head_evaluations(db, path, dry_run=dry_run, progress=progress)


class ImportDialog(QDialog):
    def __init__(self, kind: str, db_path: Path, parent=None, campaign_id: int | None = None,
                 campaign_name: str = "", context: str = ""):
        super().__init__(parent)
        self.kind = kind
        self.campaign_id = campaign_id
        self.db_path = db_path
        self.written = False
        self.errors: list[str] = []
        self.setWindowTitle(TITLES[kind])
        headers = HEADERS[kind]
        intro = QLabel(
            "Trang tính đầu tiên, dòng 1 là tiêu đề, đúng các cột: "
            + " | ".join(headers)
            + (f" (có thể thêm cột cuối “{OPTIONAL[kind]}”, không bắt buộc)" if kind in OPTIONAL else "")
            + ".\nTệp được kiểm tra trước; chỉ khi không có lỗi nào mới được ghi, và ghi toàn bộ một lần. "
            "Mã đã có thì cập nhật, không tạo bản trùng."
            + (f"\nĐợt thi đua: {campaign_name}." if campaign_name else "")
            + (f"\n{context}" if context else "")
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText("Chọn tệp .xlsx")
        self.path.returnPressed.connect(self.check)
        browse = QPushButton("Chọn tệp...")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.summary = text_label("summary")
        self.error_list = QPlainTextEdit()
        self.error_list.setObjectName("errors")
        self.error_list.setReadOnly(True)
        self.error_list.setMinimumHeight(220)
        self.copy_button = QPushButton("Sao chép danh sách lỗi")
        self.copy_button.clicked.connect(self.copy_errors)
        self.check_button = QPushButton("Kiểm tra")
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton("Nhập vào cơ sở dữ liệu")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_list, 1)
        layout.addLayout(buttons)
        self.resize(760, 460)
        self._show_errors([])

    def browse(self) -> None:
        path = messages.open_xlsx(self, TITLES[self.kind])
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path) -> None:
        """Choose the file and check it straight away."""
        self.path.setText(str(path))
        self.check()

    def _run(self, dry_run: bool):
        path, kind, db_path = Path(self.path.text().strip()), self.kind, self.db_path
        today, campaign_id = dt.date.today(), self.campaign_id

        def work(progress):
            db = connect(db_path)
            try:
                return run_import(kind, db, path, today, dry_run, progress, campaign_id)
            finally:
                db.close()

        verb = "Đang kiểm tra" if dry_run else "Đang nhập"
        return run_with_progress(self, f"{verb} tệp {path.name}...", work)

    def check(self) -> bool:
        """Validate the file without writing; enable "Nhập" only when it is clean."""
        self.import_button.setEnabled(False)
        if not self.path.text().strip():
            self.summary.setText("Chưa chọn tệp.")
            return False
        try:
            result = self._run(dry_run=True)
        except ImportRejected as e:
            self.summary.setText(f"Tệp có {len(e.errors)} lỗi, chưa ghi gì. Sửa tệp rồi kiểm tra lại.")
            self._show_errors(e.errors)
            return False
        except (DomainError, OSError) as e:
            self.summary.setText(str(e))
            self._show_errors([])
            return False
        self._show_errors(list(result.warnings))
        self.summary.setText(_summary(result) + " Bấm “Nhập vào cơ sở dữ liệu” để ghi.")
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
        self._show_errors(list(result.warnings))
        self.summary.setText(_summary(result))
        return True

    def _show_errors(self, errors: list[str]) -> None:
        self.errors = list(errors)
        self.error_list.setPlainText("\n".join(errors))
        self.error_list.setVisible(bool(errors))
        self.copy_button.setVisible(bool(errors))

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.errors))


def _summary(result) -> str:
    """The result in one line; its warnings (rows hidden in Excel) are listed below it."""
    text = result.summary(with_warnings=False)
    if result.warnings:
        text += f" Lưu ý {len(result.warnings)} điều (xem danh sách dưới đây)."
    return text
