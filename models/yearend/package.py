"""The December meeting package: what the council proposes for a year (its titles) or a campaign (its
commendation and criticism lists), who decides each list, the meeting and its votes.

:func:`year_package` and :func:`campaign_package` gather a :class:`Package`; the documents (Tờ trình,
Biên bản, Quyết định, the attached lists, the certificates) are drawn from it by ``reports``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from models.common.codes import COLLECTIVE_TITLES, ListKind, TitleCode, label
from models.common.errors import DomainError
from models.store.settings import CouncilNames, council_names
from models.yearend.authority import (
    MINUTES_SYMBOL, PROPOSAL_SYMBOL, Authority, TakenNumber, authority, document_number, next_number, read_number, take_number,
    taken_number,
)
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
    numbers: dict[str, TakenNumber] = field(default_factory=dict)  # by symbol: the Tờ trình's, the minutes'

    @property
    def subject(self) -> str:
        """What the package is about: "danh hiệu thi đua năm 2018" or the campaign's name."""
        return self.campaign_name or f"danh hiệu thi đua năm {self.year}"

    @property
    def about(self) -> str:
        """What the council's book records its numbers for: "campaign:7" or "year:2025"."""
        return f"campaign:{self.campaign_id}" if self.campaign_id is not None else f"year:{self.year}"

    def number(self, symbol: str) -> TakenNumber | None:
        """The number taken in the council's book for this package's document of ``symbol``."""
        return self.numbers.get(symbol)


# The council's own documents of a package, each with its number series (sổ văn bản).
DOCUMENT_KINDS = {PROPOSAL_SYMBOL: "Tờ trình", MINUTES_SYMBOL: "Biên bản họp"}


def document_subject(package: Package, symbol: str) -> str:
    """How the book records the package's document of ``symbol``: "Tờ trình - danh hiệu thi đua năm 2025"."""
    return f"{DOCUMENT_KINDS[symbol]} - {package.subject}"


def _with_numbers(db: Database, package: Package) -> Package:
    found = {s: taken_number(db, s, document_subject(package, s), package.about) for s in DOCUMENT_KINDS}
    return replace(package, numbers={s: n for s, n in found.items() if n is not None})


def suggested_number(db: Database, package: Package, symbol: str, on: dt.date) -> str:
    """The number the package's document of ``symbol`` has ("08/TTr-HĐTĐKT"), or the next free one in
    the book of ``on``'s year."""
    taken = package.number(symbol)
    return taken.text if taken else document_number(next_number(db, symbol, on.year), symbol)


def take_package_numbers(db: Database, package: Package, typed: dict[str, str], on: dt.date) -> Package:
    """Enter the typed numbers ("8", "08/TTr-HĐTĐKT"; blank: none) of the package's documents not yet
    numbered into the council's books of ``on``'s year, dated ``on``, in one transaction (nothing
    written when one is wrong or already used); the package with its numbers."""
    wanted = {}
    for symbol, text in typed.items():
        if package.number(symbol) is None:
            try:
                number = read_number(text, symbol)
            except DomainError as e:
                raise DomainError(f"{DOCUMENT_KINDS[symbol]}: {e}") from None
            if number is not None:
                wanted[symbol] = number
    with db.atomic():
        for symbol, number in wanted.items():
            take_number(db, symbol, on.year, document_subject(package, symbol), on, number, package.about)
    return _with_numbers(db, package)


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
    return _with_numbers(db, Package(year, None, "", council_names(db), proposals, found, tuple(members(db)), as_of))


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
    return _with_numbers(db, Package(campaign.year, campaign_id, campaign_subtitle(campaign.name, campaign.year),
                                     council_names(db), proposals, found, tuple(members(db)), as_of))


def proposal_of(package: Package, award: str) -> Proposal:
    found = next((p for p in package.proposals if p.award == award), None)
    if found is None:
        raise DomainError(f"Không có danh sách “{award}” trong hồ sơ")
    return found


__all__ = ["DOCUMENT_KINDS", "Package", "Proposal", "campaign_package", "document_subject", "proposal_of",
           "suggested_number", "take_package_numbers", "year_package"]
