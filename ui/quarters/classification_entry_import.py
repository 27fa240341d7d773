"""Excel round trip of one unit's quarter from the entry screen: the pre-filled workbook the unit
fills in, importing it back (checked first, then written all or nothing), exporting the results.

The work runs off the GUI thread (``run_with_progress``) with its own database connection; the
functions are the command line's (``models.quarters.imports_classifications``).
"""
from __future__ import annotations

from pathlib import Path

from models.common.errors import DomainError
from models.store.output import file_name_part

from ui.kit import messages
from ui.kit.import_dialog import ImportDialog
from ui.kit.tasks import write_xlsx


def save_unit_template(parent, db_path: Path, unit_id: int, unit_code: str, unit_name: str,
                       year: int, quarter: int, unsaved: bool = False) -> str:
    """Ask where, write the unit's pre-filled workbook, tell the user; the path or ""."""
    from models.quarters.imports_classifications import write_unit_workbook

    written = write_xlsx(parent, db_path, f"Tệp mẫu xếp loại quý {quarter}/{year} cho {unit_name}",
                         f"xep-loai-{file_name_part(unit_code)}-quy{quarter}-{year}.xlsx", "Đang tạo tệp mẫu...",
                         lambda db, path: write_unit_workbook(db, unit_id, year, quarter, path),
                         "Không tạo được tệp mẫu", (OSError, DomainError))
    if written is None:
        return ""
    path, count = written
    note = "\n(Các thay đổi chưa lưu trên màn hình không có trong tệp.)" if unsaved else ""
    messages.inform(parent, "Đã tạo tệp mẫu",
                    f"Tệp mẫu quý {quarter}/{year} của {unit_name} có {count} người, gửi đơn vị điền cột "
                    f"“Xếp loại” (và lý do nếu Không đánh giá), rồi nhập lại bằng “Nhập từ Excel...”."
                    f"{note}\n{path}")
    return path


def export_unit_results(parent, db_path: Path, unit_id: int, unit_code: str, unit_name: str,
                        year: int, quarter: int) -> str:
    from models.quarters.imports_classifications import export_classifications

    written = write_xlsx(parent, db_path, f"Xuất kết quả xếp loại quý {quarter}/{year} của {unit_name}",
                         f"ket-qua-xep-loai-{file_name_part(unit_code)}-quy{quarter}-{year}.xlsx", "Đang xuất kết quả...",
                         lambda db, path: export_classifications(db, year, quarter, path, unit_id), "Không xuất được")
    if written is None:
        return ""
    path, count = written
    messages.inform(parent, "Đã xuất", f"Đã xuất kết quả của {count} người ra tệp:\n{path}")
    return path


class ClassificationImportDialog(ImportDialog):
    """Check a unit's filled workbook (dry run), list its errors or what it would change, and import
    it on request: the shared import window, for the classification importer."""

    def __init__(self, db_path: Path, unit_text: str, parent=None):
        super().__init__("classifications", Path(db_path), parent,
                         context=f"Tệp mẫu của đơn vị ({unit_text}). Quý đã chốt không nhập được.")
