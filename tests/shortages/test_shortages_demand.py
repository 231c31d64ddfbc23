"""Prescription fill rate and the procurement funnel; 'not loaded' instead of zeros."""
from metrics import store
from metrics.scope import Scope
from metrics.shortages import availability, funnel, prescriptions

from .conftest import assert_frame_matches, expected


def test_prescriptions_by_month_state_item(case_db):
    with store.connect_read(case_db("prescriptions")) as con:
        assert_frame_matches(prescriptions(con), expected("prescriptions", "by_month"))
        assert_frame_matches(prescriptions(con, by="state"), expected("prescriptions", "by_state"))
        assert_frame_matches(prescriptions(con, by=("item",)), expected("prescriptions", "by_item"))
        by_unit = prescriptions(con, by="unit")
        assert by_unit["unit_name"].tolist() == ["HGZ 1 Guadalajara", "HG Oaxaca"]


def test_prescriptions_follow_the_scope(case_db):
    with store.connect_read(case_db("prescriptions")) as con:
        issste = prescriptions(con, Scope.make(institution="ISSSTE"))
        window = prescriptions(con, Scope.make(date_from="2025-02-15", as_of="2025-02-28"))
        ignored = prescriptions(con, Scope.make(supplier="S1"))
    assert issste[["issued", "filled"]].values.tolist() == [[90, 60]]
    assert window["month"].dt.strftime("%Y-%m").tolist() == ["2025-02"]
    assert ignored.attrs["ignored_filters"] == ["supplier"] and ignored["issued"].sum() == 300


def test_funnel_by_procedure_and_institution(case_db):
    with store.connect_read(case_db("funnel")) as con:
        scope = Scope.make(as_of="2025-12-31")
        assert_frame_matches(funnel(con, scope), expected("funnel", "funnel"))
        assert_frame_matches(funnel(con, scope, by=()), expected("funnel", "funnel_total"))
        issste = funnel(con, Scope.make(as_of="2025-12-31", institution="ISSSTE"), by=())
    assert issste[["tendered", "contracted", "ordered"]].values.tolist() == [[3, 1, 1]]


def test_not_loaded_is_a_reason_never_zeros(case_db):
    with store.connect_read(case_db("short_flag")) as con:
        assert availability(con) == {"prescriptions": availability(con)["prescriptions"],
                                     "funnel": availability(con)["funnel"]}
        assert "not loaded" in availability(con)["prescriptions"]
        for frame in (prescriptions(con), funnel(con), funnel(con, by=())):
            assert frame.empty
            assert "not loaded" in frame.attrs["reason"]
            assert frame.attrs["reason_es"].startswith("No hay")


def test_loaded_but_empty_scope_says_so(case_db):
    with store.connect_read(case_db("prescriptions")) as con:
        got = prescriptions(con, Scope.make(item="Z"), by=())
    assert got.empty and "no rows in this scope" in got.attrs["reason"]


def test_funnel_follows_the_item_group_and_item_filters(case_db):
    with store.connect_read(case_db("funnel")) as con:
        supplies = funnel(con, Scope.make(as_of="2025-12-31", item_group="medical_supply"), by=())
        by_item = funnel(con, Scope.make(as_of="2025-12-31", item_group="medicine", item="D"),
                         by=("item",))
    # item C (the only medical supply): no bids at IMSS, rejected (technical) at ISSSTE
    assert supplies[["tendered", "awarded", "no_bids", "rejected"]].values.tolist() == [[2, 0, 1, 1]]
    assert by_item["item_code"].tolist() == ["D"] and by_item["tendered"].tolist() == [2]
    assert supplies.attrs["ignored_filters"] == []
