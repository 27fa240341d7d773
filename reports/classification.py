"""The quarterly classification summary: "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI".

Two renderers, plain data in and PDF bytes out:

- :func:`render_unit_classification`: one unit's people and their results (A4 portrait), a summary
  by level, the cap warnings, and whether the results are locked yet;
- :func:`render_district_classification`: one row per unit with the count and share of each level
  (A4 landscape), under a two-row header ("HTXSNV" spanning "Số" and "%"), and the district total.

The renderers take levels as Vietnamese labels already and know nothing of the caps;
:func:`unit_sheet_pdf` and :func:`district_pdf` (:func:`classification_pdf`: either) turn the
models' sheet data (``models.quarters.classification_report``) into their input.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


from models.common.codes import NOT_CLASSIFIED, HeadLevel, label
from models.quarters.classification_report import DistrictSheetData, UnitSheetData
from models.store.settings import CouncilNames

from reports.council import council_parts
from reports.document import Column, OfficialParts, PageLayout, scaled_columns
from reports.parts import Closing, Document, Grid, Header, Heading, Row, Spacing, Text, render
from reports.wording import count_text, nfc, short_date

TITLE = "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI"
NOT_LOCKED_NOTE = "(Kết quả chưa chốt)"
# The four levels as the district table abbreviates them, with the legend printed under it.
LEVEL_ABBREVIATIONS = (
    ("HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"),
    ("HTTNV", "Hoàn thành tốt nhiệm vụ"),
    ("HTNV", "Hoàn thành nhiệm vụ"),
    ("KHTNV", "Không hoàn thành nhiệm vụ"),
)

# Column widths in mm, scaled to the frame (165 mm portrait, 252 mm landscape).
_UNIT_COLUMNS = (
    ("STT", 11, "CENTER", False),
    ("Họ và tên", 43, "LEFT", True),
    ("Chức vụ", 35, "LEFT", True),
    ("Kết quả xếp loại", 54, "LEFT", True),  # "Hoàn thành xuất sắc nhiệm vụ" on one line
    ("Ghi chú", 22, "LEFT", True),
)
_SUMMARY_COLUMNS = (
    ("Mức xếp loại", 95, "LEFT", True),
    ("Số người", 35, "RIGHT", False),
    ("Tỷ lệ", 35, "RIGHT", False),
)
_DISTRICT_WIDTHS = dict(stt=12, unit=54, total=18, number=12, share=14, not_classified=20, unclassified=18, status=26)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class UnitSheetRow:
    """One person. ``result`` is the Vietnamese text ("Hoàn thành tốt nhiệm vụ",
    "Không đánh giá (Nghỉ thai sản)"), empty while the person is not yet classified."""

    full_name: str
    position: str
    result: str = ""
    note: str = ""
    is_leader: bool = False


@dataclass(frozen=True)
class UnitClassificationReport(OfficialParts):
    """Everything one unit's sheet prints; rows print in the order given.

    ``counts`` is (label, count, share 0..1) for the four levels, then "Không đánh giá" with the
    share None: one base per table, the people classified in one of the four levels (the base of
    the district table and of the caps), so the printed percentages add up to 100%; a note under
    the table says so. ``total`` is everybody on the sheet, classified or not; ``warnings`` are
    the cap violations as sentences."""

    unit_name: str
    year: int
    quarter: int
    rows: list[UnitSheetRow] = field(default_factory=list)
    counts: list[tuple[str, int, float | None]] = field(default_factory=list)
    total: int = 0
    warnings: list[str] = field(default_factory=list)
    locked: bool = False
    as_of: dt.date | None = None


@dataclass(frozen=True)
class DistrictRow:
    """One unit of the district table. ``counts`` are the four levels in order; ``not_classified``
    the people not classified with a reason, ``unclassified`` those still blank; ``status`` is
    "Đã nộp", "Nộp trễ" or "Chưa nộp" (printed as given)."""

    unit_name: str
    total: int
    counts: tuple[int, int, int, int]
    not_classified: int = 0
    unclassified: int = 0
    status: str = ""


@dataclass(frozen=True)
class DistrictClassificationReport(OfficialParts):
    """Everything the table of units prints; ``totals`` is the last, bold row (the council's
    ``total_label``, "Toàn phường" for a ward)."""

    year: int
    quarter: int
    rows: list[DistrictRow] = field(default_factory=list)
    totals: DistrictRow | None = None
    as_of: dt.date | None = None
    units_covered: str = CouncilNames().units_covered  # under the title: "Các cơ quan, đơn vị, khu phố"


# --------------------------------------------------------------------------- text


def _percent(share: float) -> Decimal:
    # Decimal half-up: 0.125 must print 12,5 and 1/8 of a unit must not become 12,4 by binary rounding.
    return (Decimal(repr(float(share))) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def share_text(share: float) -> str:
    """``share`` (0..1) as a Vietnamese percentage with at most one decimal: "33,3%", "50%", "0%"."""
    value = _percent(share)
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def percent_cell(count: int, classified: int) -> str:
    """``count`` as a share of ``classified`` with exactly one decimal and no sign ("45,5", "0,0"),
    as the "%" columns print it; empty when nobody is classified."""
    if classified <= 0:
        return ""
    return f"{_percent(count / classified):.1f}".replace(".", ",")


def unit_subtitle(quarter: int, year: int) -> str:
    return f"Cán bộ, công chức, viên chức, người lao động quý {quarter} năm {year}"


def district_subtitle(quarter: int, year: int, units_covered: str = CouncilNames().units_covered) -> str:
    """"Các cơ quan, đơn vị, UBND các phường quý 3 năm 2018" (``units_covered``: the council's)."""
    return f"{units_covered} quý {quarter} năm {year}"


def _note(locked: bool, as_of: dt.date | None) -> str:
    lines = [] if locked else [NOT_LOCKED_NOTE]
    if as_of is not None:
        lines.append(f"(Số liệu tính đến {short_date(as_of)})")
    return "\n".join(lines)


def share_base_note(counts: list[tuple[str, int, float | None]]) -> str:
    """What the summary's percentages are of: the people counted in the rows that have one."""
    base = sum(n for _, n, share in counts if share is not None)
    return f"Tỷ lệ (%) tính trên {base} người được xếp loại ở bốn mức trên, không tính người không đánh giá."


def total_line(total: int, counts: list[tuple[str, int, float | None]]) -> str:
    """"Tổng số: 25 người", with the people not yet classified when some are."""
    pending = total - sum(n for _, n, _ in counts)
    line = f"Tổng số: {total} người"
    return f"{line} ({pending} người chưa xếp loại)" if counts and pending > 0 else line


def leaders_line(rows: list[UnitSheetRow], top_label: str) -> str:
    """"Lãnh đạo, quản lý: 4 người, trong đó Hoàn thành xuất sắc nhiệm vụ: 2 người (50%)", the
    figure a cap on leaders is checked against; empty when the sheet lists no leader."""
    leaders = [r for r in rows if r.is_leader]
    if not leaders:
        return ""
    key = nfc(top_label).strip().casefold()
    top = sum(1 for r in leaders if nfc(r.result).strip().casefold() == key)
    return (f"Lãnh đạo, quản lý: {len(leaders)} người, trong đó {nfc(top_label).strip()}: "
            f"{top} người ({share_text(top / len(leaders))}).")


# --------------------------------------------------------------------------- unit sheet


def _warnings(warnings: list[str]) -> list[Text]:
    items = [nfc(w).strip() for w in warnings if nfc(w).strip()]
    if not items:
        return []
    return [Text("Lưu ý:", "bold-italic")] + [Text(f"- {w}", "italic") for w in items]


def unit_classification_document(data: UnitClassificationReport) -> Document:
    """One unit's sheet (portrait A4): header; title, period, unit and, until the results are
    locked, "(Kết quả chưa chốt)"; the people; the summary by level with the total and the leaders;
    the warnings under "Lưu ý:"; the signature block and Nơi nhận."""
    layout = PageLayout(landscape=False)
    unit = nfc(data.unit_name).strip()
    subtitle = unit_subtitle(data.quarter, data.year) + (f"\nĐơn vị: {unit}" if unit else "")
    rows = tuple(Row((count_text(i), r.full_name, r.position, r.result, r.note)) for i, r in enumerate(data.rows, 1))
    blocks: list = [Header(data.header), Heading(TITLE, subtitle, note=_note(data.locked, data.as_of)),
                    Grid(tuple(scaled_columns(_UNIT_COLUMNS, layout)), rows, "Đơn vị chưa có người nào."),
                    Spacing(3), Text("Tổng hợp kết quả xếp loại:", "bold", keep_with_next=True)]
    closing: list[Text] = []
    if data.counts:
        blocks.append(Grid(tuple(scaled_columns(_SUMMARY_COLUMNS, layout)), tuple(
            Row((label, count_text(n), "" if share is None else share_text(share))) for label, n, share in data.counts)))
        closing.append(Text(f"Ghi chú: {share_base_note(data.counts)}", "italic"))
    closing.append(Text(total_line(data.total, data.counts), "plain"))
    leaders = leaders_line(data.rows, data.counts[0][0] if data.counts else LEVEL_ABBREVIATIONS[0][1])
    if leaders:
        closing.append(Text(leaders, "plain"))
    # The summary, the warnings and the signature go over together, never the signature alone.
    closing += _warnings(data.warnings)
    blocks.append(Closing(data.signature, tuple(data.recipients), tuple(closing)))
    title = f"{TITLE} - quý {data.quarter} năm {data.year}" + (f" - {unit}" if unit else "")
    return Document(title, tuple(blocks), layout)


def render_unit_classification(data: UnitClassificationReport, fmt: str = "pdf") -> bytes:
    """One unit's sheet as PDF (or Word) bytes (see :func:`unit_classification_document`)."""
    return render(unit_classification_document(data), fmt)


# --------------------------------------------------------------------------- district table


def _district_columns(layout: PageLayout) -> tuple[Column, ...]:
    w = _DISTRICT_WIDTHS
    spec = [("STT", w["stt"], "CENTER", False), ("Đơn vị", w["unit"], "LEFT", True),
            ("Tổng số", w["total"], "RIGHT", False)]
    for _abbreviation, _ in LEVEL_ABBREVIATIONS:
        spec += [("Số", w["number"], "RIGHT", False), ("%", w["share"], "RIGHT", False)]
    spec += [("Không đánh giá", w["not_classified"], "RIGHT", False),
             ("Chưa xếp loại", w["unclassified"], "RIGHT", False), ("Tình trạng", w["status"], "LEFT", True)]
    return tuple(scaled_columns(spec, layout))


def _district_cells(number: str, row: DistrictRow) -> tuple:
    classified = sum(row.counts)
    values = [number, row.unit_name, count_text(row.total)]
    for count in row.counts:
        values += [count_text(count), percent_cell(count, classified)]
    return (*values, count_text(row.not_classified), count_text(row.unclassified), row.status)


def district_grid(rows: list[DistrictRow], totals: DistrictRow | None, layout: PageLayout) -> Grid:
    """The units with the district total as a bold last row, under the two-row header (STT, Đơn vị,
    Tổng số and the last three columns over both rows; each level over its "Số" and "%")."""
    body = [Row(_district_cells(count_text(i), r)) for i, r in enumerate(rows, start=1)]
    if totals is not None:
        body.append(Row(_district_cells("", totals), "bold"))
    groups = ((None, 1), (None, 1), (None, 1), *((a, 2) for a, _ in LEVEL_ABBREVIATIONS), (None, 1), (None, 1),
              (None, 1))
    return Grid(_district_columns(layout), tuple(body), groups=groups)


def _legend() -> Text:
    parts = "; ".join(f"{a}: {name}" for a, name in LEVEL_ABBREVIATIONS)
    return Text(f"Ghi chú: {parts}. Tỷ lệ (%) tính trên số người đã xếp loại của đơn vị.", "small-italic")


def district_classification_document(data: DistrictClassificationReport) -> Document:
    """The district table (landscape A4): header, title and period, the units with the count and
    share of each level, the bold total row ("Toàn phường" by the council's level), the legend of the abbreviations, the signature
    block and Nơi nhận."""
    layout = PageLayout(landscape=True)
    note = f"(Số liệu tính đến {short_date(data.as_of)})" if data.as_of else ""
    blocks = (Header(data.header), Heading(TITLE, district_subtitle(data.quarter, data.year, data.units_covered),
                      note=note),
              district_grid(list(data.rows), data.totals, layout),
              Closing(data.signature, tuple(data.recipients), (_legend(),)))
    return Document(f"{TITLE} - quý {data.quarter} năm {data.year}", blocks, layout)


def render_district_classification(data: DistrictClassificationReport, fmt: str = "pdf") -> bytes:
    """The district table as PDF (or Word) bytes (see :func:`district_classification_document`)."""
    return render(district_classification_document(data), fmt)


__all__ = [
    "DistrictClassificationReport",
    "DistrictRow",
    "LEVEL_ABBREVIATIONS",
    "NOT_LOCKED_NOTE",
    "TITLE",
    "UnitClassificationReport",
    "UnitSheetRow",
    "district_classification_document",
    "district_grid",
    "district_subtitle",
    "leaders_line",
    "percent_cell",
    "render_district_classification",
    "render_unit_classification",
    "unit_classification_document",
    "share_base_note",
    "share_text",
    "total_line",
    "unit_subtitle",
]


# --------------------------------------------------------------------------- from the models' data

LEVELS = list(HeadLevel)


def unit_sheet_pdf(data: UnitSheetData, fmt: str = "pdf") -> bytes:
    header, signature, recipients = council_parts(data.council)
    entries = [p.entry for p in data.people]
    classified = [e.level for e in entries if e.level is not None]
    not_classified = sum(1 for e in entries if e.reason is not None)
    base = len(classified)
    counts = [(label(level), classified.count(level), classified.count(level) / base if base else 0.0)
              for level in LEVELS]
    counts.append((NOT_CLASSIFIED, not_classified, None))  # not a share of the classified: no percentage
    return render_unit_classification(UnitClassificationReport(
        unit_name=data.unit_name, year=data.year, quarter=data.quarter, header=header, signature=signature,
        recipients=recipients,
        rows=[UnitSheetRow(full_name=p.full_name, position=p.position, result=p.entry.text, note=p.entry.note,
                           is_leader=p.is_leader) for p in data.people],
        counts=counts, total=len(entries), warnings=[v.message for v in data.violations],
        locked=data.locked, as_of=data.as_of,
    ), fmt)


def district_pdf(data: DistrictSheetData, fmt: str = "pdf") -> bytes:
    header, signature, recipients = council_parts(data.council)
    review = data.review
    rows = [
        DistrictRow(unit_name=u.unit_name, total=u.headcount, counts=tuple(u.counts[lv] for lv in LEVELS),
                    not_classified=u.not_classified, unclassified=u.unclassified, status=u.status)
        for u in review.units
    ]
    submitted = sum(1 for u in review.units if u.submitted_on is not None)
    totals = DistrictRow(
        unit_name=data.council.total_label, total=sum(r.total for r in rows),
        counts=tuple(review.district_counts[lv] for lv in LEVELS),
        not_classified=sum(r.not_classified for r in rows), unclassified=sum(r.unclassified for r in rows),
        status=f"{submitted}/{len(rows)} đã nộp",
    )
    return render_district_classification(DistrictClassificationReport(
        year=review.year, quarter=review.quarter, header=header, signature=signature, recipients=recipients,
        rows=rows, totals=totals, as_of=data.as_of, units_covered=data.council.units_covered,
    ), fmt)


def classification_pdf(data: UnitSheetData | DistrictSheetData, fmt: str = "pdf") -> bytes:
    return unit_sheet_pdf(data, fmt) if isinstance(data, UnitSheetData) else district_pdf(data, fmt)
