"""Deadline tracking: each participating unit's state on a chosen day, at every edge of a deadline."""
import datetime as dt
from dataclasses import replace

import pytest

from models.campaigns.campaigns import Campaign, add_participant, save_campaign
from models.common.codes import Assessment, InitiativeKind, TrackingState, UnitKind
from models.campaigns.initiatives import Initiative, save_initiative
from models.campaigns.tracking import OVERDUE, UnitStatus, campaign_status, registered_late, state_counts, state_of
from models.people.units import Unit, save_unit, set_unit_active

S = TrackingState
REG = dt.date(2018, 11, 3)
REP = dt.date(2019, 1, 27)
DAY = dt.timedelta(days=1)


def _i(registered_on, reported_on=None, assessment=None):
    return Initiative(campaign_id=1, unit_id=1, title="Dân vận khéo", kind=InitiativeKind.MO_HINH,
                      registered_on=registered_on, reported_on=reported_on, assessment=assessment)


def _days_text(days):
    # UnitStatus needs a participant only for display; days_text depends on days alone.
    return UnitStatus(participant=None, state=S.NOT_REGISTERED, initiatives=(), days=days).days_text


# --- state_of: registration ----------------------------------------------------------------


def test_not_registered_before_the_deadline_counts_the_days_left():
    assert state_of(None, REG, REP, dt.date(2018, 11, 1)) == (S.NOT_REGISTERED, 2)
    assert _days_text(2) == "Còn 2 ngày"


def test_not_registered_on_the_deadline_day_is_still_not_overdue():
    assert state_of(None, REG, REP, REG) == (S.NOT_REGISTERED, 0)
    assert _days_text(0) == "Hết hạn hôm nay"


def test_not_registered_the_day_after_the_deadline_is_overdue_by_one_day():
    assert state_of(None, REG, REP, REG + DAY) == (S.REGISTRATION_OVERDUE, -1)
    assert _days_text(-1) == "Quá hạn 1 ngày"


def test_not_registered_long_after_the_deadline_counts_the_days_overdue():
    assert state_of(None, REG, REP, dt.date(2019, 3, 1)) == (S.REGISTRATION_OVERDUE, -118)
    assert _days_text(-118) == "Quá hạn 118 ngày"
    assert _days_text(None) == ""


def test_registered_exactly_on_the_deadline_day_is_on_time():
    as_of = dt.date(2018, 12, 1)
    assert state_of(_i(REG), REG, REP, as_of) == (S.REGISTERED_ON_TIME, (REP - as_of).days)
    assert not registered_late(_i(REG), REG)


def test_registered_one_day_after_the_deadline_is_late():
    as_of = dt.date(2018, 12, 1)
    assert state_of(_i(REG + DAY), REG, REP, as_of) == (S.REGISTERED_LATE, (REP - as_of).days)
    assert registered_late(_i(REG + DAY), REG)


def test_registered_on_time_counts_the_days_left_before_the_report_deadline():
    assert state_of(_i(dt.date(2018, 11, 2)), REG, REP, REP - 3 * DAY) == (S.REGISTERED_ON_TIME, 3)
    assert state_of(_i(dt.date(2018, 11, 2)), REG, REP, REP) == (S.REGISTERED_ON_TIME, 0)


def test_a_registration_dated_after_the_day_looked_at_had_not_happened_yet():
    late = _i(dt.date(2018, 11, 10))
    assert state_of(late, REG, REP, dt.date(2018, 11, 1)) == (S.NOT_REGISTERED, 2)
    assert state_of(late, REG, REP, dt.date(2018, 11, 9)) == (S.REGISTRATION_OVERDUE, -6)
    assert state_of(late, REG, REP, dt.date(2018, 11, 10)) == (S.REGISTERED_LATE, (REP - dt.date(2018, 11, 10)).days)


# --- state_of: report and assessment -------------------------------------------------------


def test_reported_on_the_report_deadline_is_on_time():
    assert state_of(_i(REG, REP), REG, REP, dt.date(2019, 3, 1)) == (S.REPORTED_ON_TIME, None)


def test_reported_one_day_after_the_report_deadline_is_late():
    assert state_of(_i(REG, REP + DAY), REG, REP, dt.date(2019, 3, 1)) == (S.REPORTED_LATE, None)


def test_registered_late_but_reported_on_time_is_reported_on_time():
    assert state_of(_i(REG + DAY, REP), REG, REP, dt.date(2019, 3, 1)) == (S.REPORTED_ON_TIME, None)


def test_no_report_after_the_report_deadline_is_not_reported_with_days_overdue():
    assert state_of(_i(REG), REG, REP, REP + DAY) == (S.NOT_REPORTED, -1)
    assert state_of(_i(REG), REG, REP, dt.date(2019, 3, 1)) == (S.NOT_REPORTED, -33)
    assert state_of(_i(REG + DAY), REG, REP, REP + 2 * DAY) == (S.NOT_REPORTED, -2)


def test_a_report_dated_after_the_day_looked_at_had_not_happened_yet():
    reported_late = _i(REG, dt.date(2019, 2, 10))
    assert state_of(reported_late, REG, REP, REP) == (S.REGISTERED_ON_TIME, 0)
    assert state_of(reported_late, REG, REP, dt.date(2019, 2, 9)) == (S.NOT_REPORTED, -13)
    assert state_of(reported_late, REG, REP, dt.date(2019, 2, 10)) == (S.REPORTED_LATE, None)


@pytest.mark.parametrize("assessment", list(Assessment))
def test_a_reported_and_assessed_initiative_is_assessed(assessment):
    assert state_of(_i(REG, REP + DAY, assessment), REG, REP, dt.date(2019, 3, 1)) == (S.ASSESSED, None)


def test_an_assessment_of_a_report_not_yet_made_on_the_day_looked_at_is_ignored():
    assessed = _i(REG, dt.date(2019, 1, 20), Assessment.HIEU_QUA)
    assert state_of(assessed, REG, REP, dt.date(2019, 1, 19)) == (S.REGISTERED_ON_TIME, 8)
    assert state_of(assessed, REG, REP, dt.date(2019, 1, 20)) == (S.ASSESSED, None)


def test_overdue_states_are_the_two_missed_deadlines():
    assert OVERDUE == {S.REGISTRATION_OVERDUE, S.NOT_REPORTED}


# --- campaign_status -----------------------------------------------------------------------


@pytest.fixture
def campaign(db):
    """Campaign (03/11/2018, 27/01/2019) with P01..P06 from the start; CU dissolved since."""
    units = {
        code: save_unit(db, Unit(code=code, name=f"Đơn vị {code}", kind=UnitKind.PHUONG))
        for code in ("P01", "P03", "P04", "P05", "P06", "CU")
    }
    c = save_campaign(db, Campaign(
        name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018, start_date=dt.date(2018, 11, 2),
        registration_deadline=REG, report_deadline=REP,
    ))
    set_unit_active(db, units["CU"].id, False)

    def register(code, registered_on, reported_on=None, assessment=None):
        save_initiative(db, Initiative(
            campaign_id=c.id, unit_id=units[code].id, title=f"Sáng kiến của {code}",
            kind=InitiativeKind.SANG_KIEN, registered_on=registered_on, reported_on=reported_on,
            assessment=assessment,
        ), dt.date(2019, 3, 1))

    register("P01", REG, REP)
    register("P03", REG + DAY, REP + DAY)
    register("P04", REG, dt.date(2019, 1, 10), Assessment.KHONG_HIEU_QUA)
    register("P05", dt.date(2018, 11, 2))
    register("CU", REG, REP)
    return db, c, units


def test_campaign_status_gives_every_participant_its_state_by_unit_code(campaign):
    db, c, units = campaign
    statuses = campaign_status(db, c.id, dt.date(2019, 3, 1))
    assert [(s.participant.unit_code, s.state, s.days) for s in statuses] == [
        ("CU", S.REPORTED_ON_TIME, None),
        ("P01", S.REPORTED_ON_TIME, None),
        ("P03", S.REPORTED_LATE, None),
        ("P04", S.ASSESSED, None),
        ("P05", S.NOT_REPORTED, -33),
        ("P06", S.REGISTRATION_OVERDUE, -118),
    ]
    by_code = {s.participant.unit_code: s for s in statuses}
    assert by_code["P04"].initiative.assessment == Assessment.KHONG_HIEU_QUA
    assert by_code["P06"].initiative is None and by_code["P06"].initiatives == ()
    assert by_code["P06"].state_label == "Chưa đăng ký (quá hạn)"
    assert by_code["P05"].days_text == "Quá hạn 33 ngày"


def test_a_deactivated_unit_that_participates_is_still_listed_with_its_state(campaign):
    db, c, units = campaign
    cu = next(s for s in campaign_status(db, c.id, dt.date(2019, 3, 1)) if s.participant.unit_code == "CU")
    assert cu.participant.unit_active is False
    assert cu.state == S.REPORTED_ON_TIME
    assert cu.initiative.title == "Sáng kiến của CU"


def test_campaign_status_on_an_earlier_day_ignores_what_came_later(campaign):
    db, c, units = campaign
    statuses = campaign_status(db, c.id, REG)
    assert [(s.participant.unit_code, s.state, s.days) for s in statuses] == [
        ("CU", S.REGISTERED_ON_TIME, (REP - REG).days),
        ("P01", S.REGISTERED_ON_TIME, (REP - REG).days),
        ("P03", S.NOT_REGISTERED, 0),
        ("P04", S.REGISTERED_ON_TIME, (REP - REG).days),
        ("P05", S.REGISTERED_ON_TIME, (REP - REG).days),
        ("P06", S.NOT_REGISTERED, 0),
    ]


def test_a_late_joiner_is_tracked_against_its_own_deadlines(campaign):
    db, c, units = campaign
    late = save_unit(db, Unit(code="P07", name="Đơn vị P07", kind=UnitKind.PHUONG))
    p = add_participant(db, c.id, late.id, dt.date(2018, 12, 1))
    assert (p.registration_deadline, p.report_deadline) == (dt.date(2018, 12, 2), dt.date(2019, 2, 25))

    def p07(as_of):
        return next(s for s in campaign_status(db, c.id, as_of) if s.participant.unit_code == "P07")

    # On 02/12/2018 the campaign's registration deadline is long past, but not P07's.
    assert (p07(dt.date(2018, 12, 2)).state, p07(dt.date(2018, 12, 2)).days) == (S.NOT_REGISTERED, 0)
    assert (p07(dt.date(2018, 12, 3)).state, p07(dt.date(2018, 12, 3)).days) == (S.REGISTRATION_OVERDUE, -1)

    save_initiative(db, Initiative(
        campaign_id=c.id, unit_id=late.id, title="Một cửa liên thông", kind=InitiativeKind.GIAI_PHAP,
        registered_on=dt.date(2018, 12, 2), reported_on=dt.date(2019, 2, 25),
    ), dt.date(2019, 3, 1))
    assert p07(dt.date(2019, 1, 28)).state == S.REGISTERED_ON_TIME  # the campaign's report deadline passed
    assert p07(dt.date(2019, 1, 28)).days == (dt.date(2019, 2, 25) - dt.date(2019, 1, 28)).days
    assert p07(dt.date(2019, 3, 1)).state == S.REPORTED_ON_TIME


def test_state_counts_cover_every_state_and_sum_to_the_participants(campaign):
    db, c, units = campaign
    statuses = campaign_status(db, c.id, dt.date(2019, 3, 1))
    counts = state_counts(statuses)
    assert list(counts) == list(TrackingState)
    assert sum(counts.values()) == len(statuses) == 6
    assert counts == {
        S.NOT_REGISTERED: 0, S.REGISTRATION_OVERDUE: 1, S.REGISTERED_ON_TIME: 0, S.REGISTERED_LATE: 0,
        S.NOT_REPORTED: 1, S.REPORTED_ON_TIME: 2, S.REPORTED_LATE: 1, S.ASSESSED: 1,
    }
    assert sum(state_counts([]).values()) == 0


def test_with_two_initiatives_a_unit_is_tracked_by_its_earliest_registration(db):
    unit = save_unit(db, Unit(code="P01", name="Đơn vị P01", kind=UnitKind.PHUONG))
    c = save_campaign(db, Campaign(
        name="Phong trào thi đua năm 2019", year=2018, start_date=dt.date(2018, 11, 2),
        registration_deadline=dt.date(2018, 11, 5), report_deadline=REP, max_per_unit=2,
    ))
    for title, day in (("Đăng ký sau", dt.date(2018, 11, 10)), ("Đăng ký trước", dt.date(2018, 11, 3))):
        save_initiative(db, Initiative(campaign_id=c.id, unit_id=unit.id, title=title,
                                       kind=InitiativeKind.MO_HINH, registered_on=day), dt.date(2019, 3, 1))
    as_of = dt.date(2018, 11, 7)
    (status,) = campaign_status(db, c.id, as_of)
    assert (status.state, status.days) == (S.REGISTERED_ON_TIME, (REP - as_of).days)


def test_a_late_joiner_is_not_tracked_before_the_day_it_joined(db):
    from models.campaigns.campaigns import Campaign, add_participant, save_campaign
    from models.common.codes import UnitKind
    from models.campaigns.tracking import campaign_status
    from models.people.units import Unit, save_unit

    a = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    b = save_unit(db, Unit(code="P03", name="Phường 3", kind=UnitKind.PHUONG))
    c = save_campaign(db, Campaign(name="Đợt 1", year=2018, start_date=dt.date(2018, 11, 2),
                                   registration_deadline=dt.date(2018, 11, 3),
                                   report_deadline=dt.date(2019, 1, 27)), unit_ids=[a.id])
    add_participant(db, c.id, b.id, dt.date(2018, 11, 15))
    codes = lambda day: [s.participant.unit_code for s in campaign_status(db, c.id, day)]  # noqa: E731
    assert codes(dt.date(2018, 11, 1)) == ["P01"]  # before the start: the original units
    assert codes(dt.date(2018, 11, 14)) == ["P01"]
    assert codes(dt.date(2018, 11, 15)) == ["P01", "P03"]


# --- "trước ngày X": the deadline day itself is late (issue 13) --------------------------------


@pytest.mark.parametrize("registered, state", [
    (REG - DAY, S.REGISTERED_ON_TIME),  # the day before: the last day on time
    (REG, S.REGISTERED_LATE),  # the deadline day itself
])
def test_before_the_day_registering_on_the_deadline_day_is_late(registered, state):
    as_of = dt.date(2018, 12, 1)
    assert state_of(_i(registered), REG, REP, as_of, day_counts=False)[0] == state
    assert registered_late(_i(registered), REG, day_counts=False) == (state == S.REGISTERED_LATE)
    assert state_of(_i(registered), REG, REP, as_of)[0] == S.REGISTERED_ON_TIME  # "chậm nhất ngày": on time


def test_before_the_day_the_last_day_is_the_day_before_and_the_deadline_day_is_overdue():
    assert state_of(None, REG, REP, REG - DAY, day_counts=False) == (S.NOT_REGISTERED, 0)  # "Hết hạn hôm nay"
    assert state_of(None, REG, REP, REG, day_counts=False) == (S.REGISTRATION_OVERDUE, -1)


@pytest.mark.parametrize("reported, state", [(REP - DAY, S.REPORTED_ON_TIME), (REP, S.REPORTED_LATE)])
def test_before_the_day_reporting_on_the_deadline_day_is_late(reported, state):
    assert state_of(_i(REG - DAY, reported), REG, REP, dt.date(2019, 3, 1), day_counts=False)[0] == state


def test_the_campaigns_wording_reaches_the_tracking(db):
    from models.campaigns.campaigns import get_campaign

    uid = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG)).id
    campaign = save_campaign(db, Campaign(name="Đợt", year=2018, start_date=dt.date(2018, 11, 2),
                                          registration_deadline=REG, report_deadline=REP, deadline_day_counts=False))
    assert get_campaign(db, campaign.id).deadline_day_counts is False
    assert db.execute("SELECT deadline_day_counts FROM campaign").fetchone() == (0,)
    assert campaign.deadlines_text == ("Hạn đăng ký: trước ngày 03/11/2018  ·  "
                                       "Hạn báo cáo kết quả: trước ngày 27/01/2019")
    save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=uid, title="Một cửa", kind=InitiativeKind.MO_HINH,
                                   registered_on=REG), dt.date(2019, 3, 1))
    (status,) = campaign_status(db, campaign.id, dt.date(2018, 12, 1))
    assert status.state == S.REGISTERED_LATE
    saved = save_campaign(db, replace(campaign, deadline_day_counts=True))
    assert saved.deadlines_text.startswith("Hạn đăng ký: chậm nhất ngày 03/11/2018")
    (status,) = campaign_status(db, campaign.id, dt.date(2018, 12, 1))
    assert status.state == S.REGISTERED_ON_TIME
