"""The council's names (settings) as the parts of an official document every report prints:
the two-column header, the signer and the "Nơi nhận" list."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from models.store.settings import CouncilNames

from reports.document import DocumentHeader, Signature


class DocumentParts(NamedTuple):
    header: DocumentHeader
    signature: Signature
    recipients: list[str]


def council_parts(council: CouncilNames, number: str = "", number_suffix: str = "DS-HĐTĐKT",
                  date: dt.date | None = None) -> DocumentParts:
    """Header, signature and recipients from ``council``; ``number`` and ``date`` blank (to be
    filled in by hand) unless given."""
    return DocumentParts(
        DocumentHeader(parent_body=council.parent_body, issuing_body=council.issuing_body, number=number,
                       number_suffix=number_suffix, place=council.place, date=date),
        Signature(authority=council.signer_authority, title=council.signer_title, name=council.signer_name),
        list(council.recipients),
    )
