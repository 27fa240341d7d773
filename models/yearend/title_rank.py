"""The cap of Chiến sĩ thi đua cơ sở: a share of those who earned Lao động tiên tiến, counted per
unit or across all the council's units (a rule setting), and the ranking that decides who fits under it.

The ranking follows the rule set's criteria in order (the number of quarters rated Hoàn thành
xuất sắc nhiệm vụ, most first; the council's order of priority for the year, people without a
place after those with one), then the Vietnamese name order and the staff code, so that it is
total and the same on every run.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from models.common.codes import CapBase, HeadLevel, TitleCapScope, TitleRank, label

@dataclass(frozen=True, slots=True)
class CapRank:
    """Where an eligible person stands when the cap forces a choice (more eligible than the quota)."""

    rank: int  # 1 first
    quota: int
    excellent_quarters: int
    council_order: int | None  # the council's priority for the year; None: not placed
    rating: HeadLevel | None = None  # the year-end rating (ranked by it under TitleRank.YEARLY_RATING)

    @property
    def within(self) -> bool:
        return self.rank <= self.quota

    def basis(self, ranking: tuple[TitleRank, ...]) -> str:
        """What the rank rests on, in the ranking's order: "3 quý Hoàn thành xuất sắc nhiệm vụ, thứ
        tự ưu tiên của Hội đồng: 2"."""
        parts = []
        for key in ranking:
            if key == TitleRank.EXCELLENT_QUARTERS:
                parts.append(f"{self.excellent_quarters} quý {label(HeadLevel.XUAT_SAC)}")
            elif key == TitleRank.YEARLY_RATING:
                parts.append(f"xếp loại cuối năm: {label(self.rating)}" if self.rating else "chưa có xếp loại cuối năm")
            elif self.council_order is None:
                parts.append("chưa có thứ tự ưu tiên của Hội đồng")
            else:
                parts.append(f"thứ tự ưu tiên của Hội đồng: {self.council_order}")
        return ", ".join(parts) or "xếp theo tên"


@dataclass(frozen=True, slots=True)
class CapGroup:
    """The people the cap counts together: one unit's, or all the council's units'."""

    scope: str  # the unit's name, or the council's "toàn quận" / "toàn phường" (CouncilNames.everyone)
    unit_id: int | None  # None: all units together
    earned_ldtt: int  # people of the scope proposed Lao động tiên tiến (the cap's base)
    quota: int  # the cap, rounded down
    ranked: tuple[int, ...]  # staff ids of the eligible people, best first
    considered: int = field(default=0, compare=False)  # everyone of the scope (the base under CapBase.MEMBERS)

    @property
    def binding(self) -> bool:
        """More eligible people than the quota: the ranking decides."""
        return len(self.ranked) > self.quota


_RATING_ORDER = {level: i for i, level in enumerate(HeadLevel)}  # best first


def _excellent(person) -> int:
    return sum(q.level == HeadLevel.XUAT_SAC for q in person.quarters)


def rank_groups(people: list, rules, unit_names: dict[int, str], priorities: dict[int, int],
                everyone: str) -> tuple[list[CapGroup], dict[int, CapRank]]:
    """The cap's groups (scopes with at least one Lao động tiên tiến; ``everyone`` names the scope
    of all units together: "toàn phường") and, where a group's cap
    binds, each eligible person's rank. ``people`` (``models.yearend.title_checks.Draft``) carry
    ``staff_id``, ``unit_id``, ``name_key``, ``code``, ``quarters``, their Lao động tiên tiến
    decision (``ldtt``) and the other conditions (``cstdcs_conditions``)."""
    scoped: dict[int | None, list] = defaultdict(list)
    for p in people:
        scoped[p.unit_id if rules.cap_scope == TitleCapScope.PER_UNIT else None].append(p)

    def key(p):
        parts = []
        for criterion in rules.ranking:
            if criterion == TitleRank.EXCELLENT_QUARTERS:
                parts.append(-_excellent(p))
            elif criterion == TitleRank.YEARLY_RATING:
                parts.append(_RATING_ORDER.get(p.rating, len(_RATING_ORDER)))
            else:
                place = priorities.get(p.staff_id)
                parts.append((0, place) if place is not None else (1, 0))
        return (*parts, p.name_key, p.code)

    groups, ranks = [], {}
    for unit_id, members in scoped.items():
        earned = sum(p.ldtt.proposed for p in members)
        if not earned:
            continue
        eligible = sorted((p for p in members if all(c.met is not False for c in p.cstdcs_conditions)), key=key)
        considered = sum(p.judged for p in members)
        quota = rules.cap(earned if rules.cap_base == CapBase.LDTT else considered)
        scope = everyone if unit_id is None else unit_names[unit_id]
        groups.append(CapGroup(scope, unit_id, earned, quota, tuple(p.staff_id for p in eligible), considered))
        if len(eligible) > quota:
            for i, p in enumerate(eligible, 1):
                ranks[p.staff_id] = CapRank(i, quota, _excellent(p), priorities.get(p.staff_id), p.rating)
    return groups, ranks


def cap_base_text(rules, group: CapGroup) -> str:
    """What the share is taken of: "20 người đạt Lao động tiên tiến" or "25 cá nhân được xét"."""
    if rules.cap_base == CapBase.LDTT:
        return f"{group.earned_ldtt} người đạt Lao động tiên tiến"
    return f"{group.considered} cá nhân được xét"


__all__ = ["CapGroup", "CapRank", "cap_base_text", "rank_groups"]
