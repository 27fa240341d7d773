"""Tệp > Thông tin in trên văn bản: the council's names, place, signer and recipients every PDF prints."""
from models.store.settings import CouncilNames, council_names
from ui.store.council_dialog import CouncilDialog
from ui.main_window import MainWindow

from .title_fixtures import accept_with


def _window(qtbot, db, tmp_path) -> MainWindow:
    window = MainWindow(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    return window


def _fill_district_12(dialog: CouncilDialog) -> None:
    dialog.parent_body.setText("  ỦY BAN NHÂN DÂN QUẬN 12 ")
    dialog.place.setText("Quận 12")
    dialog.authority.setCurrentText("KT. CHỦ TỊCH")
    dialog.title.setCurrentText("PHÓ CHỦ TỊCH")
    dialog.signer.setText("Lê Thị Ngọc Ánh")
    dialog.recipients.setPlainText("Như trên;\n\n  Lưu: VT, NV. ")


def test_the_names_are_saved_for_every_document_and_undone_with_ctrl_z(qtbot, sample_db, tmp_path, monkeypatch):
    window = _window(qtbot, sample_db, tmp_path)
    opened = accept_with(monkeypatch, CouncilDialog, _fill_district_12)
    assert window.edit_council_names()
    assert len(opened) == 1
    assert council_names(sample_db) == CouncilNames(
        parent_body="ỦY BAN NHÂN DÂN QUẬN 12", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", place="Quận 12",
        signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH", signer_name="Lê Thị Ngọc Ánh",
        recipients=("Như trên;", "Lưu: VT, NV."))
    assert window.undo.next_text == "Sửa thông tin in trên văn bản"
    window.undo_last()
    assert council_names(sample_db) == CouncilNames()


def test_an_empty_required_line_is_shown_beside_its_field_and_nothing_is_saved(qtbot, sample_db, tmp_path,
                                                                                monkeypatch):
    window = _window(qtbot, sample_db, tmp_path)

    def fill(dialog: CouncilDialog) -> None:
        _fill_district_12(dialog)
        dialog.place.setText("   ")
        dialog.title.setCurrentText("")

    opened = accept_with(monkeypatch, CouncilDialog, fill)
    assert not window.edit_council_names()
    dialog = opened[0]
    assert dialog.form.error_text("place") == (
        "Địa danh ghi trước ngày tháng (ví dụ “Gò Vấp”) không được để trống")
    assert dialog.form.error_text("signer_title") == "Chức vụ người ký không được để trống"
    assert dialog.form.error_text("parent_body") == ""
    assert sample_db.execute("SELECT count(*) FROM setting WHERE key = 'council_names'").fetchone() == (0,)
    assert window.undo.next_text == ""
