"""Reading a written .docx back with python-docx: its body text in order (paragraphs and table cells)."""
import io
import unicodedata

from docx import Document
from docx.oxml.ns import qn


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, tables included (cell by cell, merged cells once), composed."""
    doc = Document(io.BytesIO(data))
    texts = []
    breaks = {qn("w:br"), qn("w:tab"), qn("w:cr")}
    for p in doc.element.body.iter(qn("w:p")):
        texts.append("".join((e.text or "") if e.tag == qn("w:t") else "\n" for e in p.iter()
                             if e.tag == qn("w:t") or e.tag in breaks))
    return unicodedata.normalize("NFC", "\n".join(texts))


def words(text: str) -> set[str]:
    return set(text.split())
