"""Campaigns (đợt thi đua): deadlines, offered fields, participating units, late joiners."""
import datetime as dt
from dataclasses import replace

import pytest

from models.campaigns.campaigns import (
    DEFAULT_FIELDS,
    add_participant,
    campaigns_named_like,
    default_as_of,
    default_registration_date,
    delete_campaign,
    get_campaign,
    late_joiner_deadlines,
    list_campaigns,
    participants,
    remove_participant,
    save_campaign,
    set_own_deadlines,
)
from models.common.codes import InitiativeKind, UnitKind
from models.common.errors import DomainError, NotFound, ValidationError
from models.campaigns.initiatives import Initiative, save_initiative
from models.demo.campaign import CAMPAIGN as DEMO_CAMPAIGN
from models.people.units import set_unit_active

from .units_data import NV, P01, P03, save_units
from .db_rows import rows_of

AS_OF = dt.date(2019, 3, 1)
TABLES = ("unit", "campaign", "campaign_field", "campaign_unit", "initiative", "initiative_author")


def _dump(db):
    return rows_of(db, TABLES)


def _campaign(**kw):
    """The sample data's campaign (its name, year and deadlines) without a description, changed by ``kw``."""
    return replace(DEMO_CAMPAIGN, **{"description": "", **kw})


def _refused(db, call):
    """The errors of the ValidationError ``call`` raises; nothing is written."""
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        call()
    assert _dump(db) == before
    return caught.value.errors


def _refused_update(db, campaign, **changes):
    """The errors of saving ``campaign`` with ``changes``, refused; nothing is written."""
    return _refused(db, lambda: save_campaign(db, replace(campaign, **changes)))


@pytest.fixture
def units(db):
    """Three active units and one deactivated unit, by code."""
    saved = save_units(db, [P01, P03, NV, ("CU", "Ban Quản lý chợ (đã giải thể)", UnitKind.SU_NGHIEP)])
    saved["CU"] = set_unit_active(db, saved["CU"].id, False)
    return saved


def _register(db, campaign, unit, title="Một cửa điện tử", registered_on=dt.date(2018, 11, 3)):
    return save_initiative(db, Initiative(
        campaign_id=campaign.id, unit_id=unit.id, title=title, kind=InitiativeKind.MO_HINH,
        registered_on=registered_on,
    ), AS_OF)


# --- saving, listing, reading, deleting -------------------------------------------------------


def test_save_campaign_stores_the_campaign_with_its_deadlines(db, units):
    campaign = save_campaign(db, _campaign(description="  Theo Kế hoạch số 4776/KH-UBND  "))
    assert campaign.id is not None
    assert db.execute(
        "SELECT name, year, start_date, registration_deadline, report_deadline, description, max_per_unit "
        "FROM campaign"
    ).fetchall() == [
        ("Đợt thi đua cao điểm về Cải cách hành chính", 2018, "2018-11-02", "2018-11-03", "2019-01-27",
         "Theo Kế hoạch số 4776/KH-UBND", 1)
    ]
    assert get_campaign(db, campaign.id) == campaign


def test_a_new_campaign_offers_the_default_fields_in_order(db, units):
    campaign = save_campaign(db, _campaign())
    assert campaign.fields == DEFAULT_FIELDS
    assert db.execute(
        "SELECT position, name FROM campaign_field WHERE campaign_id = ? ORDER BY position", [campaign.id]
    ).fetchall() == list(enumerate(DEFAULT_FIELDS))


def test_a_new_campaign_enrols_every_active_unit_but_not_a_deactivated_one(db, units):
    campaign = save_campaign(db, _campaign())
    enrolled = participants(db, campaign.id)
    assert [p.unit_code for p in enrolled] == ["NV", "P01", "P03"]
    assert all(p.joined_on == dt.date(2018, 11, 2) for p in enrolled)
    assert all(not p.own_deadlines for p in enrolled)
    assert all(p.registration_deadline == dt.date(2018, 11, 3) for p in enrolled)
    assert all(p.report_deadline == dt.date(2019, 1, 27) for p in enrolled)
    assert db.execute(
        "SELECT count(*) FROM campaign_unit WHERE unit_id = ?", [units["CU"].id]
    ).fetchone() == (0,)


def test_a_new_campaign_enrols_exactly_the_units_given(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[units["P03"].id, units["CU"].id])
    assert [(p.unit_code, p.unit_active) for p in participants(db, campaign.id)] == [
        ("CU", False), ("P03", True),
    ]


def test_a_new_campaign_with_no_unit_given_has_no_participants(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[])
    assert participants(db, campaign.id) == []


def test_fields_are_cleaned_and_empty_ones_dropped(db, units):
    campaign = save_campaign(db, _campaign(fields=("  Dân vận   khéo ", "", "  ", "Cải cách thủ tục")))
    assert campaign.fields == ("Dân vận khéo", "Cải cách thủ tục")


def test_several_campaigns_across_years_are_listed_newest_first(db, units):
    first = save_campaign(db, _campaign())
    later = save_campaign(db, _campaign(
        name="Phong trào thi đua năm 2019", year=2019, start_date=dt.date(2019, 2, 1),
        registration_deadline=dt.date(2019, 3, 1), report_deadline=dt.date(2019, 11, 30),
        max_per_unit=3, fields=("Chuyển đổi số",),
    ))
    same_year = save_campaign(db, _campaign(
        name="Đợt thi đua chào mừng ngày Quốc khánh", year=2018, start_date=dt.date(2018, 8, 1),
        registration_deadline=dt.date(2018, 8, 10), report_deadline=dt.date(2018, 9, 2),
    ))
    assert [c.id for c in list_campaigns(db)] == [later.id, first.id, same_year.id]
    assert get_campaign(db, later.id).fields == ("Chuyển đổi số",)
    assert get_campaign(db, later.id).max_per_unit == 3
    assert len(participants(db, first.id)) == len(participants(db, later.id)) == 3


def test_updating_a_campaign_replaces_its_fields_and_keeps_its_participants(db, units):
    campaign = save_campaign(db, _campaign())
    updated = save_campaign(db, replace(
        campaign, name="Đợt thi đua cao điểm CCHC", report_deadline=dt.date(2019, 1, 31),
        fields=("Dân vận khéo", "Một cửa liên thông"),
    ))
    assert updated.id == campaign.id
    assert updated.name == "Đợt thi đua cao điểm CCHC"
    assert updated.report_deadline == dt.date(2019, 1, 31)
    assert updated.fields == ("Dân vận khéo", "Một cửa liên thông")
    assert db.execute("SELECT count(*) FROM campaign_field").fetchone() == (2,)
    assert [p.unit_code for p in participants(db, campaign.id)] == ["NV", "P01", "P03"]
    assert all(p.report_deadline == dt.date(2019, 1, 31) for p in participants(db, campaign.id))


def test_get_of_an_unknown_campaign_says_its_number(db):
    with pytest.raises(NotFound, match="^Không có đợt thi đua số 42$"):
        get_campaign(db, 42)


def test_updating_a_campaign_that_does_not_exist_writes_nothing(db, units):
    before = _dump(db)
    with pytest.raises(NotFound, match="^Không tìm thấy đợt thi đua$"):
        save_campaign(db, _campaign(id=42))
    assert _dump(db) == before


def test_delete_campaign_removes_it_with_its_fields_and_participants(db, units):
    campaign = save_campaign(db, _campaign())
    other = save_campaign(db, _campaign(name="Đợt khác"))
    delete_campaign(db, campaign.id)
    assert [c.id for c in list_campaigns(db)] == [other.id]
    for table in ("campaign_field", "campaign_unit"):
        assert db.execute(
            f"SELECT count(*) FROM {table} WHERE campaign_id = ?", [campaign.id]
        ).fetchone() == (0,)
    assert len(participants(db, other.id)) == 3


def test_delete_campaign_is_refused_when_an_initiative_is_registered(db, units):
    campaign = save_campaign(db, _campaign())
    _register(db, campaign, units["P01"])
    before = _dump(db)
    with pytest.raises(DomainError) as caught:
        delete_campaign(db, campaign.id)
    assert str(caught.value) == (
        "Không thể xóa đợt thi đua vì đã có 1 mô hình, sáng kiến, giải pháp đăng ký"
    )
    assert _dump(db) == before


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, errors",
    [
        (
            dict(registration_deadline=dt.date(2018, 11, 1)),
            {"registration_deadline": "Hạn đăng ký phải từ ngày bắt đầu (02/11/2018) trở đi"},
        ),
        (
            dict(report_deadline=dt.date(2018, 11, 2)),
            {"report_deadline": "Hạn báo cáo kết quả phải từ hạn đăng ký (03/11/2018) trở đi"},
        ),
        (dict(name="   "), {"name": "Chưa nhập tên đợt thi đua"}),
        (dict(name="x" * 301), {"name": "Tên đợt thi đua dài quá 300 ký tự"}),
        (dict(year=1999), {"year": "Năm phải từ 2000 đến 2100"}),
        (dict(start_date=None), {"start_date": "Chưa nhập ngày bắt đầu"}),
        (dict(registration_deadline=None), {"registration_deadline": "Chưa nhập hạn đăng ký"}),
        (dict(report_deadline=None), {"report_deadline": "Chưa nhập hạn báo cáo kết quả"}),
        (dict(max_per_unit=0), {"max_per_unit": "Số mô hình tối đa mỗi đơn vị phải từ 1 đến 50"}),
        (
            dict(fields=("Dân vận khéo", "DAN VAN KHEO")),
            {"fields": "Danh sách lĩnh vực có mục trùng nhau"},
        ),
        (
            dict(name="", registration_deadline=dt.date(2018, 11, 1)),
            {"name": "Chưa nhập tên đợt thi đua",
             "registration_deadline": "Hạn đăng ký phải từ ngày bắt đầu (02/11/2018) trở đi"},
        ),
    ],
)
def test_a_wrong_campaign_is_refused_with_its_messages_and_nothing_written(db, units, changes, errors):
    assert _refused(db, lambda: save_campaign(db, _campaign(**changes))) == errors


def test_registration_deadline_on_the_start_day_and_report_deadline_on_it_too_are_accepted(db, units):
    day = dt.date(2018, 11, 2)
    campaign = save_campaign(db, _campaign(start_date=day, registration_deadline=day, report_deadline=day))
    assert (campaign.start_date, campaign.registration_deadline, campaign.report_deadline) == (day, day, day)


def test_an_update_with_a_deadline_before_the_start_writes_nothing(db, units):
    campaign = save_campaign(db, _campaign())
    assert _refused_update(db, campaign, start_date=dt.date(2018, 11, 4), fields=("Mới",)) == {
        "registration_deadline": "Hạn đăng ký phải từ ngày bắt đầu (04/11/2018) trở đi"}


def test_lowering_the_maximum_below_a_units_count_is_refused(db, units):
    campaign = save_campaign(db, _campaign(max_per_unit=2))
    _register(db, campaign, units["P01"], title="Một cửa điện tử")
    _register(db, campaign, units["P01"], title="Dân vận khéo")
    assert _refused_update(db, campaign, max_per_unit=1, fields=("Chỉ một lĩnh vực",)) == {
        "max_per_unit": "Đã có đơn vị đăng ký 2 mô hình, sáng kiến, giải pháp trong đợt này"}


def test_lowering_the_maximum_to_the_largest_count_is_accepted(db, units):
    campaign = save_campaign(db, _campaign(max_per_unit=3))
    _register(db, campaign, units["P01"], title="Một cửa điện tử")
    _register(db, campaign, units["P01"], title="Dân vận khéo")
    assert save_campaign(db, replace(campaign, max_per_unit=2)).max_per_unit == 2


# --- participants ---------------------------------------------------------------------------


def test_late_joiner_gets_a_window_as_long_as_the_others_had():
    campaign = _campaign(start_date=dt.date(2018, 11, 2), registration_deadline=dt.date(2018, 11, 12),
                         report_deadline=dt.date(2019, 1, 27))
    joined = dt.date(2018, 12, 1)
    registration, report = late_joiner_deadlines(campaign, joined)
    assert registration - joined == campaign.registration_deadline - campaign.start_date
    assert report - registration == campaign.report_deadline - campaign.registration_deadline
    assert (registration, report) == (dt.date(2018, 12, 11), dt.date(2019, 2, 25))


def test_a_unit_joining_on_or_before_the_registration_deadline_keeps_the_campaigns_deadlines():
    campaign = _campaign()
    assert late_joiner_deadlines(campaign, campaign.start_date) is None
    assert late_joiner_deadlines(campaign, campaign.registration_deadline) is None
    assert late_joiner_deadlines(campaign, campaign.registration_deadline + dt.timedelta(days=1)) == (
        dt.date(2018, 11, 5), dt.date(2019, 1, 29),
    )


def test_add_participant_after_the_registration_deadline_gives_the_unit_its_own_deadlines(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[units["P01"].id])
    joined = dt.date(2018, 12, 1)
    p = add_participant(db, campaign.id, units["P03"].id, joined)
    assert (p.unit_code, p.joined_on, p.own_deadlines) == ("P03", joined, True)
    assert p.registration_deadline - joined == dt.timedelta(days=1)  # the others had 02/11 to 03/11
    assert p.report_deadline - p.registration_deadline == dt.date(2019, 1, 27) - dt.date(2018, 11, 3)
    assert (p.registration_deadline, p.report_deadline) == (dt.date(2018, 12, 2), dt.date(2019, 2, 25))
    assert db.execute(
        "SELECT joined_on, registration_deadline, report_deadline FROM campaign_unit WHERE unit_id = ?",
        [units["P03"].id],
    ).fetchone() == ("2018-12-01", "2018-12-02", "2019-02-25")
    others = [q for q in participants(db, campaign.id) if q.unit_code == "P01"]
    assert [(q.registration_deadline, q.own_deadlines) for q in others] == [(dt.date(2018, 11, 3), False)]


def test_add_participant_before_the_registration_deadline_has_no_own_deadlines(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[units["P01"].id])
    p = add_participant(db, campaign.id, units["P03"].id, dt.date(2018, 11, 3))
    assert (p.joined_on, p.own_deadlines) == (dt.date(2018, 11, 3), False)
    assert (p.registration_deadline, p.report_deadline) == (dt.date(2018, 11, 3), dt.date(2019, 1, 27))
    assert db.execute(
        "SELECT registration_deadline, report_deadline FROM campaign_unit WHERE unit_id = ?",
        [units["P03"].id],
    ).fetchone() == (None, None)


def test_add_participant_before_the_start_joins_on_the_start_day(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[])
    p = add_participant(db, campaign.id, units["NV"].id, dt.date(2018, 10, 1))
    assert p.joined_on == dt.date(2018, 11, 2)
    assert not p.own_deadlines


def test_a_unit_cannot_join_the_same_campaign_twice(db, units):
    campaign = save_campaign(db, _campaign())
    assert _refused(db, lambda: add_participant(db, campaign.id, units["P01"].id, dt.date(2018, 12, 1))) == {
        "unit_id": "Đơn vị đã tham gia đợt thi đua này"}


def test_a_deactivated_unit_can_still_be_added_by_hand(db, units):
    campaign = save_campaign(db, _campaign())
    p = add_participant(db, campaign.id, units["CU"].id, dt.date(2018, 11, 2))
    assert (p.unit_code, p.unit_active) == ("CU", False)


def test_set_own_deadlines_gives_one_unit_its_deadlines_and_none_restores_the_campaigns(db, units):
    campaign = save_campaign(db, _campaign())
    set_own_deadlines(db, campaign.id, units["P03"].id, dt.date(2018, 11, 10), dt.date(2019, 2, 5))
    by_code = {p.unit_code: p for p in participants(db, campaign.id)}
    assert (by_code["P03"].registration_deadline, by_code["P03"].report_deadline) == (
        dt.date(2018, 11, 10), dt.date(2019, 2, 5),
    )
    assert by_code["P03"].own_deadlines
    assert not by_code["P01"].own_deadlines

    set_own_deadlines(db, campaign.id, units["P03"].id, None, dt.date(2019, 2, 5))
    p03 = next(p for p in participants(db, campaign.id) if p.unit_code == "P03")
    assert (p03.registration_deadline, p03.report_deadline, p03.own_deadlines) == (
        dt.date(2018, 11, 3), dt.date(2019, 2, 5), True,
    )

    set_own_deadlines(db, campaign.id, units["P03"].id, None, None)
    p03 = next(p for p in participants(db, campaign.id) if p.unit_code == "P03")
    assert (p03.registration_deadline, p03.report_deadline, p03.own_deadlines) == (
        dt.date(2018, 11, 3), dt.date(2019, 1, 27), False,
    )


def test_set_own_deadlines_refuses_a_report_deadline_before_the_registration_deadline(db, units):
    campaign = save_campaign(db, _campaign())
    assert _refused(db, lambda: set_own_deadlines(db, campaign.id, units["P03"].id, dt.date(2019, 2, 1), None)) == {
        "report_deadline": "Hạn báo cáo kết quả phải từ hạn đăng ký trở đi"}


def test_remove_participant_takes_out_a_unit_that_registered_nothing(db, units):
    campaign = save_campaign(db, _campaign())
    remove_participant(db, campaign.id, units["NV"].id)
    assert [p.unit_code for p in participants(db, campaign.id)] == ["P01", "P03"]


def test_remove_participant_is_refused_when_the_unit_registered_an_initiative(db, units):
    campaign = save_campaign(db, _campaign())
    _register(db, campaign, units["P01"])
    before = _dump(db)
    with pytest.raises(DomainError) as caught:
        remove_participant(db, campaign.id, units["P01"].id)
    assert str(caught.value) == (
        "Đơn vị đã đăng ký mô hình, sáng kiến, giải pháp trong đợt này nên không bỏ ra được"
    )
    assert _dump(db) == before


def test_participants_of_an_unknown_campaign_is_not_found(db):
    with pytest.raises(NotFound, match="^Không có đợt thi đua số 7$"):
        participants(db, 7)


def test_set_own_deadlines_refuses_a_registration_deadline_before_the_campaign_start(db, units):
    campaign = save_campaign(db, _campaign())
    assert _refused(db, lambda: set_own_deadlines(db, campaign.id, units["P03"].id, dt.date(2018, 10, 1), None))


def test_set_own_deadlines_of_a_unit_that_does_not_participate_is_refused(db, units):
    campaign = save_campaign(db, _campaign(), unit_ids=[units["P01"].id])
    with pytest.raises(DomainError):
        set_own_deadlines(db, campaign.id, units["P03"].id, dt.date(2018, 11, 10), None)


def test_one_campaign_subtitle_for_the_register_and_the_year_end_lists():
    import unicodedata

    from models.campaigns.campaigns import Campaign, campaign_subtitle

    assert campaign_subtitle(" Đợt thi đua cao điểm ", 2018) == "Đợt thi đua cao điểm năm 2018"
    assert campaign_subtitle("Thi đua năm 2018", 2018) == "Thi đua năm 2018"
    assert campaign_subtitle(unicodedata.normalize("NFD", "Đợt thi đua"), 2019) == "Đợt thi đua năm 2019"
    assert Campaign(name="Cải cách hành chính", year=2019, start_date=dt.date(2019, 1, 1),
                    registration_deadline=dt.date(2019, 2, 1),
                    report_deadline=dt.date(2019, 3, 1)).subtitle == "Cải cách hành chính năm 2019"


def test_campaigns_named_like_compares_the_folded_name_within_the_same_year(db, units):
    first = save_campaign(db, _campaign(name="Đợt thi đua Cải cách hành chính"))
    save_campaign(db, _campaign(name="Đợt thi đua Cải cách hành chính", year=2019,
                                start_date=dt.date(2019, 1, 1), registration_deadline=dt.date(2019, 2, 1),
                                report_deadline=dt.date(2019, 12, 1)))
    same = campaigns_named_like(db, "dot thi dua  CAI CACH hanh chinh", first.year)
    assert [(c.id, c.year) for c in same] == [(first.id, first.year)]
    assert campaigns_named_like(db, first.name, first.year, except_id=first.id) == []
    assert campaigns_named_like(db, "Đợt thi đua khác", first.year) == []


# Report deadline 27/01/2019: the campaign is live until 90 days after it (27/04/2019).
@pytest.mark.parametrize("today, tracking, review", [
    (dt.date(2018, 10, 1), dt.date(2018, 10, 1), dt.date(2019, 1, 28)),  # not started yet: today
    (dt.date(2018, 11, 20), dt.date(2018, 11, 20), dt.date(2019, 1, 28)),  # live
    (dt.date(2019, 1, 27), dt.date(2019, 1, 27), dt.date(2019, 1, 28)),  # the report deadline itself
    (dt.date(2019, 3, 1), dt.date(2019, 3, 1), dt.date(2019, 3, 1)),  # late reports chased, review held
    (dt.date(2019, 4, 27), dt.date(2019, 4, 27), dt.date(2019, 4, 27)),  # the last live day
    (dt.date(2019, 4, 28), dt.date(2019, 1, 28), dt.date(2019, 4, 28)),  # over: tracking on its own final day
    (dt.date(2026, 12, 6), dt.date(2019, 1, 28), dt.date(2026, 12, 6)),  # old data; the review counts all received
])
def test_tracking_defaults_to_today_while_live_else_the_final_day_and_the_review_to_today_from_the_final_day(today, tracking, review):
    assert default_as_of(DEMO_CAMPAIGN, today) == tracking
    assert default_as_of(DEMO_CAMPAIGN, today, final=True) == review


@pytest.mark.parametrize("today, expected", [
    (dt.date(2018, 11, 3), dt.date(2018, 11, 3)),
    (dt.date(2018, 11, 10), dt.date(2018, 11, 10)),  # live and past the deadline: truly late
    (dt.date(2019, 4, 27), dt.date(2019, 4, 27)),
    (dt.date(2019, 4, 28), dt.date(2018, 11, 3)),  # over: the registration deadline, on time
    (dt.date(2026, 12, 6), dt.date(2018, 11, 3)),
])
def test_a_new_initiative_is_registered_today_unless_the_campaign_is_over(today, expected):
    assert default_registration_date(DEMO_CAMPAIGN, today) == expected


def test_the_offered_fields_name_the_councils_own_level():
    from models.campaigns.campaigns import DEFAULT_FIELDS, default_fields
    from models.common.codes import CouncilLevel
    from models.store.settings import CouncilNames

    assert default_fields(CouncilNames()) == DEFAULT_FIELDS  # the 2018 district keeps its wording
    ward = default_fields(CouncilNames(level=CouncilLevel.WARD, area="phường"))
    commune = default_fields(CouncilNames(level=CouncilLevel.WARD, area="xã"))
    department = default_fields(CouncilNames(level=CouncilLevel.DEPARTMENT, area="Sở"))
    assert ward[6] == "Ủy quyền của Chủ tịch UBND phường cho Phó Chủ tịch, thủ trưởng cơ quan, đơn vị"
    assert commune[6] == "Ủy quyền của Chủ tịch UBND xã cho Phó Chủ tịch, thủ trưởng cơ quan, đơn vị"
    assert department[6] == "Ủy quyền của người đứng đầu cơ quan cho cấp phó, trưởng phòng, thủ trưởng đơn vị"
    for fields in (ward, commune, department):
        assert len(fields) == len(DEFAULT_FIELDS) and not any("quận" in f for f in fields)
        assert fields[:6] + fields[7:] == DEFAULT_FIELDS[:6] + DEFAULT_FIELDS[7:]
