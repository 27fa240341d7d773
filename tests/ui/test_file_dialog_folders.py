"""The save and open dialogs start in the user's Documents folder, then in the folder last used for
the same kind of file (pdf, xlsx, import), kept per user in QSettings."""
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtWidgets import QFileDialog

from ui.kit import messages, pdf_export


@pytest.fixture
def documents(tmp_path, monkeypatch):
    folder = tmp_path / "Tài liệu"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch):
    """The dialogs answer the path in ``dialogs.answer`` and record the path they were opened at."""
    class Dialogs:
        answer = ""
        opened_at: list[str] = []

    def dialog(parent, title, start, file_filter):
        Dialogs.opened_at.append(start)
        return Dialogs.answer, ""

    Dialogs.opened_at = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    return Dialogs


def test_dialogs_start_in_documents_then_in_the_last_folder_of_the_same_kind(qapp, tmp_path, documents, dialogs):
    reports, sheets, imports = (tmp_path / name for name in ("bao-cao", "bang-tinh", "nhap"))
    for folder in (reports, sheets, imports):
        folder.mkdir()
    dialogs.answer = str(reports / "xep-loai")
    assert pdf_export.ask_pdf_path(None, "In", "xep-loai-quy3-2018.pdf") == str(reports / "xep-loai.pdf")
    dialogs.answer = str(sheets / "don-vi.xlsx")
    assert messages.save_xlsx(None, "Xuất", "don-vi.xlsx") == str(sheets / "don-vi.xlsx")
    dialogs.answer = str(imports / "can-bo.xlsx")
    assert messages.open_xlsx(None, "Nhập") == str(imports / "can-bo.xlsx")
    assert dialogs.opened_at == [str(documents / "xep-loai-quy3-2018.pdf"), str(documents / "don-vi.xlsx"),
                                 str(documents)]
    dialogs.answer = ""  # cancelled: nothing remembered
    assert pdf_export.ask_pdf_path(None, "In", "tong-hop.pdf") == ""
    assert messages.save_xlsx(None, "Xuất", "mau.xlsx") == ""
    assert messages.open_xlsx(None, "Nhập") == ""
    assert dialogs.opened_at[3:] == [str(reports / "tong-hop.pdf"), str(sheets / "mau.xlsx"), str(imports)]


def test_a_folder_that_is_gone_or_a_refused_file_sends_the_dialog_back_to_documents(
        qapp, tmp_path, documents, dialogs, answers):
    gone = tmp_path / "usb"
    gone.mkdir()
    dialogs.answer = str(gone / "a.pdf")
    assert pdf_export.ask_pdf_path(None, "In", "a.pdf") == str(gone / "a.pdf")
    gone.rmdir()
    elsewhere = tmp_path / "khac"
    elsewhere.mkdir()
    (elsewhere / "b.xlsx").write_bytes(b"%PDF-1.4")  # a PDF named .xlsx: refused, not remembered
    dialogs.answer = str(elsewhere / "b.xlsx")
    assert messages.save_xlsx(None, "Xuất", "b.xlsx") == ""
    assert answers.errors
    dialogs.answer = ""
    pdf_export.ask_pdf_path(None, "In", "c.pdf")
    messages.save_xlsx(None, "Xuất", "d.xlsx")
    assert dialogs.opened_at[-2:] == [str(documents / "c.pdf"), str(documents / "d.xlsx")]


def test_without_a_documents_folder_the_dialogs_start_at_home(qapp, tmp_path, monkeypatch, dialogs):
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "khong-co"))
    messages.open_xlsx(None, "Nhập")
    assert dialogs.opened_at == [str(Path.home())]
