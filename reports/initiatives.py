"""The register of a campaign's initiatives: "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP".

Renders the models' :class:`~models.campaigns.registers.RegisterData` (labels already Vietnamese,
rows in print order) to PDF bytes. Landscape A4, because the table has eight columns.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Paragraph

from models.campaigns.campaigns import campaign_subtitle
from models.campaigns.registers import RegisterData, RegisterEntry

from reports.council import council_parts
from reports.document import PageLayout, build_document, data_table, header_block, scaled_columns, signature_block, styles_for, title_block
from reports.wording import markup, nfc, short_date

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
    parts = ", ".join(f"{n} {labels[k]}" for k, n in counts.items())
    return f"Tổng số: {len(units)} đơn vị đăng ký ({parts})"


def register_pdf(data: RegisterData) -> bytes:
    """The register as PDF bytes (landscape A4): the council's header, title and campaign, the
    table, the units that have not registered, the totals, then the signature block and Nơi nhận."""
    header, signature, recipients = council_parts(data.council)
    layout = PageLayout(landscape=True)
    st = styles_for(layout)
    subtitle = campaign_subtitle(data.campaign_name, data.year)
    note = f"(Số liệu tính đến {short_date(data.as_of)})" if data.as_of else ""
    story = [header_block(header, layout)]
    story += title_block(TITLE, layout, subtitle=subtitle, reference=data.deadlines, note=note)
    rows = [
        [str(i), r.unit_name, r.title, r.kind, r.field, short_date(r.registered_on), short_date(r.reported_on),
         r.assessment]
        for i, r in enumerate(data.entries, start=1)
    ]
    story.append(data_table(scaled_columns(_COLUMNS, layout), rows, empty_text="Chưa có đơn vị nào đăng ký."))
    if data.unregistered_units:
        names = "; ".join(nfc(n).strip() for n in data.unregistered_units)
        label = f"Các đơn vị chưa đăng ký ({len(data.unregistered_units)}):"
        story.append(Paragraph(f"<b>{markup(label)}</b> {markup(names)}.", st.body))
    story.append(Paragraph(markup(totals_line(data.entries)), st.body))
    story.append(signature_block(signature, recipients, layout))
    return build_document(story, layout, title=f"{TITLE} - {subtitle}")
