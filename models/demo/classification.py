"""Sample quarterly classifications for Q2, Q3 and Q4 of 2018 (Decision 4631), deterministic.

A realistic spread: mostly good and excellent, a few below, a few not classified with reasons;
one unit over the leaders' cap (Q3) and one unit late (Q3); Q2 and Q3 locked, Q4 still open.
Most people also get a salary coefficient, so the extra-income estimate has figures.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlite_utils import Database

from models.quarters.classifications import Entry, lock_quarter, quarter_bounds, roster, save_quarter
from models.common.codes import HeadLevel, NotClassifiedReason

SEED = 4631
ENTERED_ON = dt.date(2019, 3, 1)
QUARTERS = ((2018, 2), (2018, 3), (2018, 4))
OVER_CAP_UNIT = "P05"  # all its leaders rated excellent in Q3
LATE_UNIT = "P12"  # submitted Q3 on 12/10/2018, after the deadline (05/10)
SALARY_STEPS = (2.34, 2.67, 3.0, 3.33, 3.66, 3.99, 4.32, 4.65, 4.98, 5.36, 5.76, 6.2)


@dataclass(frozen=True)
class QuarterPlan:
    """Which quarters a sample classifies, and its particular cases (a unit over the leaders' cap,
    a unit late, the quarter left open); 2018's by default."""

    quarters: tuple[tuple[int, int], ...] = QUARTERS
    seed: int = SEED
    entered_on: dt.date = ENTERED_ON
    over_cap: tuple[str, tuple[int, int]] | None = (OVER_CAP_UNIT, (2018, 3))
    late: tuple[str, tuple[int, int]] | None = (LATE_UNIT, (2018, 3))
    open_quarter: tuple[int, int] | None = (2018, 4)  # not locked
    salaries: bool = True  # also give most people a salary coefficient


def build_demo_classifications(db: Database, plan: QuarterPlan = QuarterPlan()) -> None:
    rng = random.Random(plan.seed)
    if plan.salaries:
        for (staff_id,) in db.execute("SELECT id FROM staff ORDER BY id").fetchall():
            if rng.random() < 0.9:
                db.execute("UPDATE staff SET salary_coefficient = ? WHERE id = ?",
                           [rng.choice(SALARY_STEPS), staff_id])
    units = db.execute("SELECT id, code FROM unit WHERE active = 1 ORDER BY code").fetchall()
    genders = dict(db.execute("SELECT id, gender FROM staff").fetchall())
    for year, quarter in plan.quarters:
        first, last = quarter_bounds(year, quarter)
        for unit_id, code in units:
            people = roster(db, unit_id, year, quarter)
            if not people:
                continue
            reasons: dict[int, NotClassifiedReason] = {}
            for p in people:
                draw = rng.random()
                if p.recruited_on and p.recruited_on > first:
                    reasons[p.staff_id] = NotClassifiedReason.MOI_TUYEN
                elif genders[p.staff_id] == "nu" and draw < 0.015:
                    reasons[p.staff_id] = NotClassifiedReason.THAI_SAN
                elif draw > 0.993:
                    reasons[p.staff_id] = NotClassifiedReason.OM_DAI_NGAY
            # At most half of the classified leaders excellent (the cap), except in the one unit over it.
            leaders = [p for p in people if p.is_leader and p.staff_id not in reasons]
            over = plan.over_cap == (code, (year, quarter))
            excellent = {p.staff_id for p in (leaders if over else leaders[:len(leaders) // 2])}
            entries = []
            for p in people:
                if p.staff_id in reasons:
                    note = f"Tuyển dụng ngày {p.recruited_on:%d/%m/%Y}" \
                        if reasons[p.staff_id] == NotClassifiedReason.MOI_TUYEN else ""
                    entries.append(Entry(p.staff_id, reason=reasons[p.staff_id], note=note))
                    continue
                if p.is_leader:
                    level = HeadLevel.XUAT_SAC if p.staff_id in excellent else HeadLevel.TOT
                else:
                    level = rng.choices(list(HeadLevel), weights=[22, 64, 12, 2])[0]
                entries.append(Entry(p.staff_id, level,
                                     note="Hoàn thành vượt chỉ tiêu cải cách hành chính"
                                     if level == HeadLevel.XUAT_SAC and rng.random() < 0.2 else ""))
            next_month = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
            day = 12 if plan.late == (code, (year, quarter)) else rng.randint(1, 5)
            save_quarter(db, unit_id, year, quarter, entries, next_month.replace(day=day), plan.entered_on)
            if (year, quarter) != plan.open_quarter and not over:
                locked_at = dt.datetime(year + 1, 1, 20, 9, 0) if quarter == 4 else dt.datetime(year, 3 * quarter + 1, 20, 9, 0)
                lock_quarter(db, unit_id, year, quarter, locked_at,
                             who="Thư ký Hội đồng")
