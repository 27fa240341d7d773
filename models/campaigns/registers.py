"""The data of a campaign's register of initiatives, as the printed list shows it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from models.campaigns.campaigns import get_campaign, participants
from models.common.codes import KIND_ORDER
from models.campaigns.initiatives import list_initiatives
from models.store.settings import CouncilNames, council_names
from models.common.text import sort_key



@dataclass(frozen=True)
class RegisterEntry:
    unit_name: str
    title: str
    kind: str  # Vietnamese labels from here on
    field: str
    registered_on: dt.date
    reported_on: dt.date | None
    assessment: str


@dataclass(frozen=True)
class RegisterData:
    campaign_name: str
    year: int
    as_of: dt.date
    entries: tuple[RegisterEntry, ...]
    unregistered_units: tuple[str, ...]  # active participants with nothing registered by as_of
    council: CouncilNames
    deadlines: str = ""  # "Hạn đăng ký: trước ngày 03/11/2018; hạn báo cáo kết quả: trước ngày 27/01/2019"


def initiative_register_data(db: Database, campaign_id: int, as_of: dt.date) -> RegisterData:
    """What was registered in the campaign up to ``as_of``: units by kind then name; reports and
    registrations dated after ``as_of`` are left out."""
    campaign = get_campaign(db, campaign_id)
    members = {p.unit_id: p for p in participants(db, campaign_id)}

    def order(unit_id: int):
        p = members[unit_id]
        return KIND_ORDER[p.unit_kind], sort_key(p.unit_name)

    registered = [i for i in list_initiatives(db, campaign_id) if i.registered_on <= as_of]
    registered.sort(key=lambda i: (order(i.unit_id), i.registered_on, i.id))
    entries = tuple(
        RegisterEntry(
            unit_name=i.unit_name, title=i.title, kind=i.kind_label, field=i.field,
            registered_on=i.registered_on,
            reported_on=i.reported_on if i.reported_on and i.reported_on <= as_of else None,
            assessment=i.assessment_label if i.reported_on and i.reported_on <= as_of else "",
        )
        for i in registered
    )
    done = {i.unit_id for i in registered}
    missing = sorted((u for u, p in members.items() if u not in done and p.unit_active), key=order)
    return RegisterData(
        campaign_name=campaign.name, year=campaign.year, as_of=as_of, entries=entries,
        unregistered_units=tuple(members[u].unit_name for u in missing), council=council_names(db),
        deadlines=campaign.deadlines_line,
    )
