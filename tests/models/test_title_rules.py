"""Title rule sets (issue #7): the shipped 2018 regime, the set in force for a year, exact shares
and caps, bonuses rounded up to 10,000 đ, editing with exact refusals, the title codes and their
command-line aliases, the history's labels."""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from models.common.codes import (
    DisciplineForm, HeadLevel, TitleCapScope, TitleCode, TitleRank, label, labels_of, title_from_text,
)
from models.common.errors import DomainError, NotFound, ValidationError
from models.store.history import FIELD_LABELS, TABLE_LABELS, list_changes
from models.store.schema import TRACKED
from models.yearend.title_rules import (
    TitleRules, delete_title_rules, get_title_rules, list_title_rules, percent_text, rule_for, save_title_rules,
    share_of,
)

from .db_rows import rows_of, upgraded_from

SHIPPED = "Luật Thi đua, Khen thưởng; Nghị định 91/2017/NĐ-CP"
SHIPPED_NOTE = "Giá trị theo các nguồn thứ cấp; văn bản gốc chưa đối chiếu được. Hãy kiểm tra và sửa cho đúng."
BASE_2018 = 1_390_000


def _dump(db):
    return rows_of(db, ("title_rule_set", "title_priority"))


# --- codes ------------------------------------------------------------------------------------


def test_the_four_titles_have_their_vietnamese_names():
    assert labels_of(TitleCode) == [
        "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc"]
    assert label(TitleCapScope.PER_UNIT) == "Từng đơn vị" and label(TitleCapScope.DISTRICT) == "Chung tất cả đơn vị"
    assert labels_of(TitleRank) == [
        "Số quý Hoàn thành xuất sắc nhiệm vụ", "Thứ tự ưu tiên của Hội đồng", "Mức xếp loại cuối năm"]


@pytest.mark.parametrize("text, title", [
    ("LDTT", TitleCode.LDTT), ("ldtt", TitleCode.LDTT), (" CsTdCs ", TitleCode.CSTDCS), ("TTLDTT", TitleCode.TTLDTT),
    ("ttldxs", TitleCode.TTLDXS), ("Lao động tiên tiến", TitleCode.LDTT), ("chien si thi dua co so", TitleCode.CSTDCS),
    ("Tập thể lao động xuất sắc", TitleCode.TTLDXS),
])
def test_a_title_is_named_by_its_short_alias_in_any_case_or_by_its_label(text, title):
    assert title_from_text(text) == title


@pytest.mark.parametrize("text", ["", "LĐTT?", "CSTD", "khen thưởng"])
def test_an_unknown_title_name_gives_none(text):
    assert title_from_text(text) is None


# --- the shipped regime -----------------------------------------------------------------------


def test_the_shipped_rule_set_is_the_2018_regime_from_2017_marked_for_checking(db):
    shipped = list_title_rules(db)[0]
    assert shipped == TitleRules(name=SHIPPED, from_year=2017, note=SHIPPED_NOTE, id=shipped.id,
                                 source=shipped.source)
    assert "Nghị định 91/2017/NĐ-CP" in shipped.source and shipped.to_check == ()
    assert (shipped.required_level, shipped.min_classified_quarters, shipped.min_months) == (HeadLevel.TOT, 1, 10)
    assert (shipped.individual_discipline, shipped.collective_discipline) == (
        DisciplineForm.KHIEN_TRACH, DisciplineForm.CANH_CAO)
    assert shipped.initiative_required and not shipped.leavers_qualify and shipped.highest_bonus_only
    assert (shipped.cstdcs_cap_percent, shipped.cap_scope) == (15, TitleCapScope.PER_UNIT)
    assert shipped.ranking == (TitleRank.EXCELLENT_QUARTERS, TitleRank.COUNCIL_ORDER)
    assert (shipped.ttldtt_percent, shipped.ttldxs_completed_percent, shipped.ttldxs_ldtt_percent,
            shipped.ttldxs_min_cstdcs) == (50, 100, 70, 1)
    assert shipped.bonus == {TitleCode.CSTDCS: Decimal("1"), TitleCode.LDTT: Decimal("0.3"),
                             TitleCode.TTLDTT: Decimal("0.8"), TitleCode.TTLDXS: Decimal("1.5")}
    assert str(shipped.bonus[TitleCode.LDTT]) == "0.3"


@pytest.mark.parametrize("earned, quota", [(0, 0), (6, 0), (7, 1), (13, 1), (14, 2), (19, 2), (20, 3), (100, 15)])
def test_the_cap_is_15_percent_of_those_who_earned_ldtt_rounded_down_exactly(db, earned, quota):
    assert rule_for(db, 2018).cap(earned) == quota


def test_a_cap_that_a_float_would_miss_is_exact(db):
    # 0.7 * 10 is 7.000000000000001 in binary floating point; 70% of 10 must be exactly 7.
    rules = replace(rule_for(db, 2018), cstdcs_cap_percent=Decimal("70"))
    assert rules.cap(10) == 7
    assert replace(rules, cstdcs_cap_percent=Decimal("12.5")).cap(8) == 1
    assert share_of(7, 10) == 70 and share_of(5, 10) == 50 and not share_of(5, 10) > 50


@pytest.mark.parametrize("title, amount", [
    (TitleCode.LDTT, 420_000),  # 0.3 x 1,390,000 = 417,000, rounded up
    (TitleCode.CSTDCS, 1_390_000),  # exact already: not rounded further
    (TitleCode.TTLDTT, 1_120_000),  # 1,112,000
    (TitleCode.TTLDXS, 2_090_000),  # 2,085,000
])
def test_bonuses_are_multiples_of_the_base_salary_rounded_up_to_10_000(db, title, amount):
    assert rule_for(db, 2018).bonus_amount(title, BASE_2018) == amount


def test_a_bonus_that_falls_on_10_000_stays_and_no_base_salary_gives_no_bonus(db):
    rules = rule_for(db, 2018)
    assert rules.bonus_amount(TitleCode.LDTT, 1_400_000) == 420_000
    assert rules.bonus_amount(TitleCode.LDTT, 1_400_001) == 430_000
    assert rules.bonus_amount(TitleCode.LDTT, None) == 0


@pytest.mark.parametrize("value, text", [
    (Decimal(15), "15%"), (Decimal("12.5"), "12,5%"), (share_of(2, 3), "66,7%"), (share_of(1, 1), "100%"),
])
def test_a_percentage_prints_with_a_decimal_comma(value, text):
    assert percent_text(value) == text


# --- the set in force -------------------------------------------------------------------------


def test_a_year_uses_the_latest_rule_set_starting_no_later_than_it(db):
    later = save_title_rules(db, TitleRules(name="Quy định của thành phố", from_year=2026,
                                            cstdcs_cap_percent=Decimal(30)))
    assert rule_for(db, 2017).name == SHIPPED
    assert rule_for(db, 2023).name == SHIPPED
    assert rule_for(db, 2024).name == "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP"
    assert rule_for(db, 2025).name == "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP"
    assert rule_for(db, 2026) == later
    assert rule_for(db, 2030).cap(10) == 3
    assert [r.from_year for r in list_title_rules(db)] == [2017, 2024, 2025, 2026]


def test_a_year_before_every_rule_set_has_none(db):
    with pytest.raises(DomainError) as caught:
        rule_for(db, 2016)
    assert str(caught.value) == "Chưa có quy định xét danh hiệu thi đua áp dụng cho năm 2016"


# --- editing ----------------------------------------------------------------------------------


def test_a_rule_set_saved_reads_back_exactly_with_text_numbers_accepted(db):
    saved = save_title_rules(db, TitleRules(
        name="  Quy định   của quận  ", from_year=2020, required_level=HeadLevel.XUAT_SAC, min_classified_quarters=2,
        min_months=12, leavers_qualify=True, individual_discipline=DisciplineForm.CANH_CAO,
        collective_discipline=DisciplineForm.HA_BAC_LUONG, achievements=(),
        cstdcs_cap_percent="12,5", cap_scope=TitleCapScope.DISTRICT, ranking=(TitleRank.COUNCIL_ORDER,),
        ttldtt_percent=Decimal(60), ttldxs_completed_percent=Decimal(90), ttldxs_ldtt_percent=Decimal("75.5"),
        ttldxs_min_cstdcs=2, bonus={TitleCode.LDTT: "0,35", TitleCode.CSTDCS: Decimal(2), TitleCode.TTLDTT: 1,
                                    TitleCode.TTLDXS: Decimal("1.75")}, highest_bonus_only=False, note="  Thử  "))
    assert saved.name == "Quy định của quận" and saved.note == "Thử"
    assert saved.cstdcs_cap_percent == Decimal("12.5") and saved.ttldxs_ldtt_percent == Decimal("75.5")
    assert saved.bonus[TitleCode.LDTT] == Decimal("0.35") and saved.bonus[TitleCode.TTLDXS] == Decimal("1.75")
    assert get_title_rules(db, saved.id) == saved == rule_for(db, 2021)
    assert (saved.cap_scope, saved.ranking, saved.leavers_qualify, saved.initiative_required,
            saved.highest_bonus_only) == (TitleCapScope.DISTRICT, (TitleRank.COUNCIL_ORDER,), True, False, False)


def test_migration_0008_turns_highest_bonus_only_on_in_the_rule_sets_already_there(tmp_path):
    with upgraded_from(tmp_path, "0008_title_highest_bonus_only", "UPDATE title_rule_set SET min_months = 11") as db:
        shipped = rule_for(db, 2018)
        assert (shipped.min_months, shipped.highest_bonus_only) == (11, True)
        with pytest.raises(Exception, match="CHECK constraint failed"):
            db.execute("UPDATE title_rule_set SET highest_bonus_only = 2")


def test_editing_a_rule_set_keeps_its_id_and_changes_the_rule_in_force(db):
    shipped = rule_for(db, 2018)
    edited = save_title_rules(db, replace(shipped, min_months=12, cap_scope=TitleCapScope.DISTRICT))
    assert edited.id == shipped.id
    assert (rule_for(db, 2018).min_months, rule_for(db, 2018).cap_scope) == (12, TitleCapScope.DISTRICT)


@pytest.mark.parametrize("changes, errors", [
    ({"name": "  "}, {"name": "Chưa nhập tên quy định"}),
    ({"from_year": 1999}, {"from_year": "Năm “1999” không hợp lệ (từ 2000 đến 2100)"}),
    ({"from_year": 2017}, {"from_year": "Đã có quy định xét danh hiệu áp dụng từ năm 2017"}),
    ({"min_classified_quarters": 0}, {"min_classified_quarters": "Số quý được xếp loại tối thiểu phải từ 1 đến 4"}),
    ({"min_months": -1}, {"min_months": "Số tháng công tác tối thiểu phải từ 0 đến 120"}),
    ({"cstdcs_cap_percent": Decimal(101)},
     {"cstdcs_cap_percent": "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở phải là số từ 0 đến 100 (%)"}),
    ({"ttldtt_percent": "năm mươi"},
     {"ttldtt_percent": "Tỷ lệ Lao động tiên tiến của Tập thể lao động tiên tiến phải là số từ 0 đến 100 (%)"}),
    ({"ranking": (TitleRank.COUNCIL_ORDER, TitleRank.COUNCIL_ORDER)},
     {"ranking": "Mỗi tiêu chí xếp hạng chỉ chọn một lần"}),
    ({"bonus": {TitleCode.LDTT: Decimal("0.3"), TitleCode.CSTDCS: Decimal(-1), TitleCode.TTLDTT: Decimal("0.8"),
                TitleCode.TTLDXS: Decimal("1.5")}},
     {"bonus": "Mức thưởng Chiến sĩ thi đua cơ sở phải là số lần lương cơ sở, từ 0 đến 100"}),
    ({"required_level": "tốt"}, {"required_level": "Chưa chọn mức xếp loại tối thiểu của các quý"}),
    ({"collective_discipline": None}, {"collective_discipline": "Chưa chọn hình thức kỷ luật"}),
])
def test_a_wrong_rule_set_is_refused_with_the_field_and_nothing_is_written(db, changes, errors):
    before = _dump(db)
    values = {"name": "Quy định mới", "from_year": 2020, **changes}
    with pytest.raises(ValidationError) as caught:
        save_title_rules(db, TitleRules(**values))
    assert caught.value.errors == errors
    assert _dump(db) == before


def test_deleting_a_later_rule_set_hands_its_years_back_and_the_last_one_cannot_go(db):
    for shipped_later in list_title_rules(db)[1:]:
        delete_title_rules(db, shipped_later.id)
    later = save_title_rules(db, TitleRules(name="Quy định 2024", from_year=2024))
    delete_title_rules(db, later.id)
    assert rule_for(db, 2025).name == SHIPPED
    with pytest.raises(DomainError) as caught:
        delete_title_rules(db, rule_for(db, 2018).id)
    assert str(caught.value) == "Không thể xóa quy định xét danh hiệu duy nhất: hãy sửa quy định này"
    with pytest.raises(NotFound) as caught:
        delete_title_rules(db, 999)
    assert str(caught.value) == "Không tìm thấy quy định xét danh hiệu thi đua"


# --- history ----------------------------------------------------------------------------------


def test_every_tracked_table_and_the_title_fields_have_vietnamese_labels():
    assert set(TRACKED) <= set(TABLE_LABELS)
    assert TABLE_LABELS["title_rule_set"] == "Quy định xét danh hiệu thi đua"
    assert TABLE_LABELS["title_priority"] == "Thứ tự ưu tiên xét danh hiệu"
    for column in ("min_months", "cstdcs_cap_percent", "cap_scope", "ttldtt_percent", "bonus_ldtt", "priority"):
        assert column in FIELD_LABELS
    assert FIELD_LABELS["highest_bonus_only"] == "Đạt nhiều danh hiệu: chỉ nhận mức thưởng cao nhất"


def test_a_rule_change_is_in_the_history_with_labels(db):
    shipped = rule_for(db, 2018)
    save_title_rules(db, replace(shipped, min_months=12, cap_scope=TitleCapScope.DISTRICT))
    (change,) = list_changes(db, table="title_rule_set", since=dt.date(2000, 1, 1))
    assert change.table_label == "Quy định xét danh hiệu thi đua"
    assert change.summary == ("Số tháng công tác tối thiểu: 10 → 12; Phạm vi tính tỷ lệ: Từng đơn vị → Chung tất cả đơn vị")
