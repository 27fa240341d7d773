"""The yearly emulation titles: who qualifies, and why or why not.

``title_proposals(db, year)`` checks every condition of the rule set in force for the year
(``models.yearend.title_rules``; this module holds no number of its own) for:

- every person with a classification row in the year (a level, or "không đánh giá"), or, under
  a rule set judging by the yearly rating, with a rating or working on 31/12 of the year, placed in
  the unit their last classified quarter of the year belongs to; people who left before 31/12
  are noted as such (and not proposed unless the rule set says so). Titles: **Lao động tiên
  tiến** (LĐTT) and **Chiến sĩ thi đua cơ sở** (CSTĐCS). A CSTĐCS person is also on the LĐTT list
  (CSTĐCS requires LĐTT).
- every unit with members, a member being a person whose last classified quarter of the year
  belongs to the unit. Titles: **Tập thể lao động tiên tiến** (TTLĐTT) and **Tập thể lao động xuất
  sắc** (TTLĐXS). A TTLĐXS unit is also on the TTLĐTT list (TTLĐXS requires TTLĐTT). The shares
  count the members considered for titles with at least one classified quarter (people who left
  during the year are left out unless the rule set considers them; someone "không đánh giá" all
  year is noted, not counted); the discipline condition looks at every member, leavers too, and
  at whoever belonged to the unit on the day of a decision (``models.people.staff.unit_on``).

Each condition comes as a plain-Vietnamese :class:`Condition` (met, not met, or a note), and each
title as one "why / why not" sentence. Where the CSTĐCS cap forces a choice among eligible
people, each gets a :class:`CapRank` (rank, excellent quarters, the council's order) and the cut
is said in so many words. The collective shares and the cap's base use the titles the rules
propose; the secretary's adjustments change a list (``models.yearend.title_lists``), not the shares, with
one exception: removed from the list of LĐTT (TTLĐTT), a person (unit) is no longer proposed for
CSTĐCS (TTLĐXS), which requires it, and the cap ranks the others without them (an explicit "add"
to the higher list still puts them on it). Under the rule set's "highest bonus only", someone on
both linked lists is paid only the higher bonus (``TitleProposals.entries``).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import NamedTuple

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.yearend.lists import (
    STAFF, UNIT, Action, AdjustedLists, Adjustment, ListKey, PrintedEntry, adjustments, apply_adjustments,
)
from models.common.dates import from_iso
from models.common.codes import (
    DISCIPLINE_SEVERITY, INDIVIDUAL_TITLES, HeadLevel, NotClassifiedReason, TitleCode, UnitKind, label,
)
from models.people.discipline import Discipline, list_discipline, worst_by_person
from models.common.codes import KIND_ORDER
from models.quarters.ratings import ratings_of_year
from models.quarters.rules import BaseSalary, base_salaries, base_salary_in_force
from models.yearend.achievements import ENTERED, achievements_of_year, recognised_initiatives
from models.people.staff import unit_on, unit_printed_under
from models.people.succession import active_in_year, quarters_where, unit_ends, year_end_unit
from models.common.text import name_sort_key, position_rank, sort_key
from models.yearend.collective_checks import collective_decisions
from models.yearend.title_checks import (
    Condition, Draft, QuarterResult, TitleDecision, YearChecks, ldtt_condition,
)
from models.yearend.title_rank import CapGroup, CapRank, rank_groups
from models.yearend.title_rules import REQUIRES, TitleRules, rule_for
from models.store.settings import council_names


NO_UNIT = (99, "", 0)  # where a person without a unit sorts: after every unit


def list_key(year: int, title: TitleCode) -> ListKey:
    """The key of ``year``'s list for ``title`` in ``models.yearend.lists`` (adjustments, approval)."""
    return ListKey(TitleCode(title).value, year=year)


@dataclass(frozen=True, slots=True)
class PersonProposal:
    """A person of the year: their quarters, discipline, and the LĐTT and CSTĐCS decisions."""

    staff_id: int
    code: str
    full_name: str
    position: str
    unit_id: int  # the unit of the person's last classified quarter of the year
    unit_name: str
    recruited_on: dt.date | None
    left_on: dt.date | None  # set when the person left before 31/12 of the year
    quarters: tuple[QuarterResult, ...]
    discipline: Discipline | None  # the most severe decision taking effect in the year
    decisions: dict[TitleCode, TitleDecision]  # LĐTT and CSTĐCS

    @property
    def titles(self) -> tuple[TitleCode, ...]:
        """The titles the rules propose, LĐTT first."""
        return tuple(t for t, d in self.decisions.items() if d.proposed)

    @property
    def excellent_quarters(self) -> int:
        return sum(q.level == HeadLevel.XUAT_SAC for q in self.quarters)

    @property
    def completed(self) -> bool:
        """No classified quarter at Không hoàn thành nhiệm vụ."""
        return all(q.level != HeadLevel.KHONG_HOAN_THANH for q in self.quarters)

    @property
    def position_unit(self) -> str:
        return f"{self.position}, {self.unit_name}" if self.position else self.unit_name


@dataclass(frozen=True, slots=True)
class UnitProposal:
    """A unit of the year: its members, the counts the shares rest on, the TTLĐTT and TTLĐXS decisions."""

    unit_id: int
    code: str
    name: str
    kind: UnitKind
    active: bool
    members: tuple[int, ...]  # staff ids whose last classified quarter of the year is here, by name
    counted: int  # members considered for the shares
    earned_ldtt: int  # of them, proposed Lao động tiên tiến
    completed: int  # of them, no quarter at Không hoàn thành nhiệm vụ
    cstdcs: int  # of them, proposed Chiến sĩ thi đua cơ sở
    decisions: dict[TitleCode, TitleDecision]  # TTLĐTT and TTLĐXS

    @property
    def titles(self) -> tuple[TitleCode, ...]:
        return tuple(t for t, d in self.decisions.items() if d.proposed)


@dataclass(frozen=True, slots=True)
class TitleProposals(AdjustedLists):
    """Everything :func:`title_proposals` found for a year; ``entries(title)`` gives a list's rows
    (adjustments applied), ``why(title, subject, id)`` the sentence for anyone."""

    year: int
    rules: TitleRules
    base_salary: int | None  # in force on the rule set's day (``TitleRules.base_day``), the amount of ``salary``
    people: tuple[PersonProposal, ...]  # by Vietnamese name order
    units: tuple[UnitProposal, ...]  # by the council's unit order (kind, then name)
    cap_groups: tuple[CapGroup, ...]  # one per unit, or one for the district, by the rule set
    adjusted: dict[TitleCode, tuple[Adjustment, ...]] = field(default_factory=dict)
    # Rows for subjects added by an adjustment though the rules never looked at them, and every
    # subject's place in the printed order.
    outsiders: dict[tuple[str, int], PrintedEntry] = field(default_factory=dict, repr=False, compare=False)
    order: dict[tuple[str, int], tuple] = field(default_factory=dict, repr=False, compare=False)
    salary: BaseSalary | None = field(default=None, compare=False)  # the base salary used, with its decree
    _people: dict[int, PersonProposal] = field(init=False, repr=False, compare=False)
    _units: dict[int, UnitProposal] = field(init=False, repr=False, compare=False)
    _bonuses: dict[TitleCode, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_people", {p.staff_id: p for p in self.people})
        object.__setattr__(self, "_units", {u.unit_id: u for u in self.units})
        # Every row of a list carries the bonus: worked out once per title, not once per row.
        object.__setattr__(self, "_bonuses", {t: self.rules.bonus_amount(t, self.base_salary) for t in TitleCode})

    def person(self, staff_id: int) -> PersonProposal | None:
        return self._people.get(staff_id)

    def unit(self, unit_id: int) -> UnitProposal | None:
        return self._units.get(unit_id)

    def bonus(self, title: TitleCode) -> int:
        """The title's bonus per person or unit in đồng (rounded up to 10,000 đ; 0: no base salary)."""
        return self._bonuses[title]  # a StrEnum: the code as text finds it too

    def proposed(self, title: TitleCode) -> list[PersonProposal] | list[UnitProposal]:
        """Whom the rules propose for ``title``, before adjustments."""
        subjects = self.people if title in INDIVIDUAL_TITLES else self.units
        return [s for s in subjects if s.decisions[title].proposed]

    def candidates(self, title: TitleCode) -> list[PrintedEntry]:
        """The rows the rules propose, in printed order."""
        return self._sorted([self._entry(s, title) for s in self.proposed(title)])

    def entries(self, title: TitleCode) -> list[PrintedEntry]:
        """The list's rows with the secretary's adjustments applied, in printed order: people by
        unit (the council's unit order) then name, each with the unit as ``group``; units by kind
        then name. Every row carries the title's bonus as ``amount`` except, under the rule set's
        "highest bonus only", a row also on the list of the linked title whose bonus is paid
        instead (``paid_instead``): 0, and its text says which bonus the subject receives."""
        title = TitleCode(title)
        listed = self._listed(title)
        paid = self.paid_instead(title)
        if paid is None:
            return listed
        elsewhere = {e.subject_key for e in self._listed(paid)}
        note = f"(nhận tiền thưởng {label(paid)})"
        return [replace(e, amount=0, text=f"{e.text} {note}".lstrip()) if e.subject_key in elsewhere else e
                for e in listed]

    def paid_instead(self, title: TitleCode) -> TitleCode | None:
        """Under the rule set's "highest bonus only", the linked title (``REQUIRES``: Chiến sĩ thi
        đua cơ sở and Lao động tiên tiến, the two collective titles) whose higher bonus is paid
        instead of ``title``'s to someone on both lists (the higher title on a tie); None when
        ``title``'s own bonus is paid, when there is nothing to pay, or when both are paid."""
        if not self.rules.highest_bonus_only:
            return None
        for high, low in REQUIRES.items():
            if title in (high, low):
                other = low if title == high else high
                paid = high if self.bonus(high) >= self.bonus(low) else low
                return other if paid == other and self.bonus(other) else None
        return None

    def _listed(self, title: TitleCode) -> list[PrintedEntry]:
        """The list's rows with the adjustments applied, each with the title's own bonus."""
        adjusted = list(self.adjusted.get(title, ()))
        base = {}  # the rows of the subjects an adjustment adds
        for a in (a for a in adjusted if a.action == Action.ADD):
            found = self.person(a.subject_id) if a.subject == STAFF else self.unit(a.subject_id)
            base[a.subject_key] = (self._entry(found, title, "") if found is not None
                                   else replace(self.outsiders[a.subject_key], amount=self.bonus(title)))
        return self._sorted(apply_adjustments(self.candidates(title), adjusted, base))

    def why(self, title: TitleCode, subject: str, subject_id: int) -> str:
        """One sentence: why the person or unit is, or is not, on the list of ``title``."""
        adjustment = self.adjustment_for(title, subject, subject_id)
        if adjustment is not None:
            return adjustment.why
        found = self.person(subject_id) if subject == STAFF else self.unit(subject_id)
        if found is None:
            if subject == STAFF and self.rules.by_rating:
                return f"Không xét: không có xếp loại chất lượng cuối năm và kết quả xếp loại quý nào năm {self.year}."
            return (f"Không xét: không có kết quả xếp loại quý nào năm {self.year}." if subject == STAFF
                    else f"Không xét: đơn vị không có cán bộ được xếp loại năm {self.year}.")
        if title not in found.decisions:
            return (f"{label(title)} là danh hiệu tập thể." if subject == STAFF
                    else f"{label(title)} là danh hiệu cá nhân.")
        return found.decisions[title].why

    def _entry(self, subject, title: TitleCode, text: str | None = None) -> PrintedEntry:
        amount = self.bonus(title)
        if isinstance(subject, PersonProposal):
            text = subject.decisions[title].text if text is None else text
            return PrintedEntry(STAFF, subject.staff_id, subject.full_name, subject.position or subject.unit_name,
                                text, subject.unit_name, amount)
        text = subject.decisions[title].text if text is None else text
        return PrintedEntry(UNIT, subject.unit_id, subject.name, label(subject.kind), text, "", amount)

    def _sorted(self, entries: list[PrintedEntry]) -> list[PrintedEntry]:
        return sorted(entries, key=lambda e: self.order.get(e.subject_key, ((99,),)))


# --------------------------------------------------------------------------- the proposals


def title_proposals(db: Database, year: int, on: dt.date | None = None) -> TitleProposals:
    """Every person and unit of ``year`` with the titles they qualify for, every condition and
    a sentence per title, under the rule set in force for the year (:class:`DomainError` when
    there is none). Bonuses use the base salary in force on the rule set's day: 31/12 of the
    year, or the decision's date ``on`` (a draft: the day its figures are taken)."""
    rules = rule_for(db, year)
    with without_gc_passes():
        return _proposals(db, year, rules, on)


class YearData(NamedTuple):
    """What the proposals of a year read besides the quarters and the people."""

    units: dict[int, dict]  # id -> the unit's row (code, name, kind, active)
    names: dict[int, str]  # unit id -> name
    ends: dict[int, dt.date]  # units merged, split or renamed: a year across it is judged whole
    worst: dict[int, Discipline]  # the most severe decision of the year, by person
    authored: dict[int, list[tuple[str, bool]]]
    entered: dict[int, list]
    ratings: dict[int, HeadLevel]
    working: set[int]
    adjusted: dict[TitleCode, tuple[Adjustment, ...]]
    removed: dict[TitleCode, dict[int, str]]  # from the lists the higher titles require: id -> reason


def year_data(db: Database, year: int, rules: TitleRules) -> YearData:
    """The units, successions, discipline, achievements, ratings and adjustments ``year``'s
    proposals under ``rules`` read."""
    units = {r["id"]: r for r in db.query("SELECT id, code, name, kind, active FROM unit")}
    adjusted = {t: tuple(adjustments(db, list_key(year, t))) for t in TitleCode}
    return YearData(
        units, {u: i["name"] for u, i in units.items()}, unit_ends(db), worst_by_person(db, year),
        recognised_initiatives(db, year) if rules.achievements else {},
        achievements_of_year(db, year) if set(ENTERED) & set(rules.achievements) else {},
        ratings_of_year(db, year) if rules.by_rating else {},
        # Judged by the rating, someone working in the year with neither a rating nor a quarter is
        # listed too (not proposed: "Chưa có xếp loại chất lượng cuối năm ..."), never silently left out.
        _working_in(db, year) if rules.by_rating else set(),
        adjusted,
        {t: {a.subject_id: a.reason for a in adjusted[t] if a.action == Action.REMOVE} for t in REQUIRES.values()},
    )


def _proposals(db: Database, year: int, rules: TitleRules, on: dt.date | None = None) -> TitleProposals:
    quarters, patterns = _quarters_of(db, year)
    data = year_data(db, year, rules)
    names, ends, ratings, working = data.names, data.ends, data.ratings, data.working
    year_end = dt.date(year, 12, 31)
    drafts: list[Draft] = []
    check = YearChecks(year, rules)
    name_keys: dict[str, str] = {}  # thousands of people share a name
    removed_ldtt = data.removed[TitleCode.LDTT]
    for staff_id, code, full_name, position, recruited, ended in db.execute(
        "SELECT id, code, full_name, position, recruited_on, ended_on FROM staff"  # a scan beats 80,000 lookups
    ):
        mine = quarters.get(staff_id, ())
        if not mine and staff_id not in ratings and staff_id not in working:
            continue
        left = from_iso(ended)
        # Rated but never classified in a quarter: under the unit they belonged to on 31/12.
        unit_id = ((year_end_unit(db, staff_id, mine[-1].unit_id, ends, year) if ends else mine[-1].unit_id) if mine
                   else unit_printed_under(db, staff_id, year_end))
        if unit_id is None:
            continue
        name_key = name_keys.get(full_name)
        if name_key is None:
            name_key = name_keys[full_name] = name_sort_key(full_name)
        p = Draft(staff_id, code, full_name, position, unit_id, from_iso(recruited),
                  left if left is not None and left < year_end else None, mine, data.worst.get(staff_id),
                  name_key, rating=ratings.get(staff_id),
                  where=quarters_where([(q.quarter, q.unit_id) for q in mine], names, ends, year) if ends else "")
        p.ldtt = check.ldtt(p, patterns.get(staff_id, 0))
        # Off the Lao động tiên tiến list (the secretary's removal), off the cap's ranking too.
        p.cstdcs_conditions = [ldtt_condition(p, removed_ldtt.get(staff_id))]
        if rules.achievements:
            p.cstdcs_conditions.append(check.achievement(p, data.authored.get(staff_id), data.entered.get(staff_id)))
        drafts.append(p)
    # By name, then code: two stable sorts of plain text beat one sort of (name, code) pairs.
    drafts.sort(key=attrgetter("code"))
    drafts.sort(key=attrgetter("name_key"))
    groups, ranks = rank_groups(drafts, rules, names, _priorities(db, year), council_names(db).everyone)
    group_of = {s: g for g in groups for s in g.ranked}
    for p in drafts:
        p.cstdcs = check.cstdcs(p, ranks.get(p.staff_id), group_of.get(p.staff_id))
    return assemble(db, year, rules, on, data, drafts, groups)


def assemble(db: Database, year: int, rules: TitleRules, on: dt.date | None, data: YearData, drafts: list[Draft],
             groups: list[CapGroup]) -> TitleProposals:
    """The proposals of ``drafts`` (by name, every decision taken) and the cap's ``groups``: the
    units' decisions, the printed order, the rows of the people and units added from outside."""
    units = data.units
    by_unit: dict[int, list[Draft]] = defaultdict(list)
    for p in drafts:
        by_unit[p.unit_id].append(p)
    unit_order = {u: (KIND_ORDER[UnitKind(i["kind"])], sort_key(i["name"]), u) for u, i in units.items()}
    former = _former_members_discipline(db, year, rules, {p.staff_id: p.unit_id for p in drafts})
    unit_list = [_unit(u, units[u], by_unit[u], year, rules, former.get(u, ()), data.removed[TitleCode.TTLDTT].get(u),
                       data.ends.get(u))
                 for u in sorted(by_unit, key=unit_order.get)]
    ldtt, cstdcs, names = TitleCode.LDTT, TitleCode.CSTDCS, data.names
    people = tuple([PersonProposal(
        p.staff_id, p.code, p.full_name, p.position, p.unit_id, names[p.unit_id], p.recruited_on, p.left_on,
        p.quarters, p.discipline, {ldtt: p.ldtt, cstdcs: p.cstdcs}) for p in drafts])
    groups.sort(key=lambda g: unit_order.get(g.unit_id, ()))
    order = {(UNIT, u): (unit_order[u],) for u in by_unit}
    # Within a unit, leaders by rank (Chủ tịch before Phó Chủ tịch), then everyone by name.
    order.update({(STAFF, p.staff_id): (unit_order[p.unit_id], position_rank(p.position), p.name_key, p.code)
                  for p in drafts})
    outsiders = _outsiders(db, data.adjusted, order, unit_order, units, year)
    salary = base_salary_in_force(base_salaries(db), rules.base_day(year, on))
    return TitleProposals(year, rules, salary.amount if salary else None, people, tuple(unit_list), tuple(groups),
                          data.adjusted, outsiders, order, salary)


_MARKS = (*HeadLevel, *NotClassifiedReason)  # a quarter's level, or why it was not classified
# Each classification row as one number: unit * 128 + quarter * 16 + the mark's place in _MARKS
# (SQLite works it out faster than Python reads the five columns it is made of).
_QUARTER_CODE = ("unit_id * 128 + quarter * 16 + CASE coalesce(level, reason) "
                 + " ".join(f"WHEN '{m.value}' THEN {i}" for i, m in enumerate(_MARKS)) + " END")
_UNIT_LIMIT = 2 ** 55  # unit ids within +-2^55: unit * 128 + 127 fits in SQLite's 64-bit integers


def _quarters_of(db: Database, year: int) -> tuple[dict[int, tuple[QuarterResult, ...]], dict[int, int]]:
    """staff id -> the year's classified quarters in order, and -> their pattern: a number made of
    each quarter's number and level or reason (not its unit), what :class:`YearChecks` tells the
    cases apart by. The same quarter, level and unit is one shared :class:`QuarterResult` (a city's
    80,000 rows hold a few thousand distinct ones)."""
    made: dict[int, QuarterResult] = {}
    found: dict[int, list[QuarterResult]] = {}
    patterns: dict[int, int] = {}
    lowest, highest = db.execute("SELECT min(id), max(id) FROM unit").fetchone()
    if lowest is not None and not -_UNIT_LIMIT < lowest <= highest < _UNIT_LIMIT:
        # (unit * 128 would not fit in SQLite's 64 bits: a unit id set by hand; read the unit apart)
        rows = ((staff_id, unit_id * 128 + code) for staff_id, unit_id, code in db.execute(
            f"SELECT staff_id, unit_id, {_QUARTER_CODE.replace('unit_id * 128 + ', '')} FROM classification "
            "WHERE year = ? ORDER BY quarter", [year]))
    else:
        rows = db.execute(f"SELECT staff_id, {_QUARTER_CODE} FROM classification WHERE year = ? ORDER BY quarter",
                          [year])
    for staff_id, code in rows:
        q = made.get(code)
        if q is None:
            unit_id, rest = divmod(code, 128)
            quarter, mark = divmod(rest, 16)
            level = _MARKS[mark] if mark < len(HeadLevel) else None
            q = made[code] = QuarterResult(quarter, level, None if level else _MARKS[mark], unit_id)
        mine = found.get(staff_id)
        if mine is None:
            found[staff_id] = [q]
            patterns[staff_id] = code % 128
        else:
            mine.append(q)
            patterns[staff_id] = patterns[staff_id] * 128 + code % 128
    return {s: tuple(qs) for s, qs in found.items()}, patterns


def _unit(unit_id: int, info: dict, members: list[Draft], year: int, rules: TitleRules,
          former: tuple[Discipline, ...], removed_because: str | None, ends: dt.date | None = None) -> UnitProposal:
    active = active_in_year(bool(info["active"]), ends, year)
    counts, decisions = collective_decisions(members, active, year, rules, former, removed_because)
    return UnitProposal(unit_id, info["code"], info["name"], UnitKind(info["kind"]), active,
                        tuple(m.staff_id for m in members),
                        counts.counted, counts.earned_ldtt, counts.completed, counts.cstdcs, decisions)


def _working_in(db: Database, year: int) -> set[int]:
    """Ids of the people working at the end of ``year``: recruited by then (or no date), not left
    before 31/12, and in a unit by then. (Someone who left during the year without a rating or a
    quarter is not asked for one.)"""
    return {r[0] for r in db.execute(
        "SELECT DISTINCT s.id FROM staff s JOIN staff_unit h ON h.staff_id = s.id WHERE h.start_date <= :last "
        "AND (s.ended_on IS NULL OR s.ended_on >= :last) AND (s.recruited_on IS NULL OR s.recruited_on <= :last)",
        {"last": dt.date(year, 12, 31).isoformat()})}


def _former_members_discipline(db: Database, year: int, rules: TitleRules,
                               member_of: dict[int, int]) -> dict[int, tuple[Discipline, ...]]:
    """unit id -> the decisions of the year that bar a collective, taken while the person belonged
    to the unit (``models.people.staff.unit_on`` the decision's date) though they are not counted in it
    at year end (moved, left, or never classified): such a decision bars that unit too."""
    found: dict[int, list[Discipline]] = defaultdict(list)
    severity = DISCIPLINE_SEVERITY[rules.collective_discipline]
    for d in list_discipline(db, year=year):
        if d.severity < severity:
            continue
        unit_id = unit_on(db, d.staff_id, d.decision_date)
        if unit_id is not None and member_of.get(d.staff_id) != unit_id:
            found[unit_id].append(d)
    return {u: tuple(ds) for u, ds in found.items()}


def _priorities(db: Database, year: int) -> dict[int, int]:
    return dict(db.execute("SELECT staff_id, priority FROM title_priority WHERE year = ?", [year]).fetchall())


def _outsiders(db: Database, adjusted: dict, order: dict, unit_order: dict, units: dict,
               year: int) -> dict[tuple[str, int], PrintedEntry]:
    """Rows for the people and units an adjustment adds though the rules never looked at them
    (``order`` gains their places: a person in the unit they belonged to on 31/12, by name)."""
    found = {}
    for a in (a for adds in adjusted.values() for a in adds if a.action == Action.ADD and a.subject_key not in order):
        if a.subject == UNIT:
            unit = units[a.subject_id]
            found[a.subject_key] = PrintedEntry(UNIT, a.subject_id, unit["name"], label(UnitKind(unit["kind"])), "")
            order[a.subject_key] = (unit_order[a.subject_id],)
            continue
        person = db["staff"].get(a.subject_id)
        unit_id = unit_printed_under(db, a.subject_id, dt.date(year, 12, 31))
        unit_name = units[unit_id]["name"] if unit_id is not None else ""  # no unit history: the position alone
        found[a.subject_key] = PrintedEntry(STAFF, a.subject_id, person["full_name"], person["position"] or unit_name, "",
                                            unit_name)
        order[a.subject_key] = (unit_order.get(unit_id, NO_UNIT), position_rank(person["position"]),
                               name_sort_key(person["full_name"]), person["code"])
    return found


__all__ = [
    "Condition", "PersonProposal", "QuarterResult", "TitleDecision", "TitleProposals", "UnitProposal",
    "CapGroup", "CapRank", "list_key", "title_proposals",
]
