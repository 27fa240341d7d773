"""Qt's own texts in Vietnamese: the standard buttons (OK, Cancel, Yes, No, Save...), the input
dialogs, the text fields' right-click menu and Qt's own file dialog.

PySide6 ships no Vietnamese translation of Qt (no qtbase_vi.qm), so without this the app's
Vietnamese screens open boxes with "Cancel" and file dialogs in English. The table is small and
kept here as Python: no .qm file to build or ship. Qt asks a translator for (context, source
text); a text not in the table stays as Qt wrote it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_BUTTONS = {
    "OK": "Đồng ý",
    "Cancel": "Hủy",
    "&Yes": "&Có",
    "&No": "&Không",
    "Yes to &All": "Có với tất &cả",
    "N&o to All": "Không với tấ&t cả",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Don't Save": "Không lưu",
    "Open": "Mở",
    "Close": "Đóng",
    "Close without Saving": "Đóng không lưu",
    "Discard": "Bỏ",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    "Help": "Trợ giúp",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
}

_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "Sao &chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "&Chọn tất cả",
}

_FILE_DIALOG = {
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1 already exists.\nDo you want to replace it?": "Tệp %1 đã có.\nGhi đè lên tệp này?",
    "'%1' is write protected.\nDo you want to delete it anyway?": "“%1” đang được bảo vệ chống ghi.\nVẫn xóa?",
    "Are you sure you want to delete '%1'?": "Xóa “%1”?",
    "Could not delete directory.": "Không xóa được thư mục.",
    "%1 File": "Tệp %1",
    "&Choose": "&Chọn",
    "&Delete": "&Xóa",
    "&New Folder": "Thư mục &mới",
    "&Open": "&Mở",
    "&Rename": "Đổi &tên",
    "&Save": "&Lưu",
    "Alias": "Bí danh",
    "All Files (*)": "Tất cả các tệp (*)",
    "All files (*)": "Tất cả các tệp (*)",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Go back": "Quay lại",
    "Go forward": "Tiến tới",
    "Go to the parent directory": "Lên thư mục cha",
    "Change to detail view mode": "Xem dạng chi tiết",
    "Change to list view mode": "Xem dạng danh sách",
    "Detail View": "Xem chi tiết",
    "List View": "Xem danh sách",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "Delete": "Xóa",
    "Remove": "Bỏ",
    "Directories": "Thư mục",
    "Directory:": "Thư mục:",
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "Files": "Tệp",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "File &name:": "&Tên tệp:",
    "Files of type:": "Loại tệp:",
    "Find Directory": "Chọn thư mục",
    "List of places and bookmarks": "Các vị trí và dấu trang",
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "Files of &type:": "&Loại tệp:",
    "My Computer": "Máy tính",
    "Open": "Mở",
    "Save As": "Lưu thành",
    "Recent Places": "Vị trí gần đây",
    "Shortcut": "Lối tắt",
    "Show ": "Hiện ",
    "Show &hidden files": "Hiện tệp ẩ&n",
    "Sidebar": "Thanh bên",
    "Unknown": "Không rõ",
}

_FILE_SYSTEM_MODEL = {
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa",
    "Computer": "Máy tính",
    "My Computer": "Máy tính",
    "Invalid filename": "Tên tệp không hợp lệ",
    '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no punctuation marks.':
        "<b>Không dùng được tên “%1”.</b><p>Hãy đặt tên khác, ngắn hơn hoặc không có dấu câu.",
}

VIETNAMESE: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": {"OK": "Đồng ý"},
    "QGnomeTheme": {"&OK": "&Đồng ý", "&Cancel": "&Hủy", "&Close": "&Đóng", "&Save": "&Lưu",
                    "Close without Saving": "Đóng không lưu"},
    "QProgressDialog": {"Cancel": "Hủy"},
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QMessageBox": {"Show Details...": "Xem chi tiết...", "Hide Details...": "Ẩn chi tiết..."},
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": {**_EDIT_MENU, "Copy &Link Location": "Sao chép địa chỉ &liên kết"},
    "QAbstractSpinBox": {"&Select All": "&Chọn tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_SYSTEM_MODEL,
    "QAbstractFileIconProvider": {"Drive": "Ổ đĩa", "Folder": "Thư mục", "File": "Tệp", "%1 File": "Tệp %1",
                                  "File Folder": "Thư mục", "Alias": "Bí danh", "Shortcut": "Lối tắt",
                                  "Unknown": "Không rõ"},
}


class VietnameseQtTranslator(QTranslator):
    """Qt's standard texts in Vietnamese, from :data:`VIETNAMESE`; others as Qt wrote them."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt's virtual)
        # None is a null QString: Qt then uses its own text (an empty string would blank it).
        return VIETNAMESE.get(str(context), {}).get(str(source_text))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


_installed: list[VietnameseQtTranslator] = []  # kept here so Python never frees the translator


def install_vietnamese_qt_texts(app: QCoreApplication) -> VietnameseQtTranslator:
    """Install the translator on ``app`` (once)."""
    if not _installed:
        translator = VietnameseQtTranslator(app)
        app.installTranslator(translator)
        _installed.append(translator)
    return _installed[0]
