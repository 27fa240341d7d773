"""Reading a rendered PDF back with pypdf: its pages' text and where each run of text stands."""
import io
import unicodedata

from pypdf import PdfReader


def raw_pages(pdf: bytes) -> list[str]:
    """The text exactly as the PDF encodes it (decomposed marks would show here)."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def pages(pdf: bytes) -> list[str]:
    """Each page's text, composed (NFC)."""
    return [unicodedata.normalize("NFC", t) for t in raw_pages(pdf)]


def flat(text: str) -> str:
    """White space collapsed, so a cell wrapped over two lines reads as one line."""
    return " ".join(text.split())


def runs(pdf: bytes, index: int) -> list[tuple[str, float, float, str]]:
    """(text, x, y, font name) of every text run on page ``index``, y in points from the bottom."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            found.append((unicodedata.normalize("NFC", text.strip()), x, y, font))

    PdfReader(io.BytesIO(pdf)).pages[index].extract_text(visitor_text=visit)
    return found


def runs_above(pdf: bytes, index: int, y_min: float) -> list[str]:
    """The text runs on page ``index`` that stand above ``y_min`` (in the top margin, say)."""
    return [text for text, _, y, _ in runs(pdf, index) if y > y_min]


def first_page(pdf: bytes) -> str:
    """The first page's text, composed and with white space collapsed."""
    return flat(pages(pdf)[0])


def missing(text: str, parts) -> list[str]:
    """The ``parts`` that ``text`` does not contain (an empty list when it holds them all)."""
    return [part for part in parts if part not in text]
