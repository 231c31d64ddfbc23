"""A date's problem says what is wrong: MM/DD only when the text is a real date read so."""
import pytest

from tests.ingest.test_ingest_rule_overlaps import _problems

NO_MONTH = "not a date: there is no month {} (dates are DD/MM/YYYY or YYYY-MM-DD)"
MM_DD = "not a date: looks like MM/DD/YYYY; dates must be DD/MM/YYYY or YYYY-MM-DD"


@pytest.mark.parametrize("text, problem", [
    ("13/13/2025", NO_MONTH.format(13)),       # no date either way
    ("02/30/2025", NO_MONTH.format(30)),       # 30 February read as MM/DD: no date either
    ("2025-13-01", NO_MONTH.format(13)),
    ("12/25/2025", MM_DD),
    ("7/14/2025", MM_DD),
    ("01/13/2025 10:00", MM_DD),
    ("31/02/2025", "not a date: no such day"),
])
def test_date_problem_text(macro_con, text, problem):
    assert macro_con.execute("SELECT abasto_date_problem($s)", {"s": text}).fetchall() == [(problem,)]


def test_thirteenth_month_row(base_copy, tmp_path):
    assert _problems(base_copy, tmp_path / "d", "deliveries", "delivered_date", "13/13/2025") == [
        ("deliveries.csv", 2, "delivered_date", "13/13/2025", NO_MONTH.format(13), "bad_date")]
