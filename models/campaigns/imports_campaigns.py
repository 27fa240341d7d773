"""Importing a campaign's initiatives and the yearly head evaluations from xlsx.

Same rules as the unit and staff imports: every problem listed as "Dòng N, cột <tiêu đề>: ...",
nothing written unless the whole file is right, re-import updates instead of duplicating.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.campaigns.campaigns import get_campaign
from models.common.codes import Assessment, AuthorRole, HeadLevel, InitiativeKind, labels_of
from models.common.dates import format_date, iso
from models.common.errors import NotFound
from models.people.heads import Criterion, HeadEvaluation, criteria_template, decided_on_problem, list_evaluations
from models.exchange.import_common import CellErrors, ImportResult, Progress, choice_cell, code_cell, date_cell, report_progress
from models.campaigns.initiatives import (
    INSERT, UPDATE, Author, Initiative, _row, list_initiatives, match_field, write_authors,
)
from models.common.text import clean, fold
from models.people.imports import NO_SUCH_UNIT, UNIT_CODE
from models.people.units import unit_ids_by_code
from models.exchange.xlsx import ImportRejected, cell_text, read_rows

INITIATIVE_HEADERS = [
    "Mã đơn vị", "Tên mô hình, sáng kiến, giải pháp", "Loại", "Lĩnh vực", "Ngày đăng ký",
    "Ngày báo cáo kết quả", "Đánh giá của Hội đồng",
]
# An optional last column: the authors' staff codes separated by ";", the first one chủ trì
# ("CB0012; CB0040"). A file without it imports as before (authors entered in the program are kept).
INITIATIVE_AUTHORS = "Tác giả"
AUTHOR_SEPARATOR = ";"
HEAD_HEADERS = ["Mã đơn vị", "Năm", "Xếp loại người đứng đầu", "Ghi chú"]
# An optional last column: the day the evaluation was decided (a list "as of" a day counts it only
# from then). A file without it, or an empty cell, keeps the day already recorded.
HEAD_DECIDED_ON = "Ngày quyết định"
NOT_ASSESSED = "Chưa đánh giá"


def _unit(errors: CellErrors, row, ids: dict[str, int]) -> tuple[str, int | None]:
    return code_cell(errors, row, UNIT_CODE, ids, NO_SUCH_UNIT)


@without_gc_passes()  # many small records at once, none in a cycle
def import_initiatives(
    db: Database, path: str | Path, campaign_id: int, today: dt.date,
    dry_run: bool = False, progress: Progress | None = None,
) -> ImportResult:
    """Register or update the campaign's initiatives from the file.

    A row updates the unit's initiative with the same title, or the unit's only initiative when
    the campaign allows one per unit. Description, results and notes entered in the program are
    kept; so are the authors, unless the file has the optional last column ``Tác giả`` with codes
    in the row (the first one chủ trì; an author already there keeps the share entered for them).
    """
    try:
        campaign = get_campaign(db, campaign_id)
    except NotFound as e:
        raise ImportRejected([str(e)]) from None
    rows = read_rows(path, INITIATIVE_HEADERS, optional=(INITIATIVE_AUTHORS,))
    errors = CellErrors([*INITIATIVE_HEADERS, INITIATIVE_AUTHORS])
    staff_ids = dict(db.execute("SELECT code, id FROM staff").fetchall()) if rows and INITIATIVE_AUTHORS in rows[0].cells \
        else {}
    ids = unit_ids_by_code(db)
    joined = {r[0] for r in db.execute("SELECT unit_id FROM campaign_unit WHERE campaign_id = ?", [campaign_id])}
    existing: dict[int, list[Initiative]] = {}
    for i in list_initiatives(db, campaign_id):
        existing.setdefault(i.unit_id, []).append(i)
    per_unit: dict[int, list[int]] = {}  # unit -> row numbers in the file
    titles: dict[tuple[int, str], int] = {}  # (unit, folded title) -> row number
    claimed: set[int] = set()  # existing initiatives already updated by a row
    parsed: list[Initiative] = []
    for row in rows:
        code, unit_id = _unit(errors, row, ids)
        if unit_id is not None and unit_id not in joined:
            errors.add(row, "Mã đơn vị", f"đơn vị {code} không tham gia đợt thi đua “{campaign.name}”")
            unit_id = None
        title = clean(cell_text(row.cells["Tên mô hình, sáng kiến, giải pháp"]))
        if not title:
            errors.add(row, "Tên mô hình, sáng kiến, giải pháp", "bỏ trống (bắt buộc)")
        elif len(title) > 500:
            errors.add(row, "Tên mô hình, sáng kiến, giải pháp", "dài quá 500 ký tự")
        kind = choice_cell(errors, row, "Loại", InitiativeKind)
        field_text = clean(cell_text(row.cells["Lĩnh vực"]))
        field = field_text
        if field_text and campaign.fields:
            field = match_field(campaign.fields, field_text)
            if field is None:
                errors.add(row, "Lĩnh vực", f"“{field_text}” không có trong danh sách lĩnh vực của đợt thi đua")
        registered = date_cell(errors, row, "Ngày đăng ký")
        reported = date_cell(errors, row, "Ngày báo cáo kết quả")
        if registered is None and cell_text(row.cells["Ngày đăng ký"]) == "":
            if reported is not None:
                errors.add(row, "Ngày đăng ký", "có ngày báo cáo kết quả nhưng chưa có ngày đăng ký")
            else:
                errors.add(row, "Ngày đăng ký", "bỏ trống (bắt buộc)")
        if registered is not None and registered > today:
            errors.add(row, "Ngày đăng ký", f"ngày {format_date(registered)} ở tương lai")
        if reported is not None and reported > today:
            errors.add(row, "Ngày báo cáo kết quả", f"ngày {format_date(reported)} ở tương lai")
        elif reported is not None and registered is not None and reported < registered:
            errors.add(row, "Ngày báo cáo kết quả",
                       f"phải từ ngày đăng ký ({format_date(registered)}) trở đi")
        assessment = None
        if fold(cell_text(row.cells["Đánh giá của Hội đồng"])) != fold(NOT_ASSESSED):
            assessment = choice_cell(errors, row, "Đánh giá của Hội đồng", Assessment, required=False)
        if assessment is not None and reported is None and cell_text(row.cells["Ngày báo cáo kết quả"]) == "":
            errors.add(row, "Đánh giá của Hội đồng", "chưa có ngày báo cáo kết quả thì chưa đánh giá được")
        author_ids = _author_cell(errors, row, staff_ids)
        if unit_id is None:
            continue
        if title and (unit_id, fold(title)) in titles:
            errors.add(row, "Tên mô hình, sáng kiến, giải pháp",
                       f"trùng với dòng {titles[unit_id, fold(title)]} (cùng đơn vị {code}, cùng tên)")
            continue
        titles[unit_id, fold(title)] = row.number
        per_unit.setdefault(unit_id, []).append(row.number)
        mine = [i for i in existing.get(unit_id, []) if i.id not in claimed]
        old = next((i for i in mine if fold(i.title) == fold(title)), None)
        if old is None and campaign.max_per_unit == 1 and len(mine) == 1:
            old = mine[0]
        if old is not None:
            claimed.add(old.id)
        base = old or Initiative(campaign_id=campaign_id, unit_id=unit_id, title="", kind=None, registered_on=None)
        parsed.append(_with_authors(
            replace(base, title=title, kind=kind, field=field or "", registered_on=registered, reported_on=reported,
                    assessment=assessment), author_ids))
    _check_per_unit(errors, parsed, per_unit, existing, campaign.max_per_unit, {v: k for k, v in ids.items()})
    if errors:
        raise ImportRejected(errors.items)
    new = [i for i in parsed if i.id is None]
    olds = {i.id: i for group in existing.values() for i in group}
    changed = [i for i in parsed if i.id is not None and i != olds[i.id]]
    result = ImportResult(len(new), len(changed), len(parsed) - len(new) - len(changed), dry_run, warnings=rows.warnings)
    if dry_run:
        return result
    authored = [i for i in new if i.authors]  # need their new id for their authors
    with db.atomic():
        db.conn.executemany(INSERT, [_row(i) for i in new if not i.authors])
        for i in authored:
            write_authors(db, db.execute(INSERT, _row(i)).lastrowid, i.authors)
        db.conn.executemany(UPDATE, [{**_row(i), "id": i.id} for i in changed])
        for i in changed:
            if i.authors != olds[i.id].authors:
                write_authors(db, i.id, i.authors)
    report_progress(progress, len(parsed), len(parsed))
    return result


def _author_cell(errors: CellErrors, row, staff_ids: dict[str, int]) -> tuple[int, ...] | None:
    """The staff ids of the row's ``Tác giả`` cell, in order; ``None`` when the file has no such
    column or the cell is empty (the authors already entered are kept)."""
    text = cell_text(row.cells.get(INITIATIVE_AUTHORS, ""))
    if not text:
        return None
    codes = [c.strip().upper() for c in text.split(AUTHOR_SEPARATOR)]
    found: list[int] = []
    for code in codes:
        if not code:
            continue
        if code not in staff_ids:
            errors.add(row, INITIATIVE_AUTHORS, f"không có cán bộ mã {code} (mã cán bộ cách nhau bằng dấu “;”)")
        elif staff_ids[code] in found:
            errors.add(row, INITIATIVE_AUTHORS, f"mã cán bộ {code} ghi hai lần")
        else:
            found.append(staff_ids[code])
    return tuple(found) or None


def _with_authors(initiative: Initiative, author_ids: tuple[int, ...] | None) -> Initiative:
    """``initiative`` with the file's authors (the first chủ trì, the others tham gia; a person
    already an author keeps their share); unchanged when the file names none or the same people in
    the same order."""
    if author_ids is None or author_ids == initiative.author_ids:
        return initiative
    before = {a.staff_id: a for a in initiative.authors}
    authors = tuple(Author(s, AuthorRole.CHU_TRI if n == 0 else AuthorRole.THAM_GIA,
                           before[s].share if s in before else None) for n, s in enumerate(author_ids))
    return replace(initiative, authors=authors, author_ids=author_ids)


def _check_per_unit(errors, parsed, per_unit, existing, most: int, codes: dict[int, str]) -> None:
    """A unit may end up with at most ``most`` initiatives: the ones in the file plus the ones it
    already has that no row updates."""
    for unit_id, numbers in per_unit.items():
        matched = {p.id for p in parsed if p.unit_id == unit_id and p.id is not None}
        kept = [i for i in existing.get(unit_id, []) if i.id not in matched]
        allowed = most - len(kept)
        for number in numbers[max(allowed, 0):]:
            first = numbers[0] if allowed > 0 else None
            where = f"ở dòng {first}" if first is not None and first != number else "trong đợt này"
            errors.add(number, "Mã đơn vị", f"đơn vị {codes[unit_id]} đã có mô hình, sáng kiến, giải pháp "
                                            f"{where} (tối đa {most} mỗi đơn vị)")


@without_gc_passes()  # many small records at once, none in a cycle
def import_head_evaluations(
    db: Database, path: str | Path, dry_run: bool = False, progress: Progress | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Add or update (by unit and year) the evaluations of unit heads.

    A new evaluation takes the unit's current head and the default criteria (results empty);
    an existing one keeps its criteria and head. The optional last column ``Ngày quyết định`` sets
    the day it was decided (in its year or the next, not after ``today``); without it, or empty, the
    recorded day is kept.
    """
    rows = read_rows(path, HEAD_HEADERS, optional=(HEAD_DECIDED_ON,))
    errors = CellErrors([*HEAD_HEADERS, HEAD_DECIDED_ON])
    ids = unit_ids_by_code(db)
    seen: dict[tuple[int, int], int] = {}
    parsed: list[HeadEvaluation] = []
    existing_cache: dict[int, dict[int, HeadEvaluation]] = {}
    for row in rows:
        code, unit_id = _unit(errors, row, ids)
        year_text = cell_text(row.cells["Năm"])
        year = None
        if not year_text:
            errors.add(row, "Năm", "bỏ trống (bắt buộc)")
        elif not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
            errors.add(row, "Năm", f"“{year_text}” không phải năm hợp lệ (từ 2000 đến 2100)")
        else:
            year = int(year_text)
        level = choice_cell(errors, row, "Xếp loại người đứng đầu", HeadLevel)
        note = cell_text(row.cells["Ghi chú"]).strip()
        decided_on = date_cell(errors, row, HEAD_DECIDED_ON) if HEAD_DECIDED_ON in row.cells else None
        if decided_on is not None and year is not None:
            problem = decided_on_problem(decided_on, year, "ngày", today)
            if problem:
                errors.add(row, HEAD_DECIDED_ON, problem)
        if unit_id is None or year is None:
            continue
        if (unit_id, year) in seen:
            errors.add(row, "Mã đơn vị", f"đơn vị {code} năm {year} trùng với dòng {seen[unit_id, year]}")
            continue
        seen[unit_id, year] = row.number
        if year not in existing_cache:
            existing_cache[year] = {e.unit_id: e for e in list_evaluations(db, year)}
        old = existing_cache[year].get(unit_id)
        if old:
            parsed.append(replace(old, level=level, note=note, decided_on=decided_on or old.decided_on))
        else:
            parsed.append(HeadEvaluation(unit_id=unit_id, year=year, level=level, note=note, decided_on=decided_on))
    if errors:
        raise ImportRejected(errors.items)
    new = [e for e in parsed if e.id is None]
    changed = [e for e in parsed if e.id is not None and e != existing_cache[e.year][e.unit_id]]
    result = ImportResult(len(new), len(changed), len(parsed) - len(new) - len(changed), dry_run, warnings=rows.warnings)
    if dry_run:
        return result
    template = criteria_template(db)
    heads = {unit_id: (name, title) for unit_id, name, title in db.execute("SELECT id, head_name, head_title FROM unit")}
    with db.atomic():
        for e in new:
            name, title = heads[e.unit_id]
            cursor = db.execute(
                "INSERT INTO head_evaluation (unit_id, year, head_name, head_title, level, note, decided_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [e.unit_id, e.year, name, title, e.level.value, e.note, iso(e.decided_on)],
            )
            db.conn.executemany(
                "INSERT INTO head_criterion (evaluation_id, position, name, result) VALUES (?, ?, ?, '')",
                [(cursor.lastrowid, i, c) for i, c in enumerate(template)],
            )
        db.conn.executemany(
            "UPDATE head_evaluation SET level = ?, note = ?, decided_on = ? WHERE id = ?",
            [(e.level.value, e.note, iso(e.decided_on), e.id) for e in changed],
        )
    report_progress(progress, len(parsed), len(parsed))
    return result


ASSESSMENT_CHOICES = (*labels_of(Assessment), NOT_ASSESSED)
__all__ = ["import_initiatives", "import_head_evaluations", "INITIATIVE_AUTHORS", "INITIATIVE_HEADERS", "HEAD_HEADERS",
           "HEAD_DECIDED_ON", "Criterion"]
