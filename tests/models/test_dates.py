"""Reading dates as users type them and as Excel stores them; showing them as dd/mm/yyyy."""
import datetime as dt

import pytest

from models.common.dates import DateError, format_date, iso, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("05/03/2018", dt.date(2018, 3, 5)),
        ("5/3/2018", dt.date(2018, 3, 5)),
        ("05-03-2018", dt.date(2018, 3, 5)),
        ("05.03.2018", dt.date(2018, 3, 5)),
        ("2018-03-05", dt.date(2018, 3, 5)),
        ("2018-3-5", dt.date(2018, 3, 5)),
        ("05032018", dt.date(2018, 3, 5)),
        ("  31/12/1999 ", dt.date(1999, 12, 31)),
        ("29/02/2016", dt.date(2016, 2, 29)),
    ],
)
def test_parse_date_reads_the_formats_users_type(text, expected):
    assert parse_date(text) == expected


def test_parse_date_reads_day_before_month():
    # 03/05 is the 3rd of May, never March 5th.
    assert parse_date("03/05/2018") == dt.date(2018, 5, 3)


def test_parse_date_accepts_date_and_datetime_objects():
    assert parse_date(dt.date(2018, 11, 2)) == dt.date(2018, 11, 2)
    result = parse_date(dt.datetime(2018, 11, 2, 14, 30))
    assert result == dt.date(2018, 11, 2)
    assert type(result) is dt.date


@pytest.mark.parametrize("empty", [None, "", "   ", "\t"])
def test_parse_date_gives_none_for_an_empty_value(empty):
    assert parse_date(empty) is None


@pytest.mark.parametrize(
    "value, message",
    [
        # a day that does not exist
        ("31/02/2018", "ngày 31/02/2018 không tồn tại"),
        ("29/02/2018", "ngày 29/02/2018 không tồn tại"),
        ("1/13/2018", "ngày 01/13/2018 không tồn tại"),
        ("00/01/2018", "ngày 00/01/2018 không tồn tại"),
        ("2018-02-31", "ngày 31/02/2018 không tồn tại"),
        # text that is not a date
        ("abc", "“abc” không phải ngày dạng dd/mm/yyyy"),
        ("12/2018", "“12/2018” không phải ngày dạng dd/mm/yyyy"),
        ("05/03/18", "“05/03/18” không phải ngày dạng dd/mm/yyyy"),
        ("  ngày 5 tháng 3 ", "“ngày 5 tháng 3” không phải ngày dạng dd/mm/yyyy"),
        # numbers
        (43160, "“43160” là một số, không phải ngày (cần dạng dd/mm/yyyy)"),
        (43160.0, "“43160” là một số, không phải ngày (cần dạng dd/mm/yyyy)"),
        (2.5, "“2.5” là một số, không phải ngày (cần dạng dd/mm/yyyy)"),
    ],
)
def test_parse_date_refuses_a_missing_day_text_that_is_not_a_date_and_numbers(value, message):
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert str(caught.value) == message


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


def test_format_date_shows_day_month_year_padded():
    assert format_date(dt.date(2019, 1, 5)) == "05/01/2019"
    assert format_date(dt.date(2018, 11, 30)) == "30/11/2018"


def test_format_date_reads_iso_text_from_the_database():
    assert format_date("2018-02-03") == "03/02/2018"


def test_format_date_is_empty_for_no_date():
    assert format_date(None) == ""
    assert format_date("") == ""


def test_format_date_pads_the_year_to_four_digits():
    assert format_date(dt.date(900, 1, 1)) == "01/01/0900"


def test_impossible_year_zero_is_reported_as_typed():
    with pytest.raises(DateError) as caught:
        parse_date("01/01/0000")
    assert str(caught.value) == "ngày 01/01/0000 không tồn tại"


def test_format_date_and_parse_date_round_trip():
    day = dt.date(1975, 4, 30)
    assert parse_date(format_date(day)) == day


def test_iso_is_database_text():
    assert iso(dt.date(2018, 12, 1)) == "2018-12-01"
    assert iso(None) is None
