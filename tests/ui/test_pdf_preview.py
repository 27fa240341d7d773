import io
import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from models.campaigns.campaigns import add_participant
from models.common.codes import UnitKind
from models.people.units import Unit, save_unit
from ui.kit import pdf_export, pdf_preview
from ui.kit.pdf_preview import PdfPreviewDialog, page_image

from .review_fixtures import (  # noqa: F401  (review_db is a fixture)
    AS_OF,
    COMMENDATION,
    CRITICISM,
    open_page,
    review_db,
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))
    return " ".join(text.split())  # a title may wrap: compare words, not lines


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def shown(monkeypatch):
    """Preview windows opened, instead of waiting for the user to close them."""
    opened = []

    def fake_exec(self):
        opened.append(self)
        self.show()
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", fake_exec)
    return opened


def test_the_preview_shows_every_page_of_the_list(qtbot, review_db, tmp_path, shown):
    page = open_page(qtbot, review_db, tmp_path)
    page.panels[CRITICISM].preview_action.trigger()
    dialog = shown[0]
    assert dialog.windowTitle() == "Xem trước: danh sách phê bình"
    assert dialog.page_count == _pages(dialog.pdf) >= 1
    assert dialog.position.text() == f"Trang 1 / {dialog.page_count}"
    assert "Phòng Nội vụ" in _text(dialog.pdf)
    assert "Phường 1 " not in _text(dialog.pdf)  # not criticised (Phường 10 is)
    dialog.close()


def test_a_long_list_has_several_pages_stacked_and_zooms(qtbot, review_db, tmp_path, shown):
    for n in range(60):  # units that never register: criticised
        unit = save_unit(review_db, Unit(code=f"X{n:02d}", name=f"Tổ dân phố số {n + 1}", kind=UnitKind.KHAC))
        add_participant(review_db, review_db.campaign_id, unit.id, AS_OF.replace(year=2018, month=11, day=2))
    page = open_page(qtbot, review_db, tmp_path)
    page.panels[CRITICISM].preview_action.trigger()
    dialog = shown[0]
    assert dialog.page_count == _pages(dialog.pdf) > 1
    rects = dialog.pages.rects
    assert len(rects) == dialog.page_count and rects[1].top() > rects[0].bottom()
    width = dialog.pages.width()
    dialog.zoom_in()
    assert dialog.zoom_label.text() == "110%" and dialog.pages.width() > width
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.zoom_label.text() == "90%"
    dialog.scroll.verticalScrollBar().setValue(dialog.pages.rects[-1].top())
    assert dialog.position.text() == f"Trang {dialog.page_count} / {dialog.page_count}"
    image = dialog.pages.image(0)
    assert not image.isNull() and image.pixelColor(5, 5).name() == "#ffffff"  # the paper, drawn
    dialog.close()


def test_saving_from_the_preview_writes_the_same_pdf(qtbot, review_db, tmp_path, shown, monkeypatch, answers):
    page = open_page(qtbot, review_db, tmp_path)
    page.show_list(COMMENDATION).preview_action.trigger()
    out = tmp_path / "nêu gương.pdf"
    monkeypatch.setattr(pdf_export, "ask_pdf_path", lambda *a: str(out))
    assert shown[0].save_as()
    assert out.read_bytes() == shown[0].pdf
    text = _text(out.read_bytes())
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG" in text
    assert "Nguyễn Văn Ánh" in text and "Ủy ban nhân dân Phường 1" in text
    assert answers.infos[-1].endswith(str(out))


def test_lu_pdf_writes_the_list_with_a_unit_name(qtbot, review_db, tmp_path, monkeypatch, answers):
    page = open_page(qtbot, review_db, tmp_path)
    out = tmp_path / "phe-binh.pdf"
    monkeypatch.setattr(pdf_export, "ask_pdf_path", lambda *a: str(out))
    page.panels[CRITICISM].save_action.trigger()
    text = _text(out.read_bytes())
    assert "DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH" in text
    assert "Quận đoàn" in text and "Thực hiện không hiệu quả" in text
    assert answers.errors == []


def test_printing_draws_every_page_at_the_printer_resolution(qtbot, review_db, tmp_path, shown, monkeypatch):
    printed = tmp_path / "printed.pdf"

    def printer_to_file(parent, pages, size):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(pdf_preview, "ask_printer", printer_to_file)
    page = open_page(qtbot, review_db, tmp_path)
    page.show_list(COMMENDATION).preview_action.trigger()
    dialog = shown[0]
    assert dialog.print_pdf()
    reader = PdfReader(str(printed))
    assert len(reader.pages) == dialog.page_count
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4, as the list
    assert reader.pages[0].images  # each page drawn as a picture of the list


def test_a_cancelled_print_dialog_prints_nothing(qtbot, review_db, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_preview, "ask_printer", lambda *a: None)
    page = open_page(qtbot, review_db, tmp_path)
    assert page.panels[CRITICISM].print_list() is False


def test_a_page_renders_into_an_image_of_its_size(qtbot, review_db, tmp_path, shown):
    page = open_page(qtbot, review_db, tmp_path)
    page.panels[CRITICISM].preview_action.trigger()
    document = shown[0].document
    image = page_image(document[0], 2.0)
    w, h = document[0].get_size()
    assert (image.width(), image.height()) == (round(w * 2), round(h * 2))
    assert image.format() == QImage.Format.Format_RGBX8888
