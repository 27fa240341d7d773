"""Putting back what the campaign screen changed (Ctrl+Z), through the domain's own functions.

Each restore is one transaction: it all lands or none of it does. These belong in
``models/snapshots.py`` once the domain offers them; until then they live here, Qt-free.
"""
from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from models.campaigns.campaigns import (
    Campaign,
    Participant,
    add_participant,
    save_campaign,
    set_own_deadlines,
)


def restore_participant(db: Database, campaign_id: int, p: Participant) -> None:
    """Put a unit taken out of a campaign back, with its join date and its own deadlines."""
    with db.atomic():
        add_participant(db, campaign_id, p.unit_id, p.joined_on)
        set_own_deadlines(db, campaign_id, p.unit_id,
                          p.registration_deadline if p.own_deadlines else None,
                          p.report_deadline if p.own_deadlines else None)


def restore_campaign(db: Database, campaign: Campaign, taking_part: list[Participant]) -> Campaign:
    """Re-create a deleted campaign (it had no initiatives) with its participants as they were."""
    with db.atomic():
        first = [p.unit_id for p in taking_part if p.joined_on <= campaign.start_date]
        saved = save_campaign(db, replace(campaign, id=None), first)
        for p in taking_part:
            if p.unit_id not in first:
                add_participant(db, saved.id, p.unit_id, p.joined_on)
            if p.own_deadlines:
                set_own_deadlines(db, saved.id, p.unit_id, p.registration_deadline, p.report_deadline)
    return saved
