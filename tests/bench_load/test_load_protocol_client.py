"""The load test's protocol client (bench/streamlit_client.py, bench/load_test.py --client protocol).

Against real `streamlit run` servers: the dashboard on the small demo database (every page
visited by two sessions, no failure), and a tiny app whose pages fail on purpose (an
uncaught error, st.exception, a page that does not exist), rerun themselves, or send an
element big enough to be cached. The message parser is also fed synthetic ForwardMsgs.
"""
from __future__ import annotations

import asyncio
import json
import textwrap

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import load_test
from bench.streamlit_client import MessageCache, PageRun, RunReader, StreamlitSession
from tests.browser.server import serve

# one worker under `pytest -n 2 --dist loadgroup`, so the tiny app's server starts once
pytestmark = pytest.mark.xdist_group("bench_load")


# ---------------------------------------------------------------- the dashboard, two sessions

def test_two_protocol_sessions_visit_every_dashboard_page_without_failure(demo_db, tmp_path):
    out = tmp_path / "load.json"
    status = load_test.main(["--db", str(demo_db), "--client", "protocol", "--sessions", "2",
                             "--rounds", "1", "--timeout", "120", "--out", str(out),
                             "--log", str(tmp_path / "server.log")])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["failure_samples"] == [] and result["warm_failures"] == []
    assert status == 0
    assert result["client"] == "protocol"
    # each session saw every page once, each run ended in script_finished(success) with
    # the page's chart / table / title among its elements
    assert {name: row["n"] for name, row in result["pages"].items()} == {name: 2 for name in load_test.PAGES}
    assert result["overall"]["n"] == 16 and result["failures"] == 0
    assert result["server_rss_peak_mb"] > 50
    assert result["overall"]["server_cpu_s"] > 0


# ---------------------------------------------------------------- a tiny app that fails on purpose

APP = textwrap.dedent('''
    import streamlit as st

    def home():
        st.title("Home")
        st.markdown("x" * 20_000)          # above global.minCachedMessageSize: cacheable

    def boom():
        st.title("Boom")
        if st.query_params.get("fail") == "1":
            raise ValueError("planted failure")

    def shown():
        st.exception(RuntimeError("shown on purpose"))

    def again():
        st.title("Again")
        if not st.session_state.get("again_done"):
            st.session_state["again_done"] = True
            st.rerun()

    def alert():
        st.error("a project error shown as a message")

    st.navigation([st.Page(home, title="Home", url_path="home", default=True),
                   st.Page(boom, title="Boom", url_path="boom"),
                   st.Page(shown, title="Shown", url_path="shown"),
                   st.Page(again, title="Again", url_path="again"),
                   st.Page(alert, title="Alert", url_path="alert")]).run()
''')


@pytest.fixture(scope="module")
def tiny_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_app")
    app = folder / "app.py"
    app.write_text(APP, encoding="utf-8")
    with serve(app, cwd=folder, log=folder / "streamlit.log") as url:
        yield url


def visit(url: str, visits: list[tuple[str, str]]) -> tuple[list[PageRun], dict]:
    async def go():
        async with StreamlitSession(url) as session:
            runs = [await session.open(page, query, timeout=60) for page, query in visits]
            return runs, dict(session.page_hashes)
    return asyncio.run(go())


def test_errors_are_detected_and_query_strings_reach_the_page(tiny_app):
    runs, hashes = visit(tiny_app, [("boom", ""), ("boom", "fail=1"), ("shown", ""), ("nowhere", ""),
                                    ("", ""), ("alert", "")])
    fine, failed, shown, missing, home, alert = runs
    assert fine.ok and fine.status == "success" and fine.elements.get("heading") == 1
    # the query string is what makes this one raise: an uncaught error is an exception element
    assert not failed.ok and failed.status == "success"
    assert any("ValueError" in e and "planted failure" in e for e in failed.errors)
    assert not shown.ok and any("RuntimeError" in e for e in shown.errors)
    assert not missing.ok and "page not found" in missing.problem()
    assert home.ok
    # st.error is reported, not a failure
    assert alert.ok and alert.alerts == ["a project error shown as a message"]
    # the first run learned every page's hash from the `navigation` message
    assert set(hashes) == {"", "boom", "shown", "again", "alert"}


def test_a_page_that_reruns_itself_is_one_visit(tiny_app):
    (run,) = visit(tiny_app, [("again", "")])[0]
    assert run.ok and run.runs == 2 and run.elements.get("heading") == 1


def test_the_message_cache_is_kept_as_the_frontend_keeps_it(tiny_app):
    first, second = visit(tiny_app, [("", ""), ("", "")])[0]
    assert first.ok and second.ok and first.refs == 0
    # the big markdown was remembered, its hash sent back, and the server sent a reference
    assert second.refs >= 1 and second.bytes < first.bytes - 15_000
    assert second.elements == first.elements


# ---------------------------------------------------------------- the parser on synthetic messages

def exception_msg(message: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.exception.type = "KeyError"
    msg.delta.new_element.exception.message = message
    return msg


def finished(status=ForwardMsg.FINISHED_SUCCESSFULLY) -> ForwardMsg:
    msg = ForwardMsg()
    msg.script_finished = status
    return msg


def test_parser_counts_exceptions_statuses_and_cache_references():
    cache, hashes = MessageCache(), {}
    reader = RunReader(cache, hashes)
    run = PageRun("scorecard")
    big = exception_msg("'supplier_id'")
    big.hash, big.metadata.cacheable = "h1", True
    assert reader.feed(big, run) is False
    assert reader.feed(finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN), run) is False   # a rerun follows
    assert reader.feed(finished(), run) is True
    assert run.status == "success" and not run.ok and run.errors == ["exception KeyError: 'supplier_id'"]
    assert cache.hashes() == ["h1"]

    # the same exception sent as a reference to the cached message still fails the page
    again = PageRun("scorecard")
    ref = ForwardMsg()
    ref.ref_hash = "h1"
    reader.feed(ref, again)
    reader.feed(finished(), again)
    assert again.refs == 1 and again.errors == ["exception KeyError: 'supplier_id'"]

    # a reference to nothing cached, and a script that did not compile
    broken = PageRun("overview")
    ref.ref_hash = "unknown"
    reader.feed(ref, broken)
    reader.feed(finished(ForwardMsg.FINISHED_WITH_COMPILE_ERROR), broken)
    assert broken.status == "compile_error" and "cache miss" in broken.errors[0]
    assert broken.problem().startswith("compile_error")


def test_cached_messages_expire_after_max_age_runs_unused():
    cache = MessageCache()
    cache.max_age = 2
    msg = exception_msg("x")
    msg.hash, msg.metadata.cacheable = "h", True
    cache.remember(msg, ((), (), ()))
    cache.run_finished()
    cache.run_finished()
    assert cache.resolve("h") is not None          # age 2: kept, and now used again
    for _ in range(3):
        cache.run_finished()
    assert cache.hashes() == []


def test_a_finished_page_without_its_chart_fails():
    run = PageRun("scorecard", status="success", elements={"heading": 1, "alert": 1})
    assert load_test.run_problem(run, load_test.CHART) == "no plotly_chart element on the page"
    run.elements["plotly_chart"] = 3
    assert load_test.run_problem(run, load_test.CHART) == ""


def test_navigation_messages_match_the_frontend():
    from bench.streamlit_client import StreamlitSession as S
    session = S("http://127.0.0.1:9/")
    load = session.rerun_msg("scorecard", "supplier=X")
    assert load.rerun_script.page_name == "scorecard" and load.rerun_script.page_script_hash == ""
    assert load.rerun_script.query_string == "supplier=X"
    assert load.rerun_script.context_info.url == "http://127.0.0.1:9/scorecard?supplier=X"
    session.page_hashes["scorecard"] = "abc"
    click = session.rerun_msg("scorecard", "supplier=Y")
    assert click.rerun_script.page_script_hash == "abc" and click.rerun_script.page_name == ""
    assert load_test.split_target("/scorecard?supplier=X") == ("scorecard", "supplier=X")
    assert load_test.split_target("/") == ("", "")
