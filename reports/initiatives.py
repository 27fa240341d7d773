"""The register of a campaign's initiatives: "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP".

Renders the models' :class:`~models.campaigns.registers.RegisterData` (labels already Vietnamese,
rows in print order) to PDF bytes. Landscape A4, because the table has eight columns.
"""
from __future__ import annotations

from collections.abc import Sequence

from models.campaigns.campaigns import campaign_subtitle
from models.campaigns.registers import RegisterData, RegisterEntry

from reports.council import council_parts
from reports.document import PageLayout, scaled_columns
from reports.parts import Closing, Document, Grid, Header, Heading, Row, Text, render
from reports.wording import count_text, nfc, short_date

TITLE = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP"
KINDS = ("Mô hình", "Sáng kiến", "Giải pháp")

# Column widths in mm on the 252 mm wide landscape frame (scaled if the frame differs).
_COLUMNS = (
    ("STT", 12, "CENTER", False),
    ("Đơn vị", 44, "LEFT", True),
    ("Tên mô hình, sáng kiến, giải pháp", 68, "LEFT", True),
    ("Loại", 20, "CENTER", True),
    ("Lĩnh vực", 39, "LEFT", True),
    ("Ngày đăng ký", 23, "CENTER", False),
    ("Ngày báo cáo kết quả", 23, "CENTER", False),
    ("Đánh giá của Hội đồng", 23, "CENTER", True),
)


def totals_line(rows: Sequence[RegisterEntry]) -> str:
    """"Tổng số: X đơn vị đăng ký (Y mô hình, Z sáng kiến, W giải pháp)"; X counts distinct units.
    Kinds other than the three usual ones are counted after them."""
    units = {nfc(r.unit_name).strip().casefold() for r in rows}
    counts: dict[str, int] = {k.casefold(): 0 for k in KINDS}
    labels: dict[str, str] = {k.casefold(): k.lower() for k in KINDS}
    for row in rows:
        key = nfc(row.kind).strip().casefold()
        if key:
            counts[key] = counts.get(key, 0) + 1
            labels.setdefault(key, nfc(row.kind).strip().lower())
    parts = ", ".join(f"{count_text(n)} {labels[k]}" for k, n in counts.items())
    return f"Tổng số: {count_text(len(units))} đơn vị đăng ký ({parts})"


def register_document(data: RegisterData) -> Document:
    """The register (landscape A4): the council's header, title and campaign, the table, the units
    that have not registered, the totals, then the signature block and Nơi nhận."""
    header, signature, recipients = council_parts(data.council)
    layout = PageLayout(landscape=True)
    subtitle = campaign_subtitle(data.campaign_name, data.year)
    note = f"(Số liệu tính đến {short_date(data.as_of)})" if data.as_of else ""
    rows = tuple(
        Row((count_text(i), r.unit_name, r.title, r.kind, r.field, short_date(r.registered_on),
             short_date(r.reported_on), r.assessment))
        for i, r in enumerate(data.entries, start=1)
    )
    blocks: list = [Header(header), Heading(TITLE, subtitle, note=note, deadlines=data.deadlines),
                    Grid(tuple(scaled_columns(_COLUMNS, layout)), rows, "Chưa có đơn vị nào đăng ký.")]
    closing = []
    if data.unregistered_units:
        names = "; ".join(nfc(n).strip() for n in data.unregistered_units)
        closing.append(Text(f"{names}.", "plain",
                            lead=f"Các đơn vị chưa đăng ký ({count_text(len(data.unregistered_units))}):"))
    closing.append(Text(totals_line(data.entries), "plain"))
    blocks.append(Closing(signature, tuple(recipients), tuple(closing)))
    return Document(f"{TITLE} - {subtitle}", tuple(blocks), layout)


def register_pdf(data: RegisterData, fmt: str = "pdf") -> bytes:
    """The register as PDF (or Word, ``fmt="docx"``) bytes (see :func:`register_document`)."""
    return render(register_document(data), fmt)
