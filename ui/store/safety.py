"""Data safety in the window: one program per database, a backup and a quick check at every start,
"Sao lưu", "Khôi phục" and "Kiểm tra dữ liệu" in the Tệp menu."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from models.store.backup import automatic_backup, backup_to, list_backups, restore
from models.check import full_check, quick_check
from models.store.db import connect, program_schema_version
from models.common.errors import DomainError

from ui.kit import messages
from ui.store.db_lock import lock_database, refuse_second_copy  # noqa: F401  (the window's menu uses them here)
from ui.kit.tasks import run_with_progress

DB_FILTER = "Cơ sở dữ liệu TĐKT (*.sqlite3 *.db)"


def start_of_session(window) -> None:
    """Right after the window shows: back the database up (rotation) and run the quick check."""
    try:
        saved = automatic_backup(window.db_path, dt.datetime.now())
    except (OSError, DomainError) as e:
        window.statusBar().showMessage(f"Chưa sao lưu tự động được: {e}", 15000)
    else:
        if saved is not None:
            window.statusBar().showMessage(f"Đã sao lưu tự động: {saved.name}", 8000)
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
    window.db.close()
    try:
        safety = restore(chosen, db_path, dt.datetime.now(), program_schema_version())
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
    findings = full_check(window.db)
    if not findings:
        messages.inform(window, "Kiểm tra dữ liệu",
                        "Không phát hiện vấn đề nào: kiểm tra toàn vẹn, khóa ngoại và các quy tắc dữ liệu đều đạt.")
        return
    lines = [("Lỗi: " if f.serious else "Cần xem: ") + f.what for f in findings]
    messages.error(window, "Kiểm tra dữ liệu", f"Phát hiện {len(findings)} vấn đề:\n- " + "\n- ".join(lines[:30]))

