"""The parse macros' fast paths (plain ISO dates, true/false, canonical enumeration values)
give exactly what the general rules give, for any text."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.ingest import contract, validate


@pytest.fixture(scope="module")
def con(macro_con):
    return macro_con


DATE_LIKE = st.one_of(
    st.dates().map(str),
    st.from_regex(r"[0-9 T+\-:/.]{8,12}", fullmatch=True),
    st.builds(lambda y, m, d, sep: f"{y}{sep}{m}{sep}{d}", st.integers(-100, 30000).map(str),
              st.integers(0, 13).map(lambda m: f"{m:02d}"), st.integers(0, 32).map(lambda d: f"{d:02d}"),
              st.sampled_from(["-", "/", " ", "T"])),
    st.text(max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(DATE_LIKE)
def test_the_date_fast_path_equals_the_general_rule(con, text):
    fast, general = con.execute("SELECT abasto_date($v), abasto_date_general($v)", {"v": text}).fetchone()
    assert fast == general


@pytest.mark.parametrize("text", ["2025-03-01", "1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01",
                                  "2025-02-29", "2024-02-29", "2025-13-01", "2025-03-1 ", " 2025-03-1",
                                  "2025-03-0T", "2025 03 01", "0025-03-01"])
def test_the_date_fast_path_at_its_edges(con, text):
    fast, general = con.execute("SELECT abasto_date($v), abasto_date_general($v)", {"v": text}).fetchone()
    assert fast == general


def test_true_and_false_read_as_before(con):
    assert con.execute("SELECT abasto_bool('true'), abasto_bool('false'), abasto_bool('False '), "
                       "abasto_bool('sí')").fetchone() == (True, False, False, True)


@pytest.mark.parametrize("enum", list(contract.ENUMS))
def test_canonical_enumeration_values_read_as_their_spelling_key_says(con, enum):
    params = {}
    col = contract.Column("x", contract.ENUM, enum=enum)
    expr = validate._enum_lookup(col, params).replace('s."x"', "$v")
    rows = [r for r in contract.enum_rows() if r[0] == enum]
    for text in [*contract.ENUMS[enum], *[r[1] for r in rows], "OPEN_TENDER", "nada"]:
        used = {k: v for k, v in params.items() if f"${k}" in expr}
        fast = con.execute(f"SELECT {expr}", {**used, "v": text}).fetchone()[0]
        general = con.execute("SELECT abasto_lookup($k, $vals, abasto_key($v))",
                              {"k": [r[1] for r in rows], "vals": [r[2] for r in rows], "v": text}).fetchone()[0]
        assert fast == general, text
