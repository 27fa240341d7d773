"""Reading a written .docx back with python-docx: its body text in order (paragraphs and table cells)."""
import io
import unicodedata

from docx import Document
from docx.oxml.ns import qn


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, tables included (cell by cell, merged cells once), composed."""
    doc = Document(io.BytesIO(data))
    texts = []
    for p in doc.element.body.iter(qn("w:p")):
        texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return unicodedata.normalize("NFC", "\n".join(texts))


def words(text: str) -> set[str]:
    return set(text.split())
