"""The quarterly classification tables, from the domain's data to PDF bytes."""
from __future__ import annotations

from models.quarters.classification_report import DistrictSheetData, UnitSheetData
from models.common.codes import HeadLevel, NOT_CLASSIFIED, label

from reports.classification import (
    DistrictClassificationReport,
    DistrictRow,
    UnitClassificationReport,
    UnitSheetRow,
    render_district_classification,
    render_unit_classification,
)
from reports.council import council_parts

LEVELS = list(HeadLevel)


def unit_sheet_pdf(data: UnitSheetData) -> bytes:
    header, signature, recipients = council_parts(data.council)
    entries = [p.entry for p in data.people]
    classified = [e.level for e in entries if e.level is not None]
    not_classified = sum(1 for e in entries if e.reason is not None)
    base = len(classified)
    counts = [(label(level), classified.count(level), classified.count(level) / base if base else 0.0)
              for level in LEVELS]
    counts.append((NOT_CLASSIFIED, not_classified, not_classified / len(entries) if entries else 0.0))
    return render_unit_classification(UnitClassificationReport(
        unit_name=data.unit_name, year=data.year, quarter=data.quarter, header=header, signature=signature,
        recipients=recipients,
        rows=[UnitSheetRow(full_name=p.full_name, position=p.position, result=p.entry.text, note=p.entry.note,
                           is_leader=p.is_leader) for p in data.people],
        counts=counts, total=len(entries), warnings=[v.message for v in data.violations],
        locked=data.locked, as_of=data.as_of,
    ))


def district_pdf(data: DistrictSheetData) -> bytes:
    header, signature, recipients = council_parts(data.council)
    review = data.review
    rows = [
        DistrictRow(unit_name=u.unit_name, total=u.headcount, counts=tuple(u.counts[lv] for lv in LEVELS),
                    not_classified=u.not_classified, unclassified=u.unclassified, status=u.status)
        for u in review.units
    ]
    submitted = sum(1 for u in review.units if u.submitted_on is not None)
    totals = DistrictRow(
        unit_name="Toàn quận", total=sum(r.total for r in rows),
        counts=tuple(review.district_counts[lv] for lv in LEVELS),
        not_classified=sum(r.not_classified for r in rows), unclassified=sum(r.unclassified for r in rows),
        status=f"{submitted}/{len(rows)} đã nộp",
    )
    return render_district_classification(DistrictClassificationReport(
        year=review.year, quarter=review.quarter, header=header, signature=signature, recipients=recipients,
        rows=rows, totals=totals, as_of=data.as_of,
    ))


def classification_pdf(data: UnitSheetData | DistrictSheetData) -> bytes:
    return unit_sheet_pdf(data) if isinstance(data, UnitSheetData) else district_pdf(data)
