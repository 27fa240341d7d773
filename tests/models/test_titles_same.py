"""The yearly title proposals, computed case by case (``models.yearend.title_checks.YearChecks``,
shared quarters and conditions), give exactly what the plain person-by-person computation gave:
same people and units, same conditions and sentences, same cap ranking, same printed order, on a
generated year full of edge cases (quarters "không đánh giá", a merger during the year and one
after it, moves, leavers, no recruitment day, late recruits, discipline of every form, former
members' discipline, ratings, initiatives recognised or not, entered achievements, the council's
priorities, removals and additions) under every shape of rule set."""
import datetime as dt
import random
from collections import defaultdict
from dataclasses import replace
from operator import attrgetter

import pytest

from models.common.codes import (
    Achievement, CapBase, DisciplineForm, HeadLevel, NotClassifiedReason, TitleCapScope, TitleCode, TitleJudging,
    TitleRank, UnitKind,
)
from models.common.dates import from_iso
from models.common.text import name_sort_key
from models.people.staff import unit_printed_under
from models.people.succession import quarters_where, year_end_unit
from models.store.settings import council_names
from models.yearend import titles
from models.yearend.lists import STAFF, UNIT, adjust
from models.yearend.title_checks import (
    Draft, QuarterResult, achievement_condition, cstdcs_decision, ldtt_condition, ldtt_decision,
)
from models.yearend.title_rank import rank_groups
from models.yearend.title_rules import rule_for
from models.yearend.titles import TitleProposals, list_key

from .titles_data import YEAR, initiative, unit

LEVELS = list(HeadLevel)
REASONS = list(NotClassifiedReason)
POSITIONS = ("", "Chuyên viên", "Chủ tịch", "Phó Chủ tịch", "Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng",
             "Kế toán", "phó giám đốc")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Phạm Thị Dung", "Nguyễn Văn Đức", "Trần Thị Hà",
         "Lê Văn Hạnh", "Phạm Thị Lan", "Đỗ Minh Ngọc", "Võ Thị Yến")
NOW = dt.datetime(YEAR + 1, 1, 5, 9, 0)


def _old_proposals(db, year, rules) -> TitleProposals:
    """The computation as it was before YearChecks: every person's conditions built one by one
    (the reads and the assembly of the result are shared with the new one)."""
    quarters = defaultdict(list)
    codes = {None: None, **{c.value: c for c in (*HeadLevel, *NotClassifiedReason)}}
    for staff_id, quarter, level, reason, unit_id in db.execute(
        "SELECT staff_id, quarter, level, reason, unit_id FROM classification WHERE year = ? ORDER BY quarter", [year],
    ):
        quarters[staff_id].append(QuarterResult(quarter, codes[level], codes[reason], unit_id))
    data = titles.year_data(db, year, rules)
    year_end = dt.date(year, 12, 31)
    drafts = []
    for staff_id, code, full_name, position, recruited, ended in db.execute(
        "SELECT id, code, full_name, position, recruited_on, ended_on FROM staff"
    ):
        if staff_id not in quarters and staff_id not in data.ratings and staff_id not in data.working:
            continue
        left = from_iso(ended)
        mine = tuple(quarters.get(staff_id, ()))
        unit_id = (year_end_unit(db, staff_id, mine[-1].unit_id, data.ends, year) if mine
                   else unit_printed_under(db, staff_id, year_end))
        if unit_id is None:
            continue
        p = Draft(staff_id, code, full_name, position, unit_id, from_iso(recruited),
                  left if left is not None and left < year_end else None, mine, data.worst.get(staff_id),
                  name_sort_key(full_name), rating=data.ratings.get(staff_id),
                  where=quarters_where([(q.quarter, q.unit_id) for q in mine], data.names, data.ends, year)
                  if data.ends else "")
        p.ldtt = ldtt_decision(p, year, rules)
        p.cstdcs_conditions = [ldtt_condition(p, data.removed[TitleCode.LDTT].get(staff_id))]
        if rules.achievements:
            p.cstdcs_conditions.append(achievement_condition(p, rules.achievements, data.authored.get(staff_id, []),
                                                             data.entered.get(staff_id, []), year))
        drafts.append(p)
    drafts.sort(key=lambda p: (p.name_key, p.code))
    groups, ranks = rank_groups(drafts, rules, data.names, titles._priorities(db, year), council_names(db).everyone)
    group_of = {s: g for g in groups for s in g.ranked}
    for p in drafts:
        p.cstdcs = cstdcs_decision(p, ranks.get(p.staff_id), group_of.get(p.staff_id), rules)
    return titles.assemble(db, year, rules, None, data, drafts, groups)


def _day(rng, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _membership(history: list[tuple[str, int]], day: str) -> int | None:
    found = None
    for start, unit_id in history:
        if start <= day:
            found = unit_id
    return found


def _fill(db, seed: int) -> None:
    """A year of a small district: ten units (one merged into another on 01/07, one renamed after
    the year, one inactive), 320 people with every kind of quarter, leaving, moving and record."""
    rng = random.Random(seed)
    kinds = [UnitKind.PHUONG, UnitKind.CO_QUAN, UnitKind.TRUONG_HOC, UnitKind.TRAM_Y_TE, UnitKind.KHU_PHO]
    units = [unit(db, f"DV{i:02d}", f"Đơn vị số {i}", kinds[i % len(kinds)]) for i in range(1, 11)]
    merged, into, renamed, renamed_to, inactive = units[0], units[1], units[2], units[3], units[8]
    db.execute("INSERT INTO unit_succession (from_unit_id, to_unit_id, kind, effective_on) VALUES (?, ?, 'sap_nhap', ?)",
               [merged, into, f"{YEAR}-07-01"])
    db.execute("INSERT INTO unit_succession (from_unit_id, to_unit_id, kind, effective_on) VALUES (?, ?, 'doi_ten', ?)",
               [renamed, renamed_to, f"{YEAR + 1}-03-01"])
    db.execute("UPDATE unit SET active = 0 WHERE id IN (?, ?, ?)", [merged, renamed, inactive])
    first_day, last_day = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    histories = {}
    for n in range(320):
        recruited = rng.choice([None, dt.date(2005, 3, 1), dt.date(YEAR, 2, 1), dt.date(YEAR, 3, 1),
                                dt.date(YEAR, 3, 2), _day(rng, dt.date(1995, 1, 1), last_day)])
        ended = rng.choices([None, _day(rng, max(recruited or first_day, first_day), last_day), last_day,
                             dt.date(YEAR + 1, 2, 1)], [80, 10, 3, 3])[0]
        staff_id = db.execute(
            "INSERT INTO staff (code, full_name, name_folded, gender, position, category, recruited_on, ended_on) "
            "VALUES (?, ?, '', 'nu', ?, 'cong_chuc', ?, ?)",
            [f"CB{(n * 7919) % 1000:04d}", rng.choice(NAMES), rng.choice(POSITIONS),
             recruited and recruited.isoformat(), ended and ended.isoformat()]).lastrowid
        home = rng.choice(units)
        shape = rng.random()
        if shape < 0.03:
            history = []  # no unit history at all
        elif shape < 0.06:
            history = [(f"{YEAR + 1}-01-15", home)]  # joined only after the year
        else:
            history = [((recruited or dt.date(2000, 1, 1)).isoformat(), home)]
            if shape > 0.88:
                history.append((rng.choice([f"{YEAR}-04-01", f"{YEAR}-10-01", f"{YEAR}-12-31"]), rng.choice(units)))
            if _membership(history, f"{YEAR}-06-30") == merged:
                history.append((f"{YEAR}-07-01", into))
        db.conn.executemany("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, ?)",
                            [(staff_id, u, start) for start, u in history])
        histories[staff_id] = history
    rows = []
    for staff_id, history in histories.items():
        for quarter in (1, 2, 3, 4):
            unit_id = _membership(history, f"{YEAR}-{quarter * 3 - 1:02d}-15")
            if unit_id is None or rng.random() < 0.08:
                continue
            if rng.random() < 0.07:
                reason = rng.choice([NotClassifiedReason.THAI_SAN, NotClassifiedReason.THAI_SAN, *REASONS])
                rows.append((staff_id, unit_id, YEAR, quarter, None, reason.value))
            else:
                level = rng.choices(LEVELS, [25, 60, 10, 5])[0]
                rows.append((staff_id, unit_id, YEAR, quarter, level.value, None))
    db.conn.executemany("INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason, note) "
                        "VALUES (?, ?, ?, ?, ?, ?, '')", rows)
    people = sorted(histories)
    db.conn.executemany("INSERT INTO yearly_rating (staff_id, year, level) VALUES (?, ?, ?)",
                        [(s, YEAR, rng.choices(LEVELS, [30, 55, 10, 5])[0].value)
                         for s in people if rng.random() < 0.75])
    disciplined = rng.sample(people, 24)
    db.conn.executemany(
        "INSERT INTO discipline (staff_id, form, decision_number, decision_date, effective_year) VALUES (?, ?, ?, ?, ?)",
        [(s, rng.choice(list(DisciplineForm)).value, f"{n + 1}/QĐ-UBND",
          rng.choice([f"{YEAR}-02-10", f"{YEAR}-06-20", f"{YEAR}-11-05"]), YEAR)
         for n, s in enumerate(disciplined + disciplined[:4])])
    for n, unit_id in enumerate(units):
        staff = [s for s, h in histories.items() if _membership(h, f"{YEAR}-11-01") == unit_id]
        for k in range(rng.randint(1, 3)):
            if staff:
                initiative(db, unit_id, rng.sample(staff, min(len(staff), rng.randint(1, 3))),
                           recognised=rng.random() < 0.6, title=f"Sáng kiến {n}-{k}")
    kinds_entered = [Achievement.DE_TAI, Achievement.GIAI_PHAP]
    db.conn.executemany("INSERT INTO staff_achievement (staff_id, year, kind, title) VALUES (?, ?, ?, ?)",
                        [(s, YEAR, rng.choice(kinds_entered).value, f"Đề tài {s}") for s in rng.sample(people, 40)])
    db.conn.executemany("INSERT INTO title_priority (year, staff_id, priority) VALUES (?, ?, ?)",
                        [(YEAR, s, i + 1) for i, s in enumerate(rng.sample(people, 30))])
    for title, subject, ids in ((TitleCode.LDTT, STAFF, rng.sample(people, 6)),
                                (TitleCode.TTLDTT, UNIT, rng.sample(units, 3))):
        for subject_id in ids:
            adjust(db, list_key(YEAR, title), "remove", subject, subject_id, "Theo đề nghị của đơn vị", NOW)
    for title, subject, ids in ((TitleCode.CSTDCS, STAFF, rng.sample(people, 3)),
                                (TitleCode.LDTT, STAFF, rng.sample(people, 2)),
                                (TitleCode.TTLDXS, UNIT, rng.sample(units, 2))):
        for subject_id in ids:
            adjust(db, list_key(YEAR, title), "add", subject, subject_id, "Hội đồng xét bổ sung", NOW,
                   text="Có thành tích đột xuất")


def _variants(db):
    """The shipped 2018 and 2024 rule sets, and every setting the computation branches on."""
    old, new = rule_for(db, 2018), rule_for(db, 2024)
    ranked = (TitleRank.COUNCIL_ORDER, TitleRank.EXCELLENT_QUARTERS, TitleRank.YEARLY_RATING)
    return [
        old, new,
        replace(old, cap_scope=TitleCapScope.DISTRICT, leavers_qualify=True, min_months=0),
        replace(old, required_level=HeadLevel.XUAT_SAC, min_classified_quarters=3, maternity_counts=True,
                ranking=ranked, cap_base=CapBase.MEMBERS),
        replace(new, achievements=(), cap_scope=TitleCapScope.DISTRICT, ranking=()),
        replace(new, maternity_counts=False, achievements=(Achievement.SANG_KIEN,), leavers_qualify=True,
                individual_discipline=DisciplineForm.CANH_CAO, collective_discipline=DisciplineForm.KHIEN_TRACH),
        replace(new, judging=TitleJudging.QUARTERS, cap_base=CapBase.MEMBERS, min_months=24),
    ]


@pytest.mark.parametrize("seed", [7, 2024])
def test_the_year_checks_give_what_the_person_by_person_computation_gave(db, seed):
    with db.atomic():
        _fill(db, seed)
    counts = defaultdict(int)
    for rules in _variants(db):
        expected = _old_proposals(db, YEAR, rules)
        got = titles._proposals(db, YEAR, rules)
        assert got == expected  # people, units, every condition and sentence, the cap's groups
        assert got.order == expected.order and list(got.order) == list(expected.order)
        assert got.outsiders == expected.outsiders
        assert [p.staff_id for p in got.people] == [p.staff_id for p in expected.people]
        for title in TitleCode:
            assert got.entries(title) == expected.entries(title)
            for p in expected.people:
                assert got.why(title, STAFF, p.staff_id) == expected.why(title, STAFF, p.staff_id)
        for p in got.people:
            for title, d in p.decisions.items():
                counts[(title, d.proposed, d.rank is not None)] += 1
        counts["binding"] += sum(g.binding for g in got.cap_groups)
        counts["where"] += sum(any(" tại " in c.text for c in p.decisions[TitleCode.LDTT].conditions)
                               for p in got.people)
    # The generated year reaches the cases that matter: proposed and not, ranked by a binding cap,
    # quarters spent in two units.
    assert counts[(TitleCode.LDTT, True, False)] and counts[(TitleCode.LDTT, False, False)]
    assert counts[(TitleCode.CSTDCS, True, True)] and counts[(TitleCode.CSTDCS, False, True)]
    assert counts["binding"] and counts["where"]


def test_shared_decisions_stay_apart_by_person(db):
    """Two people with the same case share their conditions, yet each keeps their own quarters,
    unit and name; the sentence names a person's own recruitment day."""
    with db.atomic():
        _fill(db, 11)
    got = titles._proposals(db, YEAR, rule_for(db, 2018))
    by_day = defaultdict(set)
    for p in got.people:
        by_day[p.recruited_on].add(next(c.text for c in p.decisions[TitleCode.LDTT].conditions if "tháng công tác" in c.text))
    assert all(len(texts) == 1 for texts in by_day.values())
    assert len(by_day) > 20
    assert sorted(got.people, key=attrgetter("staff_id")) != list(got.people)  # the name order, not the ids


def test_a_unit_id_too_big_for_the_rows_number_is_read_apart(db):
    """A unit id set by hand at 2^56 or more (unit * 128 would not fit in SQLite's 64 bits): the
    quarters are read with the unit apart, and the proposals are those of the same year with the unit's
    ordinary id."""
    with db.atomic():
        _fill(db, 5)
    rules = rule_for(db, 2018)
    expected = _old_proposals(db, YEAR, rules)
    big = 2 ** 56 + 3
    moved = db.execute("SELECT unit_id FROM classification WHERE year = ? LIMIT 1", [YEAR]).fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")  # (the id changed everywhere it is used, as by hand)
    with db.atomic():
        for table, column in db.execute("SELECT m.name, p.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) p "
                                        "WHERE m.type = 'table' AND p.\"table\" = 'unit'").fetchall():
            db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', [big, moved])
        db.execute("UPDATE unit SET id = ? WHERE id = ?", [big, moved])
    db.execute("PRAGMA foreign_keys = ON")
    got = titles._proposals(db, YEAR, rules)
    assert any(q.unit_id == big for p in got.people for q in p.quarters)
    back = {big: moved}
    assert [(p.staff_id, [(q.quarter, q.level, q.reason, back.get(q.unit_id, q.unit_id)) for q in p.quarters])
            for p in got.people] == [(p.staff_id, [(q.quarter, q.level, q.reason, q.unit_id) for q in p.quarters])
                                     for p in expected.people]
