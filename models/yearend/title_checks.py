"""The conditions of the yearly titles, checked one person or one unit at a time, each said in
plain Vietnamese (used by ``models.yearend.titles``, which gathers the data and applies the cap). A unit's titles,
from its members' decisions, are in ``models.yearend.collective_checks``.

Every number comes from the rule set (``models.yearend.title_rules``); shares are compared exactly.

A whole year goes through :class:`YearChecks`, which gives for each person exactly what the
one-person functions give, but works each case out once (a city's 20,000 people share a few
hundred shapes of quarters and a few thousand recruitment days): the conditions and the decisions
made only of them are immutable objects shared by everyone in the same case.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from models.common.codes import DISCIPLINE_SEVERITY, HeadLevel, NotClassifiedReason, TitleCode, label
from models.common.dates import format_date
from models.people.discipline import Discipline
from models.common.codes import Achievement
from models.yearend.achievements import StaffAchievement
from models.yearend.title_rank import CapGroup, CapRank, cap_base_text
from models.yearend.title_rules import TitleRules, percent_text

LEVEL_ORDER = {level: i for i, level in enumerate(HeadLevel)}  # best first


class Condition(NamedTuple):
    """One condition as the secretary reads it; ``met`` None: a note, neither met nor failed.
    (A named tuple: a city's proposals hold about 100,000 of them.)"""

    text: str
    met: bool | None = True


@dataclass(frozen=True, slots=True)
class TitleDecision:
    """One title for one person or unit."""

    title: TitleCode
    eligible: bool  # every condition met, before the cap
    proposed: bool  # on the list the rules propose (eligible and, for CSTĐCS, within the cap)
    conditions: tuple[Condition, ...]
    text: str = ""  # the achievement the list prints when proposed
    rank: CapRank | None = None  # only where the cap forces a choice among eligible people
    # The sentence that says it better than the conditions: the cap's cut for an eligible person
    # it leaves out; "Không đề nghị: ..." for someone the secretary removed from the list of the
    # title this one requires (and who met every other condition).
    verdict: str = ""

    @property
    def failed(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is False)

    @property
    def why(self) -> str:
        """One sentence: "Đủ điều kiện <title>: <what was met>." or "Không đủ điều kiện <title>: <what
        failed>.", or the ``verdict`` ("Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 4, chỉ tiêu 3.")."""
        return self.verdict or _sentence(self.title, self.conditions, self.proposed)


class QuarterResult(NamedTuple):
    quarter: int
    level: HeadLevel | None  # None: "không đánh giá" with ``reason``
    reason: NotClassifiedReason | None = None
    unit_id: int | None = None


# --------------------------------------------------------------------------- sentences


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sentence(title: TitleCode, conditions: tuple[Condition, ...], proposed: bool) -> str:
    if proposed:
        return f"Đủ điều kiện {label(title)}: " + "; ".join(_lower(c.text) for c in conditions if c.met) + "."
    failed = "; ".join(_lower(c.text) for c in conditions if c.met is False)
    return f"Không đủ điều kiện {label(title)}: {failed}."


def discipline_text(d: Discipline) -> str:
    return f"{d.form_label} (Quyết định {d.decision_number} ngày {format_date(d.decision_date)})"


def removal_condition(required: TitleCode, reason: str) -> Condition:
    """The failed condition of a higher title when the secretary removed the subject from the list
    of the title it requires (``models.yearend.title_rules.REQUIRES``)."""
    return Condition(f"Đã bị loại khỏi danh sách {label(required)} (điều chỉnh): {reason}", False)


def verdict_of(conditions: list[Condition] | tuple[Condition, ...], removal: Condition | None) -> str:
    """"Không đề nghị: đã bị loại khỏi danh sách ...: <lý do>." when that removal is the only
    condition not met; empty otherwise (the usual sentence names every failure)."""
    if removal is None or [c for c in conditions if c.met is False] != [removal]:
        return ""
    return f"Không đề nghị: {_lower(removal.text)}."


def _level_phrase(level: HeadLevel) -> str:
    return label(level) if level == HeadLevel.XUAT_SAC else f"{label(level)} trở lên"


@lru_cache(maxsize=64)
def _months_cutoff(year: int, months: int) -> dt.date:
    """The latest recruitment day that gives ``months`` full months of work by 31/12 of ``year``."""
    total = (year + 1) * 12 - months
    return dt.date(total // 12, total % 12 + 1, 1)


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class Draft:
    staff_id: int
    code: str
    full_name: str
    position: str
    unit_id: int
    recruited_on: dt.date | None
    left_on: dt.date | None
    quarters: tuple[QuarterResult, ...]
    discipline: Discipline | None
    name_key: str = ""  # models.common.text.name_sort_key of the name
    ldtt: TitleDecision | None = None
    ldtt_removal: Condition | None = None  # removed from the Lao động tiên tiến list by the secretary
    # The three below are set (never added to) by the checks: empty tuples, not three lists made
    # for each of 20,000 people.
    cstdcs_conditions: Sequence[Condition] = ()
    initiatives: Sequence[str] = ()  # recognised ones the person authored
    cstdcs: TitleDecision | None = None
    rating: HeadLevel | None = None  # the year-end quality rating (read by the rule sets that judge by it)
    achieved: Sequence[str] = ()  # other achievements that counted, as the list says them
    judged: bool = False  # Lao động tiên tiến had something to judge by (counted in the collective shares)
    where: str = ""  # "Q1-Q2 tại Phường 10 (cũ), Q3-Q4 tại ..." when the quarters span units


def _maternity(p: Draft, rules: TitleRules) -> list[QuarterResult]:
    """The quarters "không đánh giá" for maternity leave that count as worked (by the rule set)."""
    if not rules.maternity_counts:
        return []
    return [q for q in p.quarters if q.level is None and q.reason == NotClassifiedReason.THAI_SAN]


def _quarters_conditions(p: Draft, year: int, rules: TitleRules) -> tuple[list[Condition], str]:
    """Lao động tiên tiến by the quarters: the conditions and the list's text when they are met."""
    classified = [q for q in p.quarters if q.level is not None]
    leave = _maternity(p, rules)
    below = [q for q in classified if LEVEL_ORDER[q.level] > LEVEL_ORDER[rules.required_level]]
    phrase = _level_phrase(rules.required_level)
    counted = len(classified) + len(leave)
    p.judged = bool(counted)
    if not counted:
        return [Condition(f"Không có quý nào được xếp loại trong năm {year}", False)], ""
    if below:
        return [Condition(f"Quý {q.quarter}/{year} xếp loại {label(q.level)}", False) for q in below], ""
    if counted < rules.min_classified_quarters:
        return [Condition(f"Chỉ có {counted} quý được xếp loại trong năm {year} "
                          f"(cần ít nhất {rules.min_classified_quarters})", False)], ""
    if not leave:
        met = f"{len(classified)}/{len(classified)} quý được xếp loại năm {year} đạt {phrase}"
        return [Condition(met)], f"{phrase} {len(classified)}/{len(classified)} quý được xếp loại năm {year}"
    leave_text = f"{len(leave)} quý nghỉ thai sản được tính là thời gian công tác"
    if not classified:
        return [Condition(f"Nghỉ thai sản cả năm {year}: {leave_text}")], f"Nghỉ thai sản năm {year} ({leave_text})"
    met = f"{len(classified)}/{len(classified)} quý được xếp loại năm {year} đạt {phrase}; {leave_text}"
    return [Condition(met)], f"{phrase} {len(classified)}/{len(classified)} quý được xếp loại năm {year}; {leave_text}"


def _rating_conditions(p: Draft, year: int, rules: TitleRules) -> tuple[list[Condition], str]:
    """Lao động tiên tiến by the year-end quality rating. Without one, someone on maternity leave
    in the year is judged by their quarters when the rule set counts the leave as worked."""
    phrase = _level_phrase(rules.required_level)
    if p.rating is None:
        if _maternity(p, rules):
            conditions, text = _quarters_conditions(p, year, rules)
            note = Condition(f"Chưa có xếp loại chất lượng cuối năm {year}: xét theo các quý (nghỉ thai sản được "
                             "tính là thời gian công tác)", None)
            return [note, *conditions], text
        p.judged = False
        return [Condition(f"Chưa có xếp loại chất lượng cuối năm {year}: hãy nhập xếp loại để xét danh hiệu",
                          False)], ""
    p.judged = True
    rated = f"Xếp loại chất lượng cuối năm {year}: {label(p.rating)}"
    if LEVEL_ORDER[p.rating] > LEVEL_ORDER[rules.required_level]:
        return [Condition(f"{rated} (cần {_lower(phrase)})", False)], ""
    return [Condition(f"{rated}, đạt {_lower(phrase)}")], f"{rated}"


def _reading_part(p: Draft, year: int, rules: TitleRules) -> tuple[list[Condition], str]:
    """Lao động tiên tiến's conditions from the quarters or the rating, with where each quarter
    was spent and the quarters "không đánh giá"; sets ``p.judged``."""
    reading = _rating_conditions if rules.by_rating else _quarters_conditions
    conditions, text = reading(p, year, rules)
    if p.where and conditions:  # a year across a merger is judged whole: say where each quarter was spent
        conditions[-1] = Condition(f"{conditions[-1].text} ({p.where})", conditions[-1].met)
    for q in p.quarters:
        if q.level is None and q.reason is not None:
            note = f"Quý {q.quarter}/{year} không đánh giá ({label(q.reason)})"
            if q.reason == NotClassifiedReason.THAI_SAN:
                note += ": thời gian nghỉ thai sản được tính là thời gian công tác"
            conditions.append(Condition(note, None))
    return conditions, text


def _months_condition(recruited_on: dt.date | None, year: int, rules: TitleRules) -> Condition:
    if recruited_on is None:
        return Condition(f"Không có ngày tuyển dụng: coi là đủ {rules.min_months} tháng công tác")
    enough = recruited_on <= _months_cutoff(year, rules.min_months)
    return Condition(f"{'Đủ' if enough else 'Chưa đủ'} {rules.min_months} tháng công tác "
                     f"(tuyển dụng {format_date(recruited_on)})", enough)


def _discipline_condition(d: Discipline | None, year: int, rules: TitleRules) -> Condition:
    if d is None:
        return Condition(f"Không bị kỷ luật trong năm {year}")
    if DISCIPLINE_SEVERITY[d.form] >= DISCIPLINE_SEVERITY[rules.individual_discipline]:
        return Condition(f"Bị kỷ luật {discipline_text(d)}", False)
    return Condition(f"Bị kỷ luật {discipline_text(d)}, dưới mức {label(rules.individual_discipline)}")


def _left_condition(left_on: dt.date, year: int, rules: TitleRules) -> Condition:
    return Condition(f"Đã nghỉ việc ngày {format_date(left_on)}, trước khi kết thúc năm {year}",
                     None if rules.leavers_qualify else False)


def ldtt_decision(p: Draft, year: int, rules: TitleRules) -> TitleDecision:
    """Lao động tiên tiến for one person (:class:`YearChecks` gives the same, worked out once per
    case for a whole year)."""
    conditions, text = _reading_part(p, year, rules)
    if rules.min_months:
        conditions.append(_months_condition(p.recruited_on, year, rules))
    conditions.append(_discipline_condition(p.discipline, year, rules))
    if p.left_on is not None:
        conditions.append(_left_condition(p.left_on, year, rules))
    ok = all(c.met is not False for c in conditions)
    return TitleDecision(TitleCode.LDTT, ok, ok, tuple(conditions), text if ok else "")


def ldtt_condition(p: Draft, removed_because: str | None) -> Condition:
    """Chiến sĩ thi đua cơ sở's first condition: Lao động tiên tiến, as the rules decided it and
    unless the secretary removed the person from that list (``removed_because``: the reason)."""
    if not p.ldtt.proposed:
        return _NO_LDTT
    if removed_because is not None:
        p.ldtt_removal = removal_condition(TitleCode.LDTT, removed_because)
        return p.ldtt_removal
    return _LDTT


_NO_LDTT = Condition("Không đạt danh hiệu Lao động tiên tiến", False)
_LDTT = Condition("Đạt danh hiệu Lao động tiên tiến")


def initiative_condition(p: Draft, authored: list[tuple[str, bool]], year: int) -> Condition:
    recognised = [t for t, ok in authored if ok]
    if recognised:
        p.initiatives = recognised
        return Condition("Là tác giả sáng kiến " + ", ".join(f"“{t}”" for t in recognised)
                         + " được công nhận ở cơ sở")
    if authored:
        return Condition("Là tác giả " + ", ".join(f"“{t}”" for t, _ in authored)
                         + " nhưng chưa được công nhận là sáng kiến ở cơ sở", False)
    return Condition(f"Không là tác giả sáng kiến nào được công nhận ở cơ sở trong năm {year}", False)


def achievement_condition(p: Draft, accepted: tuple[Achievement, ...], authored: list[tuple[str, bool]],
                          entered: list[StaffAchievement], year: int) -> Condition:
    """Chiến sĩ thi đua cơ sở's second condition: at least one of the achievements the rule set
    accepts; the sentence names those that counted, or says that none did (and which were asked)."""
    if accepted == (Achievement.SANG_KIEN,):  # the 2018 shape, said as it always was
        return initiative_condition(p, authored, year)
    recognised = [t for t, ok in authored if ok] if Achievement.SANG_KIEN in accepted else []
    others = [a for a in entered if a.kind in accepted]
    p.initiatives = recognised
    p.achieved = [a.phrase for a in others]
    counted = [f"sáng kiến “{t}” được công nhận ở cơ sở" for t in recognised] + p.achieved
    if counted:
        return Condition("Có thành tích: " + "; ".join(counted))
    asked = "; ".join(_lower(label(a)) for a in accepted)
    text = f"Không có thành tích nào để xét năm {year} (cần ít nhất một: {asked})"
    pending = [t for t, ok in authored if not ok] if Achievement.SANG_KIEN in accepted else []
    if pending:
        text += "; " + ", ".join(f"“{t}”" for t in pending) + " chưa được công nhận là sáng kiến ở cơ sở"
    return Condition(text, False)


def cstdcs_decision(p: Draft, rank: CapRank | None, group: CapGroup | None, rules: TitleRules) -> TitleDecision:
    """Chiến sĩ thi đua cơ sở: the person's conditions, then the cap of their group (``rank`` set
    when the cap forces a choice)."""
    conditions = p.cstdcs_conditions
    eligible = all(c.met is not False for c in conditions)
    if not eligible or group is None:
        return TitleDecision(TitleCode.CSTDCS, eligible, eligible, tuple(conditions),
                             verdict=verdict_of(conditions, p.ldtt_removal))
    pct = percent_text(rules.cstdcs_cap_percent)
    where = group.scope if group.unit_id is None else f"của {group.scope}"
    base = f"chỉ tiêu {group.quota} ({pct} của {cap_base_text(rules, group)})"
    cut = ""
    if rank is None:
        cap = Condition(f"Trong giới hạn {pct}: {len(group.ranked)} người đủ điều kiện {where}, {base}")
    else:
        cap = Condition(f"Xếp thứ {rank.rank}/{len(group.ranked)} người đủ điều kiện {where} "
                        f"({rank.basis(rules.ranking)}); {base}", rank.within)
        if not rank.within:
            cut = f"Đủ điều kiện nhưng ngoài giới hạn {pct}: xếp thứ {rank.rank}, chỉ tiêu {rank.quota}."
    text = ""
    if not cut:
        text = "Đạt danh hiệu Lao động tiên tiến"
        if p.initiatives:
            text += "; tác giả sáng kiến " + ", ".join(f"“{t}”" for t in p.initiatives) + " được công nhận ở cơ sở"
        if p.achieved:
            text += "; " + "; ".join(p.achieved)
    return TitleDecision(TitleCode.CSTDCS, True, not cut, (*conditions, cap), text, rank, cut)


class YearChecks:
    """The people's checks of one year under one rule set, each case worked out once: a city's
    20,000 people share a few hundred shapes of quarters, a few thousand recruitment days, one
    sentence for "no achievement", so the conditions, and the decisions made only of them, are
    shared (immutable) objects rather than rebuilt for everyone. Gives exactly what
    :func:`ldtt_decision`, :func:`achievement_condition` and :func:`cstdcs_decision` give."""

    def __init__(self, year: int, rules: TitleRules) -> None:
        self.year, self.rules = year, rules
        # (rating, pattern, where) -> the conditions read from the quarters or the rating, the
        # list's text, whether there was something to judge by, whether they are all met
        self._readings: dict[tuple, tuple[tuple[Condition, ...], str, bool, bool]] = {}
        self._months: dict[dt.date | None, Condition] = {}
        self._discipline: dict[Discipline | None, Condition] = {}
        # Lao động tiên tiến by the id()s of its parts above (kept alive by those dicts)
        self._ldtt: dict[tuple[int, int, int], TitleDecision] = {}
        self._decisions: dict[tuple, TitleDecision] = {}
        self._cstdcs: dict[tuple[int, ...], TitleDecision] = {}  # by the id()s of the conditions
        self._none_achieved: Condition | None = None

    def ldtt(self, p: Draft, pattern: int) -> TitleDecision:
        """:func:`ldtt_decision` of ``p``; ``pattern``: a number the person's quarters (number and
        level or reason, in order) alone make, which with the rating and ``p.where`` decides the
        part read from the quarters or the rating."""
        year, rules = self.year, self.rules
        key = (p.rating, pattern, p.where)
        reading = self._readings.get(key)
        if reading is None:
            conditions, text = _reading_part(p, year, rules)
            reading = self._readings[key] = (tuple(conditions), text, p.judged,
                                             all(c.met is not False for c in conditions))
        else:
            p.judged = reading[2]
        months = None
        if rules.min_months:
            months = self._months.get(p.recruited_on)
            if months is None:
                months = self._months[p.recruited_on] = _months_condition(p.recruited_on, year, rules)
        said = self._discipline.get(p.discipline)
        if said is None:
            said = self._discipline[p.discipline] = _discipline_condition(p.discipline, year, rules)
        if p.left_on is None:
            parts = (id(reading), id(months), id(said))
            found = self._ldtt.get(parts)
            if found is None:
                ok = reading[3] and (months is None or months.met is not False) and said.met is not False
                conditions = reading[0] + ((said,) if months is None else (months, said))
                found = self._ldtt[parts] = TitleDecision(TitleCode.LDTT, ok, ok, conditions,
                                                          reading[1] if ok else "")
            return found
        conditions = (*reading[0], *(() if months is None else (months,)), said,
                      _left_condition(p.left_on, year, rules))
        ok = all(c.met is not False for c in conditions)
        return self._decision(TitleCode.LDTT, ok, conditions, reading[1] if ok else "")

    def achievement(self, p: Draft, authored: list[tuple[str, bool]] | None,
                    entered: list[StaffAchievement] | None) -> Condition:
        """:func:`achievement_condition` of ``p`` under the rule set's accepted achievements."""
        if authored or entered:
            return achievement_condition(p, self.rules.achievements, authored or [], entered or [], self.year)
        if self._none_achieved is None:  # sets nothing on ``p``: its lists stay empty
            self._none_achieved = achievement_condition(p, self.rules.achievements, [], [], self.year)
        return self._none_achieved

    def cstdcs(self, p: Draft, rank: CapRank | None, group: CapGroup | None) -> TitleDecision:
        """:func:`cstdcs_decision` of ``p``; the decisions of people the cap does not reach are
        made only of their conditions, and shared."""
        conditions = p.cstdcs_conditions
        if group is not None and all(c.met is not False for c in conditions):
            return cstdcs_decision(p, rank, group, self.rules)
        if p.ldtt_removal is None:  # most people: their conditions are shared objects
            parts = tuple(map(id, conditions))
            found = self._cstdcs.get(parts)
            if found is None:
                eligible = all(c.met is not False for c in conditions)
                found = self._cstdcs[parts] = TitleDecision(TitleCode.CSTDCS, eligible, eligible, tuple(conditions))
            return found
        eligible = all(c.met is not False for c in conditions)
        return self._decision(TitleCode.CSTDCS, eligible, tuple(conditions), "", verdict_of(conditions, p.ldtt_removal))

    def _decision(self, title: TitleCode, ok: bool, conditions: tuple[Condition, ...], text: str,
                  verdict: str = "") -> TitleDecision:
        key = (title, conditions, text, verdict)  # ``ok`` follows from the conditions
        found = self._decisions.get(key)
        if found is None:
            found = self._decisions[key] = TitleDecision(title, ok, ok, conditions, text, verdict=verdict)
        return found


__all__ = [
    "Condition", "Draft", "LEVEL_ORDER", "QuarterResult", "TitleDecision", "YearChecks",
    "achievement_condition", "cstdcs_decision", "discipline_text", "initiative_condition", "ldtt_condition",
    "ldtt_decision", "removal_condition", "verdict_of",
]
