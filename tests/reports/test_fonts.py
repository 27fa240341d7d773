import io
import unicodedata

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reports.fonts import document_fonts, find_times_new_roman

SAMPLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - Độc lập - Tự do - Hạnh phúc - Nguyễn Thị Thu Hà"


def _pdf_text(font_name: str, text: str) -> str:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont(font_name, 13)
    page.drawString(72, 720, text)
    page.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


def test_without_times_new_roman_the_bundled_liberation_serif_is_used(tmp_path):
    family = document_fonts(search_dirs=[tmp_path])
    assert family.name == "LiberationSerif"
    assert all(path.is_file() for path in family.files.values())
    assert (family.files["regular"].parent / "LICENSE-LiberationSerif-OFL.txt").is_file()


def test_vietnamese_prints_in_every_style_of_the_document_font(tmp_path):
    family = document_fonts(search_dirs=[tmp_path])
    for name in (family.regular, family.bold, family.italic, family.bolditalic):
        text = _pdf_text(name, SAMPLE)
        assert unicodedata.normalize("NFC", text).strip() == SAMPLE


def test_times_new_roman_is_found_only_when_all_four_styles_exist(tmp_path):
    for name in ("times.ttf", "timesbd.ttf", "timesi.ttf"):
        (tmp_path / name).write_bytes(b"")
    assert find_times_new_roman([tmp_path]) is None
    (tmp_path / "timesbi.ttf").write_bytes(b"")
    found = find_times_new_roman([tmp_path])
    assert found["bold"].name == "timesbd.ttf"


def test_a_damaged_times_new_roman_falls_back_to_liberation_serif(tmp_path):
    for name in ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"):
        (tmp_path / name).write_bytes(b"not a font")
    assert document_fonts(search_dirs=[tmp_path]).name == "LiberationSerif"
