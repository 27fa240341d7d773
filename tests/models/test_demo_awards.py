"""The sample award generator (models.demo.awards) serves both samples; the 2018 sample's register and
yearly ratings stay exactly what they were before the generator took plans."""
import hashlib

from models.demo.awards import DISTRICT_2018
from tests.models.demo_data import demo  # noqa: F401  (fixture)

AWARD_COLUMNS = ("id, staff_id, unit_id, year, kind, form, form_folded, level, authority, decision_number, "
                 "decision_date, reason, amount, approval_id")
# Computed on main at 8a17560 (the generator before AwardPlan) with the same queries: the 2018 sample's
# award rows and yearly ratings, in id / (staff, year) order.
DIGEST_2018 = "d31ad3b785c21ca9e39458b521e8175fab9b4d8e826a429c1f915a31ae13210c"


def _digest(db) -> str:
    found = hashlib.sha256()
    for sql in (f"SELECT {AWARD_COLUMNS} FROM award ORDER BY id",
                "SELECT staff_id, year, level, note FROM yearly_rating ORDER BY staff_id, year"):
        for row in db.execute(sql):
            found.update(repr(row).encode())
    return found.hexdigest()


def test_the_2018_sample_keeps_its_awards_and_ratings_row_for_row(demo):  # noqa: F811
    assert DISTRICT_2018.years == (2014, 2015, 2016, 2017) and DISTRICT_2018.seed == 17
    assert demo.execute("SELECT count(*) FROM award").fetchone() == (2267,)
    assert demo.execute("SELECT count(*) FROM yearly_rating").fetchone() == (1976,)
    assert _digest(demo) == DIGEST_2018


def test_the_2018_bonuses_follow_the_base_salary_of_the_decision_day(demo):  # noqa: F811
    # Decided in January of the next year: 1.150.000 đ (Nghị định 66/2013) for 2014-2015, 1.210.000 đ
    # (Nghị định 47/2016, from 01/05/2016) for 2016, 1.300.000 đ (Nghị định 47/2017) for 2017; 0,3 times,
    # rounded up to 10.000 đ.
    amounts = dict(demo.execute("SELECT year, group_concat(DISTINCT amount) FROM award WHERE kind = 'ldtt' "
                                "GROUP BY year").fetchall())
    assert amounts == {2014: "350000", 2015: "350000", 2016: "370000", 2017: "390000"}
