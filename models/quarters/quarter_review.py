"""The council's review of a quarter: every unit's submission and spread of levels against the
district, and the extra income each classified person is paid."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from models.quarters.classifications import Violation, cap_violations, quarter_bounds, quarter_units
from models.common.codes import HeadLevel, NotClassifiedReason, UnitKind
from models.common.dates import from_iso
from models.quarters.rules import RuleSet, base_salaries, base_salary_on, rule_set_for

SUBMITTED, LATE, MISSING = "Đã nộp", "Nộp trễ", "Chưa nộp"


@dataclass(frozen=True)
class UnitQuarterSummary:
    unit_id: int
    unit_code: str
    unit_name: str
    unit_kind: UnitKind
    headcount: int  # people whose classification belongs to the unit this quarter
    counts: dict[HeadLevel, int]
    not_classified: int  # "Không đánh giá" with a reason
    unclassified: int  # no result entered yet
    submitted_on: dt.date | None
    status: str  # SUBMITTED / LATE / MISSING
    locked: bool
    violations: tuple[Violation, ...] = ()

    @property
    def classified(self) -> int:
        return sum(self.counts.values())

    def share(self, level: HeadLevel) -> float:
        return self.counts.get(level, 0) / self.classified if self.classified else 0.0


@dataclass(frozen=True)
class QuarterReview:
    year: int
    quarter: int
    rule_set: RuleSet
    deadline: dt.date
    units: tuple[UnitQuarterSummary, ...]  # the most "levelled" (share of excellent) first
    district_counts: dict[HeadLevel, int] = field(default_factory=dict)

    @property
    def district_classified(self) -> int:
        return sum(self.district_counts.values())

    def district_share(self, level: HeadLevel) -> float:
        total = self.district_classified
        return self.district_counts.get(level, 0) / total if total else 0.0

    def status_counts(self) -> dict[str, int]:
        counts = Counter(u.status for u in self.units)
        return {s: counts.get(s, 0) for s in (SUBMITTED, LATE, MISSING)}


def quarter_review(db: Database, year: int, quarter: int) -> QuarterReview:
    """Every active unit that has people this quarter (and any unit with results), ordered by
    share of excellent, highest first. Raises DomainError when no rule set applies."""
    rule_set = rule_set_for(db, year, quarter)
    deadline = rule_set.deadline(year, quarter)
    members = quarter_units(db, year, quarter)
    headcount = Counter(members.values())
    leaders = {r[0] for r in db.execute("SELECT id FROM staff WHERE is_leader = 1")}
    counts: dict[int, Counter] = defaultdict(Counter)
    not_classified: Counter = Counter()
    entered: Counter = Counter()
    people: dict[int, list[tuple[bool, HeadLevel | None]]] = defaultdict(list)
    for staff_id, unit_id, level in db.execute(
        "SELECT staff_id, unit_id, level FROM classification WHERE year = ? AND quarter = ?", [year, quarter]
    ):
        entered[unit_id] += 1
        if level is None:
            not_classified[unit_id] += 1
            people[unit_id].append((staff_id in leaders, None))
        else:
            counts[unit_id][HeadLevel(level)] += 1
            people[unit_id].append((staff_id in leaders, HeadLevel(level)))
    states = {
        r["unit_id"]: (from_iso(r["submitted_on"]), bool(r["locked"]))
        for r in db.query("SELECT unit_id, submitted_on, locked FROM unit_quarter WHERE year = ? AND quarter = ?",
                          [year, quarter])
    }
    units = []
    for unit_id, code, name, kind, active in db.execute("SELECT id, code, name, kind, active FROM unit"):
        if not headcount[unit_id] and not entered[unit_id]:
            continue
        if not active and not entered[unit_id]:
            continue
        submitted_on, locked = states.get(unit_id, (None, False))
        status = MISSING if submitted_on is None else LATE if submitted_on > deadline else SUBMITTED
        units.append(UnitQuarterSummary(
            unit_id=unit_id, unit_code=code, unit_name=name, unit_kind=UnitKind(kind),
            headcount=headcount[unit_id], counts={lv: counts[unit_id].get(lv, 0) for lv in HeadLevel},
            not_classified=not_classified[unit_id],
            unclassified=max(headcount[unit_id] - entered[unit_id], 0),
            submitted_on=submitted_on, status=status, locked=locked,
            violations=tuple(cap_violations(rule_set, people[unit_id])),
        ))
    units.sort(key=lambda u: (-u.share(HeadLevel.XUAT_SAC), u.unit_code))
    district = Counter()
    for u in units:
        district.update(u.counts)
    return QuarterReview(year, quarter, rule_set, deadline, tuple(units),
                         {lv: district.get(lv, 0) for lv in HeadLevel})


@dataclass(frozen=True)
class IncomeRow:
    staff_id: int
    code: str
    full_name: str
    unit_code: str
    unit_name: str
    level: HeadLevel | None
    reason: NotClassifiedReason | None
    paid: bool
    share: float  # of the extra income, by level
    coefficient: float  # the rule set's maximum coefficient for the year
    salary_coefficient: float | None
    amount: int | None  # estimated đồng for the quarter; None without a salary coefficient


MONTHS_PER_QUARTER = 3


def extra_income(db: Database, year: int, quarter: int) -> list[IncomeRow]:
    """Extra income for every classified person of the quarter: paid or not, the coefficient and,
    where the salary coefficient is recorded, the estimate: salary coefficient x base salary x
    3 months x coefficient x share (rounded to the đồng)."""
    rule_set = rule_set_for(db, year, quarter)
    coefficient = rule_set.max_coefficient(year)
    first, _last = quarter_bounds(year, quarter)
    base = base_salary_on(base_salaries(db), first)
    rows = db.execute(
        "SELECT s.id, s.code, s.full_name, u.code, u.name, c.level, c.reason, s.salary_coefficient "
        "FROM classification c JOIN staff s ON s.id = c.staff_id JOIN unit u ON u.id = c.unit_id "
        "WHERE c.year = ? AND c.quarter = ? ORDER BY u.code, s.code", [year, quarter],
    ).fetchall()
    result = []
    for staff_id, code, name, unit_code, unit_name, level, reason, salary in rows:
        level = HeadLevel(level) if level else None
        share = rule_set.shares.get(level, 0.0) if level else 0.0
        amount = None
        if salary is not None and base is not None:
            amount = round(salary * base * MONTHS_PER_QUARTER * coefficient * share)
        result.append(IncomeRow(
            staff_id, code, name, unit_code, unit_name, level,
            NotClassifiedReason(reason) if reason else None, share > 0, share, coefficient, salary, amount,
        ))
    return result


