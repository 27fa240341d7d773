"""Qt's own texts (standard buttons, input dialogs, the file dialog, a text field's menu) are
Vietnamese once the application is created: PySide6 ships no Vietnamese translation of Qt."""
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton, QToolButton

from ui.app import create_application
from ui.kit.translation import install_vietnamese_qt_texts

B = QMessageBox.StandardButton


def test_message_box_standard_buttons_are_vietnamese(qtbot):
    create_application()
    box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận", "Lưu thay đổi?",
                      B.Ok | B.Cancel | B.Yes | B.No | B.Save | B.Close | B.Discard | B.Apply)
    qtbot.addWidget(box)
    texts = {button: box.button(button).text() for button in (B.Ok, B.Cancel, B.Yes, B.No, B.Save, B.Close,
                                                                B.Discard, B.Apply)}
    assert texts == {B.Ok: "Đồng ý", B.Cancel: "Hủy", B.Yes: "&Có", B.No: "&Không", B.Save: "Lưu",
                     B.Close: "Đóng", B.Discard: "Bỏ", B.Apply: "Áp dụng"}


def test_input_dialog_buttons_are_vietnamese(qtbot):
    create_application()
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setLabelText("Tên của bạn:")
    dialog.show()
    assert sorted(b.text() for b in dialog.findChildren(QPushButton)) == ["Hủy", "Đồng ý"]


def test_qts_own_file_dialog_and_text_menu_are_vietnamese(qtbot):
    create_application()
    dialog = QFileDialog(None, "Lưu thành tệp PDF")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    assert sorted(b.text() for b in dialog.findChildren(QPushButton)) == ["&Lưu", "Hủy"]
    assert {b.toolTip() for b in dialog.findChildren(QToolButton)} >= {
        "Quay lại", "Tiến tới", "Thư mục cha", "Tạo thư mục mới", "Xem danh sách", "Xem chi tiết"}
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    assert [a.text().split("\t")[0] for a in menu.actions() if a.text()] == [
        "&Hoàn tác", "&Làm lại", "&Cắt", "Sao &chép", "&Dán", "Xóa", "Chọn tất cả"]
    menu.deleteLater()


def test_a_text_not_in_the_table_stays_as_qt_wrote_it_and_the_translator_is_installed_once(qapp):
    first = install_vietnamese_qt_texts(qapp)
    assert install_vietnamese_qt_texts(qapp) is first
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QPlatformTheme", "Không có trong bảng") == "Không có trong bảng"
    assert QCoreApplication.translate("QFileDialog", "Cancel") == "Cancel"  # another context: its own table
