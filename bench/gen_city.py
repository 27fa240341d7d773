"""City-sized databases for the benchmarks: 400 units and 20,000 staff, 2,000 units and 100,000 staff.

    .venv/bin/python bench/gen_city.py                  # bench/data/city-20000.sqlite3 and city-100000.sqlite3
    .venv/bin/python bench/gen_city.py OUT.sqlite3 [--units N] [--staff N]

Deterministic (one random.Random(SEED)): the same arguments always write the same rows. The city
is a series of districts, each with the units of the Gò Vấp sample (models.demo.sample.UNIT_SPECS:
wards, offices, mass organisations, service units, one Party organisation, one dissolved unit);
people get the demo's Vietnamese family, middle and given names, rosters and birth ranges. Head
counts are the demo's scaled up so that the total is exact. About 4% of the people moved between
two units of the same kind (0.5% twice), about 2% have left.

Rows go straight into the schema that ``models.store.db.connect`` creates, with executemany inside one
transaction (20,000 people in well under 2 s), using the models' own row builders
(``models.people.units._row``, ``models.people.staff._row`` / ``INSERT_STAFF``) so every column, the folded
search name included, is what the program itself would write.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.demo import names
from models.demo import sample as demo
from models.people import staff as staff_mod
from models.people import units as units_mod
from models.common.codes import Gender, StaffCategory, UnitKind  # noqa: E402
from models.store.db import connect  # noqa: E402
from models.people.staff import Staff  # noqa: E402
from models.common.text import nfc  # noqa: E402
from models.people.units import Unit  # noqa: E402

SEED = 20_000
# The data describe the city up to the end of 2024; imports are dated after that.
LAST_EVENT = dt.date(2024, 12, 31)
RECRUITED_BY = dt.date(2024, 6, 30)
CITY_TODAY = dt.date(2025, 6, 30)
MOVER_SHARE = 0.04
TWICE_SHARE = 0.005
LEAVER_SHARE = 0.02
DISTRICTS = (
    "Quận 1", "Quận 3", "Quận 4", "Quận 5", "Quận 6", "Quận 7", "Quận 8", "Quận 10", "Quận 11",
    "Quận 12", "Quận Bình Thạnh", "Quận Gò Vấp", "Quận Phú Nhuận", "Quận Tân Bình",
    "Quận Tân Phú", "Quận Bình Tân", "Huyện Bình Chánh", "Huyện Hóc Môn", "Huyện Củ Chi",
    "Huyện Nhà Bè", "Huyện Cần Giờ",
)
NAM, NU = Gender.NAM, Gender.NU


class _Weighted:
    """rng.choices with precomputed cumulative weights (the demo's (item, weight) lists)."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        total, self.cum = 0.0, []
        for _, w in pairs:
            total += w
            self.cum.append(total)

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


@dataclass
class CityUnit:
    code: str
    name: str
    kind: UnitKind
    head_title: str
    active: bool
    spec: object
    head_name: str = ""
    id: int = 0


@dataclass
class CityPerson:
    code: str
    full_name: str
    gender: Gender
    category: StaffCategory
    position: str
    is_leader: bool
    birth: dt.date
    recruited: dt.date
    unit: int  # index into the units list (current unit)
    ordinary: bool
    ended: dt.date | None = None
    # Earlier memberships: (unit index, start); the current unit starts at ``moves[-1]`` date.
    history: list[tuple[int, dt.date]] = field(default_factory=list)


def _district_name(name: str, district: str) -> str:
    if name.endswith(" quận"):
        return f"{name[: -len(' quận')]} {district}"
    if name.startswith("Ủy ban nhân dân Phường"):
        return f"{name}, {district}"
    return f"{name} {district}"


def _district(index: int) -> str:
    return DISTRICTS[index] if index < len(DISTRICTS) else f"Khu vực {index + 1}"


def plan_units(count: int) -> list[CityUnit]:
    """``count`` units: district after district, each with every unit of the demo's district."""
    units: list[CityUnit] = []
    d = 0
    while len(units) < count:
        district = _district(d)
        for spec in demo.UNIT_SPECS:
            if len(units) == count:
                break
            units.append(
                CityUnit(
                    code=f"Q{d + 1:02d}-{spec.code}",
                    name=_district_name(spec.name, district),
                    kind=spec.kind,
                    head_title=spec.head_title,
                    active=spec.active,
                    spec=spec,
                )
            )
        d += 1
    return units


def _sizes(rng: random.Random, units: list[CityUnit], total: int) -> list[int]:
    """The demo's head counts scaled so that they add up to ``total`` exactly."""
    base = [
        (u.spec.size if isinstance(u.spec.size, int) else rng.uniform(*u.spec.size)) if u.active else 0
        for u in units
    ]
    scale = total / sum(base) if sum(base) else 0
    raw = [b * scale for b in base]
    sizes = [int(r) for r in raw]
    # Largest remainders first (ties by position): deterministic and exact.
    by_remainder = sorted(range(len(units)), key=lambda i: (sizes[i] - raw[i], i))
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(first.toordinal(), max(first, last).toordinal()))


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, month=3, day=1)


class _Namer:
    def __init__(self):
        self.family = _Weighted(names.FAMILY_NAMES)
        self.middle = {g: _Weighted(names.MIDDLE_NAMES[g]) for g in (NAM, NU)}
        # Younger people are less often given the plain "Văn" / "Thị" (as in the demo).
        self.middle_young = {
            g: _Weighted([(m, w / 2 if m in names.PLAIN_MIDDLE else w) for m, w in names.MIDDLE_NAMES[g]])
            for g in (NAM, NU)
        }
        self.given = names.GIVEN_NAMES

    def name(self, rng: random.Random, gender: Gender, born: int) -> str:
        middles = (self.middle_young if born >= 1985 else self.middle)[gender]
        while True:
            middle = middles.pick(rng)
            given = rng.choice(self.given[gender])
            if middle.split()[-1] != given:
                return nfc(f"{self.family.pick(rng)} {middle} {given}")


def _roster(rng: random.Random, spec, size: int) -> list:
    """The posts of a unit: head, deputies, the fixed posts, then posts drawn from its pool."""
    head = demo._Slot(spec.head_title, spec.leader_category, True, born=spec.head_born)
    deputies = [
        demo._Slot(spec.deputy_title, spec.leader_category, True, born=spec.deputy_born)
        for _ in range(rng.randint(*spec.deputies))
    ]
    slots = [head, *deputies, *spec.fixed]
    pool = _Weighted(spec.pool) if spec.pool else None
    while len(slots) < size and pool is not None:
        slots.append(pool.pick(rng))
    spare = list(spec.fixed) or deputies or [head]  # a unit without a pool (the Party one)
    while len(slots) < size:
        slots.append(spare[len(slots) % len(spare)])
    return slots[:size]


def _person(rng, namer, spec, slot, code, unit_index) -> CityPerson:
    if slot.gender is not None:
        gender = slot.gender
    else:
        share = spec.female_share
        if slot.is_leader and slot.position == spec.head_title and 0.0 < share < 1.0:
            share *= demo.HEAD_FEMALE_RATIO
        gender = NU if rng.random() < share else NAM
    first, last = slot.born
    first = max(first, 1964)  # everyone born before 1964 has retired by 2025
    birth = _day_between(rng, dt.date(first, 1, 1), dt.date(max(last, first), 12, 31))
    earliest = _years_after(birth, 21)
    recruited = _day_between(rng, earliest, max(earliest, min(_years_after(birth, 30), RECRUITED_BY)))
    return CityPerson(
        code=code,
        full_name=namer.name(rng, gender, birth.year),
        gender=gender,
        category=slot.category,
        position=slot.position,
        is_leader=slot.is_leader,
        birth=birth,
        recruited=recruited,
        unit=unit_index,
        ordinary=not slot.is_leader,
    )


def plan_city(units: int = 400, staff: int = 20000, seed: int = SEED
              ) -> tuple[list[CityUnit], list[CityPerson]]:
    """Everything decided in memory: the units and the people with their histories."""
    rng = random.Random(seed)
    namer = _Namer()
    city_units = plan_units(units)
    people: list[CityPerson] = []
    for index, (unit, size) in enumerate(zip(city_units, _sizes(rng, city_units, staff))):
        for slot in _roster(rng, unit.spec, size):
            code = f"CB{len(people) + 1:05d}"
            people.append(_person(rng, namer, unit.spec, slot, code, index))
        unit.head_name = (
            people[-size].full_name if size else namer.name(rng, NAM, 1970)
        )
    _add_history(rng, city_units, people)
    return city_units, people


def _add_history(rng: random.Random, units: list[CityUnit], people: list[CityPerson]) -> None:
    by_kind: dict[UnitKind, list[int]] = {}
    for i, u in enumerate(units):
        if u.active:
            by_kind.setdefault(u.kind, []).append(i)
    movable = [
        i for i, p in enumerate(people)
        if p.ordinary and units[p.unit].kind in (UnitKind.PHUONG, UnitKind.CO_QUAN)
        and p.recruited < dt.date(2023, 1, 1) and len(by_kind[units[p.unit].kind]) > 1
    ]
    movers = set(rng.sample(movable, min(len(movable), round(len(people) * MOVER_SHARE))))
    twice = set(rng.sample(sorted(movers), min(len(movers), round(len(people) * TWICE_SHARE))))
    for i in sorted(movers):
        p = people[i]
        same_kind = [u for u in by_kind[units[p.unit].kind] if u != p.unit]
        steps = 2 if i in twice else 1
        # Move dates strictly after recruitment, in order, none after LAST_EVENT.
        low = p.recruited + dt.timedelta(days=30)
        dates = sorted({_day_between(rng, low, LAST_EVENT) for _ in range(steps)})
        origins = []
        for _ in dates:
            choices = [u for u in same_kind if not origins or u != origins[-1]]
            origins.append(rng.choice(choices))
        # history: first unit from recruitment; each later one from its move date.
        starts = [p.recruited, *dates[:-1]]
        p.history = list(zip(origins, starts))
        p.history.append((p.unit, dates[-1]))
    leavable = [i for i, p in enumerate(people) if p.ordinary and i not in movers]
    for i in sorted(rng.sample(leavable, min(len(leavable), round(len(people) * LEAVER_SHARE)))):
        p = people[i]
        p.ended = _day_between(rng, max(p.recruited, dt.date(2023, 1, 1)), LAST_EVENT)


def _staff_record(p: CityPerson, unit_id: int, staff_id: int | None = None) -> Staff:
    return Staff(
        id=staff_id,
        code=p.code,
        full_name=p.full_name,
        gender=p.gender,
        category=p.category,
        unit_id=unit_id,
        birth_date=p.birth,
        position=p.position,
        is_leader=p.is_leader,
        recruited_on=p.recruited,
        ended_on=p.ended,
    )


def generate_city(path: str | Path, units: int = 400, staff: int = 20000, seed: int = SEED) -> Path:
    """Write a new database at ``path`` (replacing any file there) and return the path."""
    path = Path(path)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    city_units, people = plan_city(units, staff, seed)
    db = connect(path)
    try:
        with db.atomic():
            unit_rows = []
            for i, u in enumerate(city_units, start=1):
                u.id = i
                row = units_mod._row(Unit(u.code, u.name, u.kind, u.head_name, u.head_title, u.active))
                unit_rows.append({**row, "id": i})
            db.conn.executemany(
                "INSERT INTO unit (id, code, name, name_folded, kind, head_name, head_title, active) "
                "VALUES (:id, :code, :name, :name_folded, :kind, :head_name, :head_title, :active)",
                unit_rows,
            )
            staff_rows, history = [], []
            for staff_id, p in enumerate(people, start=1):
                unit_id = city_units[p.unit].id
                staff_rows.append(staff_mod._row(_staff_record(p, unit_id)) | {"id": staff_id})
                if p.history:
                    history.extend(
                        (staff_id, city_units[u].id, start.isoformat()) for u, start in p.history
                    )
                else:
                    history.append((staff_id, unit_id, p.recruited.isoformat()))
            db.conn.executemany(staff_mod.INSERT_STAFF, staff_rows)
            db.conn.executemany(staff_mod.INSERT_ASSIGNMENT, history)
        db.execute("ANALYZE")
    finally:
        db.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?",
                        help="the database to write; none: both city databases of bench/data")
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.out is None:
        for units, staff in CITY_SIZES:
            _generate_and_count(city_path(staff), units, staff, args.seed)
        return 0
    _generate_and_count(args.out, args.units, args.staff, args.seed)
    return 0


# The two city databases: 50 staff per unit, as in the demo's district.
CITY_SIZES = ((400, 20_000), (2_000, 100_000))


def city_path(staff: int) -> Path:
    """Where the benchmarks keep the city database of ``staff`` people (bench/data, git-ignored)."""
    return Path(__file__).resolve().parent / "data" / f"city-{staff}.sqlite3"


def _generate_and_count(out: Path, units: int, staff: int, seed: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate_city(out, units, staff, seed)
    elapsed = time.perf_counter() - started
    db = connect(out)
    try:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("unit", "staff", "staff_unit")}
        leaders = db.execute("SELECT count(*) FROM staff WHERE is_leader").fetchone()[0]
        ended = db.execute("SELECT count(*) FROM staff WHERE ended_on IS NOT NULL").fetchone()[0]
        moved = db.execute(
            "SELECT count(*) FROM (SELECT staff_id FROM staff_unit GROUP BY staff_id HAVING count(*) > 1)"
        ).fetchone()[0]
    finally:
        db.close()
    print(
        f"{out}: {counts['unit']} units, {counts['staff']} staff ({leaders} leaders, "
        f"{moved} moved, {ended} left), {counts['staff_unit']} memberships, "
        f"written in {elapsed:.2f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
