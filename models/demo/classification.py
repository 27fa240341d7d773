"""Sample quarterly classifications for Q2, Q3 and Q4 of 2018 (Decision 4631), deterministic.

A realistic spread: mostly good and excellent, a few below, a few not classified with reasons;
one unit over the leaders' cap (Q3) and one unit late (Q3); Q2 and Q3 locked, Q4 still open.
Most people also get a salary coefficient, so the extra-income estimate has figures.
"""
from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from models.quarters.classifications import Entry, lock_quarter, quarter_bounds, roster, save_quarter
from models.common.codes import HeadLevel, NotClassifiedReason

SEED = 4631
ENTERED_ON = dt.date(2019, 3, 1)
QUARTERS = ((2018, 2), (2018, 3), (2018, 4))
OVER_CAP_UNIT = "P05"  # all its leaders rated excellent in Q3
LATE_UNIT = "P12"  # submitted Q3 on 12/10/2018, after the deadline (05/10)
SALARY_STEPS = (2.34, 2.67, 3.0, 3.33, 3.66, 3.99, 4.32, 4.65, 4.98, 5.36, 5.76, 6.2)


def build_demo_classifications(db: Database) -> None:
    rng = random.Random(SEED)
    for (staff_id,) in db.execute("SELECT id FROM staff ORDER BY id").fetchall():
        if rng.random() < 0.9:
            db.execute("UPDATE staff SET salary_coefficient = ? WHERE id = ?", [rng.choice(SALARY_STEPS), staff_id])
    units = db.execute("SELECT id, code FROM unit WHERE active = 1 ORDER BY code").fetchall()
    genders = dict(db.execute("SELECT id, gender FROM staff").fetchall())
    for year, quarter in QUARTERS:
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
            over = code == OVER_CAP_UNIT and (year, quarter) == (2018, 3)
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
            day = 12 if code == LATE_UNIT and (year, quarter) == (2018, 3) else rng.randint(1, 5)
            save_quarter(db, unit_id, year, quarter, entries, next_month.replace(day=day), ENTERED_ON)
            if quarter < 4 and not (code == OVER_CAP_UNIT and quarter == 3):
                lock_quarter(db, unit_id, year, quarter, dt.datetime(year, 3 * quarter + 1, 20, 9, 0),
                             who="Thư ký Hội đồng")
