"""The register of a campaign's initiatives, from the domain's RegisterData to PDF bytes."""
from __future__ import annotations

from models.registers import RegisterData

from .document import DocumentHeader, Signature
from .initiatives import InitiativeRegister, RegisterRow, render_initiative_register


def register_pdf(data: RegisterData) -> bytes:
    """The printed "Danh sách đăng ký mô hình, sáng kiến, giải pháp" of ``data``."""
    council = data.council
    return render_initiative_register(
        InitiativeRegister(
            campaign_name=data.campaign_name,
            year=data.year,
            header=DocumentHeader(
                parent_body=council.parent_body, issuing_body=council.issuing_body,
                place=council.place, date=None,
            ),
            signature=Signature(
                authority=council.signer_authority, title=council.signer_title, name=council.signer_name,
            ),
            recipients=list(council.recipients),
            rows=[
                RegisterRow(
                    unit_name=e.unit_name, title=e.title, kind=e.kind, field=e.field,
                    registered_on=e.registered_on, reported_on=e.reported_on, assessment=e.assessment,
                )
                for e in data.entries
            ],
            unregistered_units=list(data.unregistered_units),
            as_of=data.as_of,
        )
    )
