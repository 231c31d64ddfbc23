"""HHI, single source and the at-risk list against hand-computed values."""
import pandas as pd

from metrics import store
from metrics.scope import Scope
from metrics.settings import load_settings
from metrics.shortages import concentration, risk

from .conftest import assert_frame_matches, expected

AS_OF = Scope.make(as_of="2025-03-31")


def test_hhi_hand_computed(case_db):
    with store.connect_read(case_db("concentration")) as con:
        got = concentration(con, AS_OF)
    assert_frame_matches(got, expected("concentration", "concentration"))
    assert "D" not in set(got["item_code"])


def test_risk_uses_the_scorecard_tiers_and_trends(case_db, monkeypatch):
    import metrics.scorecard
    tiers = pd.DataFrame({"supplier_id": ["S1", "S2", "S3"], "tier": ["A", "D", "C"],
                          "score": [90.0, 40.0, 60.0], "trend": ["declining", "stable", None],
                          "trend_slope": [-2.0, 0.1, None]})
    monkeypatch.setattr(metrics.scorecard, "scorecard", lambda con, scope=None, **kw: tiers)
    with store.connect_read(case_db("concentration")) as con:
        got = risk(con, AS_OF)
        # a higher dominant share drops the dominant-but-not-single pair
        strict = risk(con, AS_OF, settings=load_settings(dominant_share=0.7))
    assert_frame_matches(got, expected("concentration", "risk"))
    assert set(strict["item_code"]) == {"B", "C"}


def test_risk_with_the_real_scorecard(case_db):
    """Every returned pair is single/dominant and weak or declining in the real scorecard."""
    from metrics.scorecard import scorecard
    settings = load_settings(min_lines=1)
    with store.connect_read(case_db("concentration")) as con:
        got = risk(con, AS_OF, settings=settings)
        card = scorecard(con, AS_OF, settings=settings).set_index("supplier_id")
    for row in got.itertuples():
        assert row.single_source or row.share > settings.dominant_share
        assert card.loc[row.supplier_id, "tier"] in ("C", "D") or card.loc[row.supplier_id, "trend"] == "declining"


def test_risk_with_a_given_scorecard_uses_it(case_db, monkeypatch):
    """risk(..., card=) takes the tiers and trends from the card given (what the dashboard
    has cached) and computes no scorecard of its own: the hand-computed at-risk list."""
    import metrics.scorecard
    card = pd.DataFrame({"supplier_id": ["S1", "S2", "S3"], "tier": ["A", "D", "C"],
                         "score": [90.0, 40.0, 60.0], "trend": ["declining", "stable", None],
                         "trend_slope": [-2.0, 0.1, None]})

    def no_scorecard(*args, **kwargs):
        raise AssertionError("the given card must be used")
    monkeypatch.setattr(metrics.scorecard, "scorecard", no_scorecard)
    with store.connect_read(case_db("concentration")) as con:
        got = risk(con, AS_OF, card=card)
    assert_frame_matches(got, expected("concentration", "risk"))


def test_risk_on_the_demo_with_a_given_scorecard(demo_db):
    from metrics.scorecard import scorecard
    with store.connect_read(demo_db) as con:
        institution = con.execute("SELECT institution_id FROM contracts GROUP BY 1 "
                                  "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
        for sc in (Scope(), Scope(institution=(institution,))):
            own = risk(con, sc)
            given = risk(con, sc, card=scorecard(con, sc))
            assert len(own) > 0
            pd.testing.assert_frame_equal(given, own)


def test_risk_refuses_another_scopes_scorecard(case_db):
    import pytest

    from metrics.scorecard import scorecard
    settings = load_settings(min_lines=1)
    with store.connect_read(case_db("concentration")) as con:
        other_day = scorecard(con, Scope.make(as_of="2025-02-28"), settings=settings)
        by_month = scorecard(con, AS_OF, group_by=("month",), settings=settings)
        other_grace = scorecard(con, Scope.make(as_of="2025-03-31", grace_days=9), settings=settings)
        with pytest.raises(ValueError, match="as_of"):
            risk(con, AS_OF, settings=settings, card=other_day)
        with pytest.raises(ValueError, match="grouped by supplier|supplier_id"):
            risk(con, AS_OF, settings=settings, card=by_month)
        with pytest.raises(ValueError, match="grace_days"):
            risk(con, AS_OF, settings=settings, card=other_grace)
        with pytest.raises(ValueError, match="supplier_id and tier"):
            risk(con, AS_OF, settings=settings, card=pd.DataFrame({"supplier_id": ["S1"]}))
