"""Deadline tracking: where each participating unit stands in a campaign on a chosen day."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlite_utils import Database

from models.campaigns.campaigns import Participant, get_campaign, last_day_on_time, participants
from models.common.codes import TrackingState, label
from models.campaigns.initiatives import Initiative, list_initiatives
from models.campaigns.recognitions import recognitions_of_campaign

OVERDUE = {TrackingState.REGISTRATION_OVERDUE, TrackingState.NOT_REPORTED}


@dataclass(frozen=True)
class UnitStatus:
    participant: Participant
    state: TrackingState
    initiatives: tuple[Initiative, ...]
    days: int | None  # > 0 days left before the next deadline, < 0 days overdue, None: nothing due
    recognitions: tuple = ()  # the unit's initiatives' recognitions decided by the day (Recognition)

    @property
    def recognition_text(self) -> str:
        """"Cơ sở - 12/QĐ-HĐSK, 20/12/2018" for each recognition (the tracking table's cell)."""
        return "; ".join(r.short_text for r in self.recognitions)

    @property
    def initiative(self) -> Initiative | None:
        return self.initiatives[0] if self.initiatives else None

    @property
    def state_label(self) -> str:
        return label(self.state)

    @property
    def days_text(self) -> str:
        if self.days is None:
            return ""
        if self.days < 0:
            return f"Quá hạn {-self.days} ngày"
        if self.days == 0:
            return "Hết hạn hôm nay"
        return f"Còn {self.days} ngày"


def state_of(initiative: Initiative | None, registration_deadline: dt.date, report_deadline: dt.date,
             as_of: dt.date, day_counts: bool = True) -> tuple[TrackingState, int | None]:
    """The state and the days left (or overdue) of one unit on ``as_of``.

    On time means on or before the last day on time: the deadline day itself when ``day_counts``
    ("chậm nhất ngày X"), the day before otherwise ("trước ngày X"). Registrations and reports dated
    after ``as_of`` had not happened yet on that day.
    """
    registration_due = last_day_on_time(registration_deadline, day_counts)
    report_due = last_day_on_time(report_deadline, day_counts)
    if initiative is None or initiative.registered_on > as_of:
        if as_of <= registration_due:
            return TrackingState.NOT_REGISTERED, (registration_due - as_of).days
        return TrackingState.REGISTRATION_OVERDUE, -(as_of - registration_due).days
    reported = initiative.reported_on is not None and initiative.reported_on <= as_of
    if initiative.assessment is not None and reported:
        return TrackingState.ASSESSED, None
    if reported:
        if initiative.reported_on <= report_due:
            return TrackingState.REPORTED_ON_TIME, None
        return TrackingState.REPORTED_LATE, None
    if as_of > report_due:
        return TrackingState.NOT_REPORTED, -(as_of - report_due).days
    days_left = (report_due - as_of).days
    if initiative.registered_on <= registration_due:
        return TrackingState.REGISTERED_ON_TIME, days_left
    return TrackingState.REGISTERED_LATE, days_left


def registered_late(initiative: Initiative, registration_deadline: dt.date, day_counts: bool = True) -> bool:
    return initiative.registered_on > last_day_on_time(registration_deadline, day_counts)


def campaign_status(db: Database, campaign_id: int, as_of: dt.date) -> list[UnitStatus]:
    """Every participating unit with its state on ``as_of``, by unit code. A unit that joined
    after the start is left out on days before it joined."""
    by_unit: dict[int, list[Initiative]] = {}
    for i in list_initiatives(db, campaign_id):
        if i.registered_on <= as_of:  # not registered yet on that day
            by_unit.setdefault(i.unit_id, []).append(i)
    result = []
    start = get_campaign(db, campaign_id).start_date
    recognised = recognitions_of_campaign(db, campaign_id)
    for p in participants(db, campaign_id):
        if p.joined_on > as_of and p.joined_on > start:  # a late joiner, not taking part yet
            continue
        # With several initiatives per unit, the unit's state is that of its earliest registration.
        mine = tuple(sorted(by_unit.get(p.unit_id, ()), key=lambda i: (i.registered_on, i.id)))
        state, days = state_of(mine[0] if mine else None, p.registration_deadline, p.report_deadline, as_of,
                               p.deadline_day_counts)
        known = tuple(r for i in mine for r in recognised.get(i.id, ())
                      if r.decision_date is None or r.decision_date <= as_of)
        result.append(UnitStatus(p, state, mine, days, known))
    return result


def state_counts(statuses: list[UnitStatus]) -> dict[TrackingState, int]:
    counts = Counter(s.state for s in statuses)
    return {state: counts.get(state, 0) for state in TrackingState}
