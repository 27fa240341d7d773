"""A unit's yearly titles (Tập thể lao động tiên tiến, Tập thể lao động xuất sắc), checked from its
members' own decisions (``models.yearend.title_checks``) and said in plain Vietnamese. Every share
and threshold comes from the rule set (``models.yearend.title_rules``)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.common.codes import DISCIPLINE_SEVERITY, HeadLevel, TitleCode, label
from models.people.discipline import Discipline
from models.yearend.title_checks import (
    Condition, Draft, TitleDecision, discipline_text, removal_condition, verdict_of,
)
from models.yearend.title_rules import TitleRules, percent_text, share_of


@dataclass(frozen=True, slots=True)
class CollectiveCounts:
    counted: int  # members considered for the shares
    earned_ldtt: int
    completed: int  # no quarter at Không hoàn thành nhiệm vụ
    cstdcs: int


def _failing(m: Draft, year: int, rules: TitleRules) -> list[str]:
    """When ``m`` did not complete their tasks ("quý 2/2018", "cuối năm 2025"); empty when they did."""
    if rules.by_rating and m.rating is not None:
        return [f"cuối năm {year}"] if m.rating == HeadLevel.KHONG_HOAN_THANH else []
    return [f"quý {q.quarter}/{year}" for q in m.quarters if q.level == HeadLevel.KHONG_HOAN_THANH]


def collective_decisions(members: list[Draft], active: bool, year: int, rules: TitleRules,
                         former: Sequence[Discipline] = (), removed_because: str | None = None,
                         ) -> tuple[CollectiveCounts, dict[TitleCode, TitleDecision]]:
    """A unit's counts and its TTLĐTT and TTLĐXS decisions, from its members' own decisions.

    The shares count the members considered (leavers only when the rule set considers them) with
    at least one classified quarter: someone "không đánh giá" all year (maternity leave) neither
    earns nor fails a title, and is noted. Discipline looks at every member, and at ``former``:
    decisions barring collectives taken while someone not a member at year end belonged to the
    unit. ``removed_because``: the secretary removed the unit from the TTLĐTT list (the reason)."""
    considered = [m for m in members if m.left_on is None or rules.leavers_qualify]
    counted = [m for m in considered if m.judged]
    earned = sum(m.ldtt.proposed for m in counted)
    failing = [(m, when) for m in counted for when in _failing(m, year, rules)]
    completed = len(counted) - len({m.staff_id for m, _ in failing})
    cstdcs = sum(m.cstdcs.proposed for m in counted)
    cut = sum(m.cstdcs.eligible and not m.cstdcs.proposed for m in counted)
    n = len(counted)
    pct = percent_text(share_of(earned, n))
    conditions: list[Condition] = []
    if not active:
        conditions.append(Condition("Đơn vị đã ngừng hoạt động", False))
    if not n:
        conditions.append(Condition(f"Không có cá nhân nào được xét danh hiệu năm {year}", False))
    else:
        above = share_of(earned, n) > rules.ttldtt_percent
        threshold = percent_text(rules.ttldtt_percent)
        conditions.append(Condition(f"Có {earned}/{n} cá nhân ({pct}) đạt danh hiệu Lao động tiên tiến, "
                                    f"{'trên' if above else 'không trên'} {threshold}", above))
    if len(considered) < len(members):
        conditions.append(Condition(f"Không tính {len(members) - len(considered)} người đã nghỉ việc trong năm", None))
    if len(counted) < len(considered):
        unrated = "chưa có xếp loại cuối năm" if rules.by_rating else "không được xếp loại quý nào"
        conditions.append(Condition(f"{len(considered) - len(counted)} người {unrated} (không tính vào tỷ lệ)", None))
    severity = DISCIPLINE_SEVERITY[rules.collective_discipline]
    barred = [m for m in members if m.discipline is not None and m.discipline.severity >= severity]
    gone = [d for d in former if d.severity >= severity]
    conditions += [Condition(f"Thành viên {m.full_name} bị kỷ luật {discipline_text(m.discipline)}", False)
                   for m in barred]
    conditions += [Condition(f"Thành viên {d.full_name} bị kỷ luật {discipline_text(d)} khi còn công tác tại đơn vị",
                             False) for d in gone]
    if not barred and not gone:
        conditions.append(Condition(f"Không có thành viên bị kỷ luật từ mức {label(rules.collective_discipline)} "
                                    "trở lên"))
    ok = all(c.met is not False for c in conditions)
    ttldtt = TitleDecision(TitleCode.TTLDTT, ok, ok, tuple(conditions),
                           f"{earned}/{n} cá nhân ({pct}) đạt danh hiệu Lao động tiên tiến" if ok else "")
    removal = removal_condition(TitleCode.TTLDTT, removed_because) if ok and removed_because is not None else None
    xs = [removal or (Condition("Đạt các điều kiện Tập thể lao động tiên tiến") if ok
                      else Condition("Không đạt các điều kiện Tập thể lao động tiên tiến", False))]
    if n:
        xs.append(_completed_condition(completed, n, failing, year, rules))
        enough = share_of(earned, n) >= rules.ttldxs_ldtt_percent
        threshold = percent_text(rules.ttldxs_ldtt_percent)
        xs.append(Condition(f"Có {earned}/{n} cá nhân ({pct}) đạt danh hiệu Lao động tiên tiến, "
                            + (f"từ {threshold} trở lên" if enough else f"dưới {threshold}"), enough))
        if rules.ttldxs_min_cstdcs:
            xs.append(_cstdcs_count_condition(cstdcs, cut, rules))
    good = all(c.met is not False for c in xs)
    text = (f"{completed}/{n} cá nhân hoàn thành nhiệm vụ; {earned}/{n} cá nhân ({pct}) đạt danh hiệu Lao động tiên "
            f"tiến; {cstdcs} cá nhân được đề nghị Chiến sĩ thi đua cơ sở") if good else ""
    ttldxs = TitleDecision(TitleCode.TTLDXS, good, good, tuple(xs), text, verdict=verdict_of(xs, removal))
    return CollectiveCounts(n, earned, completed, cstdcs), {TitleCode.TTLDTT: ttldtt, TitleCode.TTLDXS: ttldxs}


def _completed_condition(completed: int, n: int, failing: list, year: int, rules: TitleRules) -> Condition:
    met = share_of(completed, n) >= rules.ttldxs_completed_percent
    threshold = percent_text(rules.ttldxs_completed_percent)
    who = ", ".join(f"{m.full_name} {when}" for m, when in failing)
    if rules.ttldxs_completed_percent == 100:
        text = (f"100% cá nhân hoàn thành nhiệm vụ ({completed}/{n})" if met else
                f"Chưa đủ 100% cá nhân hoàn thành nhiệm vụ ({completed}/{n}): "
                f"{who} xếp loại {label(HeadLevel.KHONG_HOAN_THANH)}")
    else:
        text = (f"Có {completed}/{n} cá nhân ({percent_text(share_of(completed, n))}) hoàn thành nhiệm vụ, "
                + (f"từ {threshold} trở lên" if met else f"dưới {threshold}"))
    return Condition(text, met)


def _cstdcs_count_condition(cstdcs: int, cut: int, rules: TitleRules) -> Condition:
    met = cstdcs >= rules.ttldxs_min_cstdcs
    if cstdcs == 0:
        text = "Không có cá nhân nào được đề nghị Chiến sĩ thi đua cơ sở"
    elif met:
        text = f"Có {cstdcs} cá nhân được đề nghị Chiến sĩ thi đua cơ sở"
    else:
        text = f"Chỉ có {cstdcs} cá nhân được đề nghị Chiến sĩ thi đua cơ sở (cần ít nhất {rules.ttldxs_min_cstdcs})"
    if cut and not met:
        text += f" ({cut} người đủ điều kiện nhưng ngoài giới hạn {percent_text(rules.cstdcs_cap_percent)})"
    return Condition(text, met)
