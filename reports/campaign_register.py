"""The register of a campaign's initiatives, from the domain's RegisterData to PDF bytes."""
from __future__ import annotations

from models.campaigns.registers import RegisterData

from reports.council import council_parts
from reports.initiatives import InitiativeRegister, RegisterRow, render_initiative_register


def register_pdf(data: RegisterData) -> bytes:
    """The printed "Danh sách đăng ký mô hình, sáng kiến, giải pháp" of ``data``."""
    header, signature, recipients = council_parts(data.council)
    return render_initiative_register(
        InitiativeRegister(
            campaign_name=data.campaign_name,
            year=data.year,
            header=header,
            signature=signature,
            recipients=recipients,
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
