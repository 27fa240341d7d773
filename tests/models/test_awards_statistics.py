"""Statistics of the award register (issue #17): by unit and kind (a person counted in their unit at year
end), by year, bonus totals, the quarterly levels against the caps, and the charts' numbers."""
from models.analysis.statistics import CAP_SERIES, compute_statistics
from models.awards.register import Award, save_award
from models.common.award_codes import AwardKind, AwardLevel
from models.common.codes import UnitKind

from .titles_data import HT, TOT, XS, team, unit


def _award(db, year, kind, staff_id=None, unit_id=None, amount=0):
    from models.common.award_codes import award_label

    save_award(db, Award(staff_id, unit_id, year, kind, award_label(kind), AwardLevel.HUYEN, amount=amount))


def test_a_year_by_unit_and_kind_across_years_and_against_the_caps(db):
    nv = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    an, binh = team(db, nv, [(XS, XS, TOT), (TOT, HT, TOT)], names=["Nguyễn Văn An", "Trần Thị Bình"])
    (chi,) = team(db, p01, [(XS, TOT, TOT)], names=["Lê Văn Chi"])
    db.execute("UPDATE staff SET is_leader = 1 WHERE id IN (?, ?)", [an, chi])
    _award(db, 2018, AwardKind.LDTT, an, amount=420000)
    _award(db, 2018, AwardKind.LDTT, chi, amount=420000)
    _award(db, 2018, AwardKind.CSTDCS, an, amount=1390000)
    _award(db, 2018, AwardKind.TTLDTT, unit_id=p01, amount=1120000)
    _award(db, 2016, AwardKind.LDTT, binh, amount=363000)
    stats = compute_statistics(db, 2018, 2016)
    assert stats.kinds == ["ldtt", "cstdcs", "ttldtt"]
    assert [(u.code, u.counts, u.bonus) for u in stats.by_unit] == [
        ("NV", {"ldtt": 1, "cstdcs": 1}, 1810000), ("P01", {"ldtt": 1, "ttldtt": 1}, 1540000)]
    assert stats.by_kind == {"ldtt": (2, 0, 840000), "cstdcs": (1, 0, 1390000), "ttldtt": (0, 1, 1120000)}
    assert (stats.total, stats.bonus) == (4, 3350000)
    assert {y: dict(c) for y, c in stats.by_year.items()} == {2016: {"ldtt": 1}, 2017: {},
                                                              2018: {"ldtt": 2, "cstdcs": 1, "ttldtt": 1}}
    assert stats.bonus_by_year == {2016: 363000, 2018: 3350000}
    q2 = stats.quarters[0]
    assert (q2.quarter, q2.classified, q2.counts[XS]) == (2, 3, 2)
    # Q2: both leaders excellent (100% > 50%), in two units each over the cap.
    assert q2.caps == (("Tối đa 50% lãnh đạo, quản lý xếp loại Hoàn thành xuất sắc nhiệm vụ", 1.0, 0.5, 2),)
    charts = {c.title: c for c in stats.charts()}
    by_kind = charts["Khen thưởng năm 2018 theo hình thức"]
    assert by_kind.categories == ("LĐTT", "CSTĐCS", "TTLĐTT")
    assert by_kind.series == (("Cá nhân", (2.0, 1.0, 0.0)), ("Tập thể", (0.0, 0.0, 1.0)))
    assert charts["Khen thưởng 2016-2018 theo năm"].series[0] == ("LĐTT", (1.0, 0.0, 2.0))
    assert charts["Tổng tiền thưởng 2016-2018 (triệu đồng)"].series == (("Tiền thưởng", (0.4, 0.0, 3.4)),)
    quarters = charts["Xếp loại quý năm 2018 (% số người được xếp loại)"]
    assert quarters.series[0] == ("Xuất sắc", (66.7, 33.3, 0.0))
    assert quarters.series[-1] == (CAP_SERIES, (100.0, 50.0, 0.0))  # Q3: An excellent, Chi good
    assert quarters.limit == (50.0, "Tối đa 50% lãnh đạo, quản lý xếp loại Hoàn thành xuất sắc nhiệm vụ")


def test_years_without_any_award_draw_one_line_at_zero_and_print(db):
    import datetime as dt

    from models.store.settings import council_names
    from reports.statistics import render_statistics

    unit(db, "P01", "Ủy ban nhân dân Phường An Hội Tây")
    stats = compute_statistics(db, 2025, 2023, dt.date(2026, 1, 15))
    line = next(c for c in stats.charts() if c.kind == "line")
    assert line.series == (("LĐTT", (0.0, 0.0, 0.0)),)
    assert render_statistics(stats, council_names(db), dt.date(2026, 1, 15))[:5] == b"%PDF-"
