"""Who is due for the next award this year: the rules are data (table ``due_rule``, shipped with the
defaults of ``models.store.schema_awards``, editable) and each person or unit listed comes with the why.

A rule says: ``subject`` (a person or a unit) is due for ``target_kind`` at ``target_level`` in year Y when
each of the ``count`` years up to Y holds ``counted``:

- ``award:<kind>``: an award of that kind in the register (Chiến sĩ thi đua cơ sở 3 years running for
  Chiến sĩ thi đua cấp tỉnh);
- ``rating``: a yearly rating (``yearly_rating``) at ``counted_level`` or better (2 years "Hoàn thành tốt
  nhiệm vụ" for a Giấy khen).

With ``after`` ("bang_khen:tinh") only the years after the last such award count, and someone without one
is not due. The years always start after the last time the subject received the target itself (a second
Chiến sĩ thi đua cấp tỉnh needs three new years), and a person disciplined in Y is not due.

Sources (docs/law.md): Luật Thi đua, khen thưởng 06/2022/QH15 (in force 01/01/2024) Điều 21, 22, 71, 74, 75
and Nghị định 98/2023/NĐ-CP; each rule keeps its own ``source`` and ``to_check`` says the text was not read in
full here: the secretary checks it ("cần kiểm tra") before relying on it. Only the consecutive-year part of
each standard is checked; the rest (initiatives at the right level, the council's vote) is the council's.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.award_codes import AwardKind, AwardLevel, award_label
from models.common.codes import Level, label
from models.common.errors import ValidationError
from models.common.text import clean, name_sort_key, sort_key

_RANK = {Level.XUAT_SAC: 3, Level.TOT: 2, Level.HOAN_THANH: 1, Level.KHONG_HOAN_THANH: 0}
TO_CHECK = "cần kiểm tra"


@dataclass(frozen=True)
class DueRule:
    id: int | None
    code: str
    name: str
    subject: str  # "staff" or "unit"
    target_kind: AwardKind
    target_level: AwardLevel
    counted: str  # "rating" or "award:<kind>"
    count: int
    counted_level: Level | None = None
    after: str | None = None  # "<kind>:<level>"
    source: str = ""
    to_check: bool = True
    active: bool = True

    @property
    def target_text(self) -> str:
        return self.name

    @property
    def condition_text(self) -> str:
        """"03 năm liên tục Chiến sĩ thi đua cơ sở", "02 năm liên tục Hoàn thành tốt nhiệm vụ trở lên"."""
        if self.counted == "rating":
            what = f"{label(self.counted_level)} trở lên"
        else:
            what = award_label(self.counted.split(":", 1)[1])
        text = f"{self.count:02d} năm liên tục {what}"
        if self.after:
            kind, level = self.after.split(":")
            text += f" sau khi được tặng {award_label(kind)} ({award_label(level).lower()})"
        return text

    @property
    def source_text(self) -> str:
        return f"{self.source} - {TO_CHECK}" if self.to_check else self.source


@dataclass(frozen=True)
class DueEntry:
    rule: DueRule
    subject_id: int
    code: str
    name: str
    unit_name: str
    years: tuple[int, ...]

    @property
    def is_collective(self) -> bool:
        return self.rule.subject == "unit"

    @property
    def why(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return f"{self.rule.condition_text}: {years}. Căn cứ: {self.rule.source_text}."

    @property
    def key(self) -> tuple[str, str, int]:
        return self.rule.code, self.rule.subject, self.subject_id


_COLUMNS = ("id, code, name, subject, target_kind, target_level, counted, count, counted_level, after, source, "
            "to_check, active")


def _rule(r) -> DueRule:
    return DueRule(r[0], r[1], r[2], r[3], AwardKind(r[4]), AwardLevel(r[5]), r[6], r[7],
                   Level(r[8]) if r[8] else None, r[9], r[10], bool(r[11]), bool(r[12]))


def list_due_rules(db: Database, active_only: bool = False) -> list[DueRule]:
    where = " WHERE active = 1" if active_only else ""
    return [_rule(r) for r in db.execute(f"SELECT {_COLUMNS} FROM due_rule{where} ORDER BY position, id")]


def save_due_rule(db: Database, rule: DueRule) -> DueRule:
    """Change a rule: its name, number of years, rating level, source, whether to check it, whether it
    applies. Refused with the fields at fault."""
    rule = replace(rule, name=clean(rule.name), source=clean(rule.source))
    errors = {}
    if not rule.name:
        errors["name"] = "Tên quy tắc không được để trống"
    if not isinstance(rule.count, int) or not 1 <= rule.count <= 30:
        errors["count"] = "Số năm liên tục phải từ 1 đến 30"
    if rule.counted == "rating" and not isinstance(rule.counted_level, Level):
        errors["counted_level"] = "Chưa chọn mức xếp loại năm tối thiểu"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.execute("UPDATE due_rule SET name = ?, count = ?, counted_level = ?, source = ?, to_check = ?, active = ? "
                   "WHERE id = ?", [rule.name, rule.count, str(rule.counted_level) if rule.counted == "rating" else None,
                                    rule.source, int(rule.to_check), int(rule.active), rule.id])
    return next(r for r in list_due_rules(db) if r.id == rule.id)


def _held(db: Database, rule: DueRule, column: str, first: int, year: int) -> dict[int, set[int]]:
    """subject id -> the years from ``first`` to ``year`` holding what ``rule`` counts."""
    if rule.counted == "rating":
        allowed = [str(level) for level, rank in _RANK.items() if rank >= _RANK[rule.counted_level]]
        sql = (f"SELECT staff_id, year FROM yearly_rating WHERE year BETWEEN ? AND ? AND level IN "
               f"({', '.join('?' * len(allowed))})")
        params = [first, year, *allowed]
    else:
        sql = f"SELECT {column}, year FROM award WHERE year BETWEEN ? AND ? AND kind = ? AND {column} IS NOT NULL"
        params = [first, year, rule.counted.split(":", 1)[1]]
    found: dict[int, set[int]] = defaultdict(set)
    for subject_id, held_year in db.execute(sql, params):
        found[subject_id].add(held_year)
    return found


def _last(db: Database, column: str, kind: str, level: str, year: int) -> dict[int, int]:
    """subject id -> the last year up to ``year`` it received ``kind`` at ``level``."""
    return dict(db.execute(f"SELECT {column}, max(year) FROM award INDEXED BY award_kind WHERE kind = ? AND level = ? AND year <= ? AND "
                           f"{column} IS NOT NULL GROUP BY {column}", [kind, level, year]).fetchall())


def _subjects(db: Database, subject: str, year: int) -> dict[int, tuple[str, str, str]]:
    """id -> (code, name, unit name) of the people working in ``year`` or the active units."""
    if subject == "unit":
        return {r[0]: (r[1], r[2], "") for r in db.execute("SELECT id, code, name FROM unit WHERE active = 1")}
    units = dict(db.execute("SELECT id, name FROM unit").fetchall())
    unit_of: dict[int, int] = {}
    for staff_id, unit_id in db.execute("SELECT staff_id, unit_id FROM staff_unit WHERE start_date <= ? "
                                        "ORDER BY staff_id, start_date", [f"{year}-12-31"]):
        unit_of[staff_id] = unit_id  # the last membership started by the year's end
    return {r[0]: (r[1], r[2], units.get(unit_of.get(r[0]), "")) for r in db.execute(
        "SELECT id, code, full_name FROM staff WHERE ended_on IS NULL OR ended_on > ?", [f"{year}-01-01"])}


def due_entries(db: Database, year: int, rules: list[DueRule] | None = None) -> list[DueEntry]:
    """Everyone (and every unit) meeting an active rule in ``year``, rule by rule, by unit and name."""
    rules = list_due_rules(db, active_only=True) if rules is None else rules
    disciplined = {r[0] for r in db.execute("SELECT staff_id FROM discipline WHERE effective_year = ?", [year])}
    subjects_of: dict[str, dict] = {}
    entries = []
    for rule in rules:
        column = "unit_id" if rule.subject == "unit" else "staff_id"
        window = tuple(range(year - rule.count + 1, year + 1))
        held = _held(db, rule, column, window[0], year)
        received = _last(db, column, str(rule.target_kind), str(rule.target_level), year)
        after = _last(db, column, *rule.after.split(":"), year) if rule.after else None
        if rule.subject not in subjects_of:
            subjects_of[rule.subject] = _subjects(db, rule.subject, year)
        subjects = subjects_of[rule.subject]
        for subject_id, years in held.items():
            if len(years) < rule.count or subject_id not in subjects \
                    or (rule.subject == "staff" and subject_id in disciplined):
                continue
            start = received.get(subject_id, 0)
            if after is not None:
                if subject_id not in after:
                    continue
                start = max(start, after[subject_id])
            if window[0] <= start:
                continue
            code, name, unit_name = subjects[subject_id]
            entries.append(DueEntry(rule, subject_id, code, name, unit_name, window))
    order = {r.code: i for i, r in enumerate(rules)}
    entries.sort(key=lambda e: (order[e.rule.code], sort_key(e.unit_name),
                                sort_key(e.name) if e.is_collective else name_sort_key(e.name)))
    return entries


def chosen_entries(db: Database, year: int, keys: list[tuple[str, str, int]]) -> list[DueEntry]:
    """The entries of ``year``'s due list the council picked (``DueEntry.key``: rule code, subject, id), in the
    list's order: what a proposal (Tờ trình) of the documents issue takes. A key not on the list is left out."""
    wanted = set(keys)
    return [e for e in due_entries(db, year) if e.key in wanted]
