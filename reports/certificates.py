"""Certificates (giấy chứng nhận) of a title: one landscape A4 page per person or collective.

Two ways to print: the full design on plain paper (border, national motto, the deciding chairman, the
name, the title, the year, the decision, the signature), or only the variable fields onto the office's
pre-printed forms, at :data:`FIELDS` moved by the offsets calibrated once on :func:`calibration_page` (a
crosshair at each field and millimetre rulers: print it on a form, measure how far the crosses fall from
the form's places, enter those offsets).
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from models.yearend.certificate_form import PREPRINTED, CertificateForm, certificate_form
from models.yearend.lists import PrintedEntry
from models.yearend.package import Package, Proposal

from reports.award_list import decision_number
from reports.document import PageLayout
from reports.parts import Document, NewPage, Spacing, Text
from reports.fonts import document_fonts
from reports.wording import nfc, place_date_line, short_date, upper

PAGE = landscape(A4)
# Where each variable field stands on the pre-printed form: (x, y) in mm from the top-left corner of the
# page, centred on x. The office's forms differ: the offsets move them all together.
FIELDS = {
    "name": (148.5, 92.0),
    "position": (148.5, 104.0),
    "title": (148.5, 122.0),
    "year": (148.5, 134.0),
    "decision": (75.0, 170.0),
    "place_date": (215.0, 160.0),
    "signer": (215.0, 190.0),
}
FIELD_LABELS = {"name": "Họ tên / tên tập thể", "position": "Chức vụ, đơn vị", "title": "Danh hiệu",
                "year": "Năm", "decision": "Số, ngày quyết định", "place_date": "Địa danh, ngày",
                "signer": "Người ký"}


def certificate_settings(db) -> CertificateForm:
    return certificate_form(db)


def _fields(entry: PrintedEntry, proposal: Proposal, package: Package) -> dict[str, str]:
    approval = proposal.printable.approval
    number = decision_number(approval.decision_number, proposal.authority.symbol) if approval else ""
    date = approval.decision_date if approval else None
    decision = (f"Quyết định số {number or '......../' + proposal.authority.symbol} "
                f"ngày {short_date(date) or '..../..../........'}")
    position = "" if entry.subject == "unit" else nfc(entry.position_unit)
    if entry.group and entry.group not in position:
        position = f"{position}, {entry.group}".strip(", ")
    return {
        "name": nfc(entry.name), "position": position, "title": upper(proposal.label),
        "year": f"Năm {package.year}", "decision": decision,
        "place_date": place_date_line(package.council.place, date),
        "signer": nfc(approval.signer_name) if approval else "",
    }


def _signer_lines(proposal: Proposal) -> list[str]:
    """Above the signer's name: "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH" as approved, else the deciding
    authority's title ("CHỦ TỊCH", "GIÁM ĐỐC")."""
    approval = proposal.printable.approval
    if approval and nfc(approval.signer_title).strip():
        return [upper(line) for line in (approval.signer_authority, approval.signer_title) if nfc(line).strip()]
    return [upper(proposal.authority.signer_title) or "CHỦ TỊCH"]


def _at(form: CertificateForm, key: str) -> tuple[float, float]:
    x, y = FIELDS[key]
    return (x + form.dx_mm) * mm, PAGE[1] - (y + form.dy_mm) * mm


def _full_page(c: Canvas, values: dict[str, str], proposal: Proposal) -> None:
    f = document_fonts()
    w, h = PAGE
    c.setLineWidth(2.5)
    c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(15 * mm, 15 * mm, w - 30 * mm, h - 30 * mm)
    centre = w / 2

    def line(text, y_mm, font, size):
        c.setFont(font, size)
        c.drawCentredString(centre, h - y_mm * mm, text)

    line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 30, f.bold, 14)
    line("Độc lập - Tự do - Hạnh phúc", 37, f.bold, 15)
    c.line(centre - 33 * mm, h - 39 * mm, centre + 33 * mm, h - 39 * mm)
    line(upper(proposal.authority.decider), 55, f.bold, 16)
    line("CÔNG NHẬN", 72, f.bold, 30)
    form = CertificateForm()
    _variable(c, values, form, full=_signer_lines(proposal))
    c.setFont(f.italic, 13)


def _variable(c: Canvas, values: dict[str, str], form: CertificateForm, full: list[str] | None = None) -> None:
    f = document_fonts()
    styles = {"name": (f.bold, 24), "position": (f.regular, 15), "title": (f.bold, 22), "year": (f.bold, 16),
              "decision": (f.italic, 13), "place_date": (f.italic, 13), "signer": (f.bold, 15)}
    for key, text in values.items():
        if not text:
            continue
        font, size = styles[key]
        x, y = _at(form, key)
        c.setFont(font, size)
        c.drawCentredString(x, y, text)
    if full:  # the signer's title lines under the place and date
        x, y = _at(form, "place_date")
        c.setFont(f.bold, 14)
        for i, line in enumerate(full):
            c.drawCentredString(x, y - (9 + 6 * i) * mm, line)


def certificates_pdf(package: Package, proposal: Proposal, form: CertificateForm | None = None) -> bytes:
    """One page per entry of ``proposal``'s list: the full design, or the fields alone for pre-printed
    forms (``form.mode``), shifted by the calibrated offsets."""
    form = form or CertificateForm()
    out = io.BytesIO()
    c = Canvas(out, pagesize=PAGE, invariant=1)
    c.setTitle(f"Giấy chứng nhận {proposal.label} năm {package.year}")
    entries = proposal.printable.entries
    if not entries:
        f = document_fonts()
        c.setFont(f.italic, 14)
        c.drawCentredString(PAGE[0] / 2, PAGE[1] / 2, f"Danh sách {proposal.label} năm {package.year} chưa có ai.")
        c.showPage()
    for entry in entries:
        values = _fields(entry, proposal, package)
        if form.mode == PREPRINTED:
            _variable(c, values, form)
        else:
            _full_page(c, values, proposal)
        c.showPage()
    c.save()
    return out.getvalue()


def certificates_document(package: Package, proposal: Proposal) -> Document:
    """The certificates as a document the office edits in Word: one landscape page per entry with the
    full design's words in order (no border; the designed type sizes and the pre-printed positions
    are the PDF's)."""
    layout = PageLayout(landscape=True, top=25 * mm, bottom=20 * mm, left=25 * mm, right=25 * mm)
    blocks: list = []
    entries = proposal.printable.entries
    if not entries:
        blocks.append(Text(f"Danh sách {proposal.label} năm {package.year} chưa có ai.", "center-italic"))
    for i, entry in enumerate(entries):
        values = _fields(entry, proposal, package)
        if i:
            blocks.append(NewPage())
        blocks += [Text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "center-bold"),
                   Text("Độc lập - Tự do - Hạnh phúc", "center-bold"), Spacing(8),
                   Text(upper(proposal.authority.decider), "center-bold"), Spacing(4),
                   Text("CÔNG NHẬN", "center-bold"), Spacing(4),
                   Text(values["name"], "center-bold"), Text(values["position"], "center"), Spacing(4),
                   Text(values["title"], "center-bold"), Text(values["year"], "center-bold"), Spacing(8),
                   Text(values["place_date"], "center-italic"),
                   *(Text(line, "center-bold") for line in _signer_lines(proposal)),
                   Spacing(14), Text(values["signer"], "center-bold"), Spacing(4),
                   Text(values["decision"], "small-italic")]
    return Document(f"Giấy chứng nhận {proposal.label} năm {package.year}", tuple(blocks), layout)


def calibration_page(form: CertificateForm) -> bytes:
    """A calibration page: a crosshair and the field's name at each field as it would print with
    ``form``'s offsets, and millimetre rulers along the top and left edges."""
    f = document_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=PAGE, invariant=1)
    c.setTitle("Trang thử căn lề giấy chứng nhận")
    w, h = PAGE
    c.setLineWidth(0.3)
    c.setFont(f.regular, 7)
    for i in range(0, int(w / mm) + 1, 5):  # top ruler
        length = 6 if i % 10 == 0 else 3
        c.line(i * mm, h, i * mm, h - length * mm)
        if i % 20 == 0 and i:
            c.drawCentredString(i * mm, h - 9 * mm, str(i))
    for i in range(0, int(h / mm) + 1, 5):  # left ruler
        length = 6 if i % 10 == 0 else 3
        c.line(0, h - i * mm, length * mm, h - i * mm)
        if i % 20 == 0 and i:
            c.drawString(7 * mm, h - i * mm - 2, str(i))
    for key in FIELDS:
        x, y = _at(form, key)
        c.setLineWidth(0.5)
        c.line(x - 8 * mm, y, x + 8 * mm, y)
        c.line(x, y - 8 * mm, x, y + 8 * mm)
        c.circle(x, y, 2 * mm)
        c.setFont(f.regular, 9)
        fx, fy = FIELDS[key]
        c.drawString(x + 3 * mm, y + 2 * mm, f"{FIELD_LABELS[key]} ({fx + form.dx_mm:g}; {fy + form.dy_mm:g} mm)")
    c.setFont(f.bold, 12)
    c.drawCentredString(w / 2, h - 18 * mm, "TRANG THỬ CĂN LỀ: in lên phôi, đo độ lệch của dấu + so với chỗ cần in, "
                                        f"nhập độ lệch (hiện tại: ngang {form.dx_mm:g} mm, dọc {form.dy_mm:g} mm)")
    c.showPage()
    c.save()
    return out.getvalue()


__all__ = ["FIELDS", "certificate_settings", "calibration_page", "certificates_document", "certificates_pdf"]
