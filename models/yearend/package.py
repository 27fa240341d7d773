"""The December meeting package: what the council proposes for a year (its titles) or a campaign (its
commendation and criticism lists), who decides each list, the meeting and its votes.

:func:`year_package` and :func:`campaign_package` gather a :class:`Package`; the documents (Tờ trình,
Biên bản, Quyết định, the attached lists, the certificates) are drawn from it by ``reports``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from models.common.codes import COLLECTIVE_TITLES, ListKind, TitleCode, label
from models.common.errors import DomainError
from models.store.settings import CouncilNames, council_names
from models.yearend.authority import Authority, authority
from models.yearend.lists import PrintableList
from models.yearend.meeting import Meeting, Member, Vote, meeting, meeting_key, members, threshold


@dataclass(frozen=True)
class Proposal:
    """One list the council proposes (or decides), with who decides it and the council's vote."""

    award: str  # a title code, "commendation" or "criticism"
    label: str  # "Lao động tiên tiến", "Danh sách nêu gương"
    printable: PrintableList
    authority: Authority
    threshold: float  # percent of the council's members in favour required
    vote: Vote | None

    @property
    def count(self) -> int:
        return len(self.printable.entries)

    @property
    def total(self) -> int:
        """The bonus total; none when the award is decided higher up."""
        return sum(e.amount for e in self.printable.entries) if self.authority.decides_here else 0

    @property
    def collective(self) -> bool:
        return self.award in {t.value for t in COLLECTIVE_TITLES} or not self.printable.individuals

    @property
    def who(self) -> str:
        """"cá nhân", "tập thể", or "tập thể, cá nhân" for a list of both."""
        if self.printable.collectives and self.printable.individuals:
            return "tập thể, cá nhân"
        return "tập thể" if self.printable.collectives or self.award in {t.value for t in COLLECTIVE_TITLES} \
            else "cá nhân"

    def passed(self, council_size: int) -> bool | None:
        """Whether the vote reaches the threshold (``None``: not voted yet)."""
        if self.vote is None:
            return None
        return self.vote.share(council_size) + 1e-9 >= self.threshold


@dataclass(frozen=True)
class Package:
    year: int
    campaign_id: int | None
    campaign_name: str
    council: CouncilNames
    proposals: tuple[Proposal, ...]
    meeting: Meeting
    members: tuple[Member, ...]
    as_of: dt.date

    @property
    def subject(self) -> str:
        """What the package is about: "danh hiệu thi đua năm 2018" or the campaign's name."""
        return self.campaign_name or f"danh hiệu thi đua năm {self.year}"


def _proposal(db: Database, year: int, award: str, text: str, printable: PrintableList, vote_of) -> Proposal:
    return Proposal(award, text, printable, authority(db, year, award), threshold(db, year, award), vote_of(award))


def year_package(db: Database, year: int, as_of: dt.date, title: TitleCode | None = None) -> Package:
    """The title lists of ``year`` (or only ``title``'s) as they print, with who decides each."""
    from models.yearend import title_lists

    title_lists.require_year_results(db, year)
    found = meeting(db, meeting_key(year=year))
    if title is None:
        lists = title_lists.year_printable_lists(db, year, as_of)
        titles = list(TitleCode)
    else:
        lists, titles = [title_lists.printable_list(db, year, title, as_of)], [TitleCode(title)]
    proposals = tuple(_proposal(db, year, t.value, label(t), p, found.votes.get) for t, p in zip(titles, lists))
    return Package(year, None, "", council_names(db), proposals, found, tuple(members(db)), as_of)


def campaign_package(db: Database, campaign_id: int, as_of: dt.date) -> Package:
    """A campaign's commendation and criticism lists as they print."""
    from models.campaigns.campaigns import campaign_subtitle, get_campaign
    from models.yearend import review

    campaign = get_campaign(db, campaign_id)
    found = meeting(db, meeting_key(campaign_id=campaign_id))
    proposals = tuple(
        _proposal(db, campaign.year, kind.value, label(kind), review.printable_list(db, campaign_id, kind, as_of),
                  found.votes.get)
        for kind in (ListKind.COMMENDATION, ListKind.CRITICISM))
    return Package(campaign.year, campaign_id, campaign_subtitle(campaign.name, campaign.year), council_names(db),
                   proposals, found, tuple(members(db)), as_of)


def proposal_of(package: Package, award: str) -> Proposal:
    found = next((p for p in package.proposals if p.award == award), None)
    if found is None:
        raise DomainError(f"Không có danh sách “{award}” trong hồ sơ")
    return found


__all__ = ["Package", "Proposal", "campaign_package", "proposal_of", "year_package"]
