"""The register of a campaign's initiatives: "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP".

A renderer: plain data in (:class:`InitiativeRegister`), PDF bytes out. Landscape A4, because the
table has eight columns.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from reports.document import (
    Column,
    DocumentHeader,
    PageLayout,
    Signature,
    build_document,
    data_table,
    header_block,
    markup,
    nfc,
    short_date,
    signature_block,
    styles_for,
    title_block,
)

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


@dataclass(frozen=True)
class RegisterRow:
    """One registered initiative; ``kind`` and ``assessment`` are already Vietnamese labels
    (``assessment`` empty while the council has not assessed it)."""

    unit_name: str
    title: str
    kind: str
    field: str
    registered_on: dt.date
    reported_on: dt.date | None = None
    assessment: str = ""


@dataclass(frozen=True)
class InitiativeRegister:
    """Everything the register prints; rows print in the order given."""

    campaign_name: str
    year: int
    header: DocumentHeader = field(default_factory=DocumentHeader)
    signature: Signature = field(default_factory=Signature)
    recipients: list[str] = field(default_factory=list)
    rows: list[RegisterRow] = field(default_factory=list)
    unregistered_units: list[str] = field(default_factory=list)
    as_of: dt.date | None = None


def campaign_subtitle(campaign_name: str, year: int) -> str:
    """The campaign name, with "năm <year>" added unless the name already mentions the year."""
    name = nfc(campaign_name).strip()
    return name if str(year) in name else f"{name} năm {year}".strip()


def totals_line(rows: list[RegisterRow]) -> str:
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


def _columns(layout: PageLayout) -> list[Column]:
    scale = layout.frame_width / (sum(c[1] for c in _COLUMNS) * mm)
    return [Column(h, w * mm * scale, align, wrap) for h, w, align, wrap in _COLUMNS]


def render_initiative_register(data: InitiativeRegister) -> bytes:
    """The register as PDF bytes (landscape A4): header, title and campaign, the table, the
    units that have not registered, the totals, then the signature block and Nơi nhận."""
    layout = PageLayout(landscape=True)
    st = styles_for(layout)
    note = f"(Số liệu tính đến {short_date(data.as_of)})" if data.as_of else ""
    story = [header_block(data.header, layout)]
    story += title_block(TITLE, layout, subtitle=campaign_subtitle(data.campaign_name, data.year), note=note)
    rows = [
        [
            str(i),
            r.unit_name,
            r.title,
            r.kind,
            r.field,
            short_date(r.registered_on),
            short_date(r.reported_on),
            r.assessment,
        ]
        for i, r in enumerate(data.rows, start=1)
    ]
    story.append(data_table(_columns(layout), rows, empty_text="Chưa có đơn vị nào đăng ký."))
    if data.unregistered_units:
        names = "; ".join(nfc(n).strip() for n in data.unregistered_units)
        label = f"Các đơn vị chưa đăng ký ({len(data.unregistered_units)}):"
        story.append(Paragraph(f"<b>{markup(label)}</b> {markup(names)}.", st.body))
    story.append(Paragraph(markup(totals_line(data.rows)), st.body))
    story.append(signature_block(data.signature, data.recipients, layout))
    return build_document(story, layout, title=f"{TITLE} - {campaign_subtitle(data.campaign_name, data.year)}")
