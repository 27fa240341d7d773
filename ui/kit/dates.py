"""Reading the dates typed in a form, and a date error as the sentence shown beside its field."""
from __future__ import annotations

from models.common.dates import DateError


def date_error_text(error: DateError) -> str:
    """A date error as a sentence beside its field (capitalised, as the staff dialog shows it)."""
    text = str(error)
    return text[:1].upper() + text[1:]


def read_dates(form, names) -> tuple[dict, dict[str, str]]:
    """The dates typed in the form's DateEdit fields ``names``, and a message for each unreadable one."""
    values, errors = {}, {}
    for name in names:
        try:
            values[name] = form.fields[name].date()
        except DateError as e:
            values[name] = None
            errors[name] = date_error_text(e)
    return values, errors
