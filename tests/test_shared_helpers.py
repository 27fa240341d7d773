"""Helpers written once and shared (issue #7 review): one money formatter for the lists, reports,
screens and imports, one way to pause the garbage collector's passes while a year's titles and rows
are built. (The migrations once shared an SQL "IN (...)" helper reading the live enums; they now
write their value lists literally, see tests/models/test_db.py.)"""
import gc

from models.store import schema, schema_titles
from models.common import text
from models.yearend import title_lists, titles
from models.exchange import xlsx
from reports import award_list
from ui.quarters import quarter_review_tables
from ui.yearend import list_panel, titles_data


def test_one_money_formatter():
    assert text.money(1_390_000) == "1.390.000" and text.money(0) == "0" and text.money(172_620_000) == "172.620.000"
    assert title_lists.money is award_list.money is titles_data.money is xlsx._number is text.money
    assert quarter_review_tables.amount_text(1_390_000) == "1.390.000 đ"
    assert quarter_review_tables.amount_text(None) == ""


def test_the_migrations_no_longer_build_value_lists_from_the_enums():
    assert not hasattr(schema, "_in") and not hasattr(schema_titles, "_in")


def test_one_helper_pauses_the_collector_for_the_titles_and_their_screen():
    assert list_panel.without_gc_passes is titles.without_gc_passes
    assert not hasattr(titles_data, "without_gc_passes")
    assert gc.isenabled()
    with titles.without_gc_passes():
        assert not gc.isenabled()
    assert gc.isenabled()
