"""The window's save paths refuse a database or a file of another kind (the save dialog has already
asked before replacing a file of the same kind) and leave it as it was."""
import sqlite3

import openpyxl
from PySide6.QtWidgets import QFileDialog

from ui.kit import messages, pdf_export
from ui.people.units_page import UnitsPage


def _choose(monkeypatch, path):
    """The save dialog answers ``path``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _database(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    return path


def test_exporting_onto_a_database_is_refused_and_the_database_kept(qtbot, db, tmp_path, monkeypatch, answers):
    page = UnitsPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    target = _database(tmp_path / "du-lieu.xlsx")
    before = target.read_bytes()
    _choose(monkeypatch, target)
    page.export_excel()
    assert answers.errors == [f"Tệp “{target}” đã có và là cơ sở dữ liệu; không ghi tệp Excel đè lên nó. "
                              "Hãy chọn tên tệp khác."]
    assert target.read_bytes() == before
    assert answers.infos == []


def test_a_file_of_another_kind_is_refused_one_of_the_same_kind_accepted(qapp, tmp_path, monkeypatch, answers):
    pdf_named_xlsx, xlsx_named_pdf, workbook = tmp_path / "a.xlsx", tmp_path / "b.pdf", tmp_path / "c.xlsx"
    pdf_named_xlsx.write_bytes(b"%PDF-1.4 cu")
    openpyxl.Workbook().save(xlsx_named_pdf)
    openpyxl.Workbook().save(workbook)
    _choose(monkeypatch, pdf_named_xlsx)
    assert messages.save_xlsx(None, "Xuất", "x.xlsx") == ""
    _choose(monkeypatch, xlsx_named_pdf)
    assert pdf_export.ask_pdf_path(None, "In", "x.pdf") == ""
    assert answers.errors == [
        f"Tệp “{pdf_named_xlsx}” đã có và là tệp PDF; không ghi tệp Excel đè lên nó. Hãy chọn tên tệp khác.",
        f"Tệp “{xlsx_named_pdf}” đã có và là tệp Excel; không ghi tệp PDF đè lên nó. Hãy chọn tên tệp khác.",
    ]
    _choose(monkeypatch, workbook)
    assert messages.save_xlsx(None, "Xuất", "x.xlsx") == str(workbook)
    _choose(monkeypatch, tmp_path / "moi")
    assert pdf_export.ask_pdf_path(None, "In", "x.pdf") == str(tmp_path / "moi.pdf")
    assert len(answers.errors) == 2

