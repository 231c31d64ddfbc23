"""One Streamlit session over the server's websocket, without a browser.

Used by `bench/load_test.py --client protocol`. It speaks to `/_stcore/stream` as the
frontend bundled with Streamlit 1.67 does for one browser tab (read from
streamlit/static/static/js/index.*.js and the server side in
streamlit/web/server/starlette/starlette_websocket.py and runtime/app_session.py):

- Connect with subprotocols ["streamlit", <XSRF cookie or "PLACEHOLDER_AUTH_TOKEN">]; the
  server selects the first. It checks the XSRF token only when an Origin header is sent, and
  then only to read login cookies: with neither, the session is anonymous, which is what a
  dashboard in local mode (no `[auth]`) serves. No Origin is sent, no cookie, no ws pings
  (browsers send none; the client still answers the server's).
- Navigate with BackMsg.rerun_script(ClientState). The first run of a connection is a
  fresh page load: page_name = the URL path ("" for the default page), page_script_hash
  empty, and the server resolves the page by url_pathname. Every `navigation` ForwardMsg
  lists the pages (url_pathname -> page_script_hash); later runs navigate as a click in
  the app does: page_script_hash of the target, page_name empty, the link's query string.
  Query parameters travel only in ClientState.query_string ("supplier=X&lang=en").
  widget_states is empty (a fresh load's state: widgets take their defaults / URL values).
  context_info carries timezone, locale and URL as the frontend's does.
- Keep the forward-message cache the server relies on: a ForwardMsg with
  metadata.cacheable is remembered by its hash; every rerun sends the remembered hashes in
  cached_message_hashes, the server then sends a `ref_hash` message instead of the element,
  and entries not used for more than NewSession.config.max_cached_message_age finished
  runs are dropped (the frontend's ForwardMessageCache). Nothing else needs an answer
  (heartbeats are optional; no message id is acknowledged).
- A page run ends at `script_finished`; FINISHED_EARLY_FOR_RERUN (the app called
  st.rerun / st.switch_page) means another run follows, so reading goes on.

A run is an error when it times out, the socket closes, script_finished is not a success,
the page is not found, the script does not compile, login is demanded (auth_redirect), a
ref_hash names a message not cached, or any `exception` element is shown (st.exception
or an uncaught error; also when it arrives as a ref_hash to a cached one). Error alerts
(st.error, e.g. a project error shown as a message) are collected separately: they are
the app working as designed, and are reported, not counted as failures.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]      # what the frontend offers without a cookie
STREAM_PATH = "/_stcore/stream"
DEFAULT_MAX_CACHED_AGE = 2                                   # global.maxCachedMessageAge's default

STATUS = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "success",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_success",
}
SUCCESS = {"success", "fragment_success"}


Findings = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]   # (kinds, exceptions, error alerts)
NONE: Findings = ((), (), ())


@dataclass
class PageRun:
    """What one navigation produced."""
    page: str
    query: str = ""
    seconds: float | None = None          # rerun sent -> final script_finished; None if it never came
    status: str = "pending"               # success, compile_error, timeout, closed, ...
    errors: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)     # st.error bodies (reported, not failures)
    elements: dict[str, int] = field(default_factory=dict)   # element kind -> count the last run shows
    messages: int = 0
    bytes: int = 0
    refs: int = 0                         # elements sent as ref_hash to the client's cache
    runs: int = 0                         # script runs it took (1 + st.rerun / switch_page)

    @property
    def ok(self) -> bool:
        return self.status in SUCCESS and not self.errors

    def add(self, findings: Findings) -> None:
        kinds, errors, alerts = findings
        for kind in kinds:
            self.elements[kind] = self.elements.get(kind, 0) + 1
        self.errors += errors
        self.alerts += alerts

    def problem(self) -> str:
        """One line saying why the run failed ('' when it did not)."""
        if self.ok:
            return ""
        if self.status not in SUCCESS:
            return f"{self.status}" + (f": {self.errors[0]}" if self.errors else "")
        return self.errors[0]


def element_findings(element) -> Findings:
    """(kind, exceptions, error alerts) of one Element."""
    kind = element.WhichOneof("type") or ""
    if kind == "exception":
        e = element.exception
        label = "warning" if e.is_warning else "exception"
        return (kind,), (f"{label} {e.type}: {e.message}".strip(),), ()
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return (kind,), (), (element.alert.body,)
    return (kind,), (), ()


def msg_findings(msg: ForwardMsg) -> Findings:
    """The elements, exceptions and error alerts a delta ForwardMsg shows (new elements and
    transients; blocks hold none themselves)."""
    if msg.WhichOneof("type") != "delta":
        return NONE
    delta = msg.delta
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        return element_findings(delta.new_element)
    if kind == "new_transient":
        parts = [element_findings(e) for e in delta.new_transient.elements]
        return tuple(tuple(x for p in parts for x in p[i]) for i in range(3))
    return NONE


class MessageCache:
    """The frontend's ForwardMessageCache: hashes of cacheable messages, aged by finished runs.

    Only what a ref_hash stands for is kept (its findings), not the message itself."""

    def __init__(self):
        self.run_count = 0
        self.max_age = DEFAULT_MAX_CACHED_AGE
        self.entries: dict[str, list] = {}          # hash -> [run_count when last used, findings]

    def hashes(self) -> list[str]:
        return list(self.entries)

    def remember(self, msg: ForwardMsg, findings) -> None:
        if msg.metadata.cacheable and msg.hash and msg.hash not in self.entries:
            self.entries[msg.hash] = [self.run_count, findings]
        elif msg.metadata.cacheable and msg.hash:
            self.entries[msg.hash][0] = self.run_count

    def resolve(self, ref_hash: str):
        """The findings of a referenced message, or None on a cache miss."""
        entry = self.entries.get(ref_hash)
        if entry is None:
            return None
        entry[0] = self.run_count
        return entry[1]

    def run_finished(self) -> None:
        self.run_count += 1
        for key in [k for k, (used, _) in self.entries.items() if self.run_count - used > self.max_age]:
            del self.entries[key]


class RunReader:
    """Folds the ForwardMsgs of one navigation into a PageRun; `feed` says when it is over.

    Keeps what outlives a run on the session: the page hashes (from `navigation`) and the
    message cache."""

    def __init__(self, cache: MessageCache, page_hashes: dict[str, str]):
        self.cache, self.page_hashes = cache, page_hashes
        self.session_id = ""

    def feed(self, msg: ForwardMsg, run: PageRun) -> bool:
        kind = msg.WhichOneof("type")
        run.messages += 1
        if kind == "new_session":
            run.runs += 1
            # the page is what its last run draws: whether an interrupted run's deltas
            # reached us first is a race (its errors still count)
            run.elements.clear()
            if msg.new_session.config.max_cached_message_age:
                self.cache.max_age = msg.new_session.config.max_cached_message_age
            if msg.new_session.initialize.session_id:
                self.session_id = msg.new_session.initialize.session_id
        elif kind == "navigation":
            for page in msg.navigation.app_pages:
                self.page_hashes[page.url_pathname] = page.page_script_hash
        elif kind == "delta":
            findings = msg_findings(msg)
            self.cache.remember(msg, findings)
            run.add(findings)
        elif kind == "ref_hash":
            run.refs += 1
            findings = self.cache.resolve(msg.ref_hash)
            if findings is None:
                run.errors.append(f"cache miss: ref_hash {msg.ref_hash} names no cached message")
            else:
                run.add(findings)
        elif kind == "page_not_found":
            run.errors.append(f"page not found: {msg.page_not_found.page_name or run.page!r}")
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            e = msg.session_event.script_compilation_exception
            run.errors.append(f"compile error {e.type}: {e.message}")
        elif kind == "auth_redirect":
            run.errors.append(f"login demanded (auth_redirect to {msg.auth_redirect.url})")
        elif kind == "script_finished":
            status = STATUS.get(msg.script_finished, f"status {msg.script_finished}")
            if status == "early_for_rerun":                  # st.rerun / switch_page: a run follows
                return False
            self.cache.run_finished()
            run.status = status
            return True
        return False


def stream_url(base: str) -> str:
    parts = urlsplit(base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"


class StreamlitSession:
    """One browser tab's worth of Streamlit session, driven over the websocket.

        async with StreamlitSession("http://127.0.0.1:8501") as s:
            run = await s.open("scorecard", "supplier=P001", timeout=60)

    After a timeout or a closed socket the next `open` reconnects (a new session, as a
    reload would), so a late message of a lost run is never taken for the next page's."""

    def __init__(self, base_url: str, *, locale: str = "es-MX", timezone: str = "America/Mexico_City",
                 timezone_offset: int = 360):
        self.base_url = base_url.rstrip("/")
        self.locale, self.timezone, self.timezone_offset = locale, timezone, timezone_offset
        self.ws = None
        self.cache = MessageCache()
        self.page_hashes: dict[str, str] = {}
        self.reader = RunReader(self.cache, self.page_hashes)
        self.connections = 0

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    async def connect(self) -> None:
        from websockets.asyncio.client import connect
        self.ws = await connect(stream_url(self.base_url), subprotocols=SUBPROTOCOLS,
                                max_size=None, ping_interval=None, proxy=None, open_timeout=30)
        self.connections += 1
        # a new server session: nothing cached, pages learned afresh, first run is a load
        self.cache.__init__()
        self.page_hashes.clear()

    async def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            try:
                await ws.close()
            except Exception:                       # noqa: BLE001 - closing a broken socket
                pass

    def rerun_msg(self, page: str, query: str) -> BackMsg:
        """The BackMsg the frontend sends to show `page` (URL path, "" = default) with `query`."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        if page in self.page_hashes:                 # in-app navigation
            state.page_script_hash = self.page_hashes[page]
        else:                                        # a fresh load of /<page>?<query>
            state.page_name = page
        state.cached_message_hashes.extend(self.cache.hashes())
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = self.timezone, self.timezone_offset, self.locale
        info.url = f"{self.base_url}/{page}" + (f"?{query}" if query else "")
        info.is_embedded = False
        return msg

    async def open(self, page: str, query: str = "", timeout: float = 60.0) -> PageRun:
        """Navigate to `page` (its url path; "" or the default page's path for the default)
        with `query`, and read until the run is over."""
        from websockets.exceptions import ConnectionClosed
        run = PageRun(page=page, query=query)
        if self.ws is None:
            try:
                await self.connect()
            except (OSError, asyncio.TimeoutError, ConnectionClosed) as exc:
                run.status = "connect_failed"
                run.errors.append(str(exc) or type(exc).__name__)
                return run
        start = time.perf_counter()
        try:
            await self.ws.send(self.rerun_msg(page, query).SerializeToString())
            async with asyncio.timeout(timeout):
                while True:
                    data = await self.ws.recv()
                    if isinstance(data, str):
                        run.errors.append("text frame from the server")
                        continue
                    run.bytes += len(data)
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    if self.reader.feed(msg, run):
                        run.seconds = time.perf_counter() - start
                        return run
        except TimeoutError:
            run.status = "timeout"
            run.errors.append(f"no script_finished within {timeout:g} s")
        except ConnectionClosed as exc:
            run.status = "closed"
            run.errors.append(f"websocket closed: code {exc.rcvd.code if exc.rcvd else 'none'}"
                              f" {exc.rcvd.reason if exc.rcvd else ''}".strip())
        await self.close()
        return run
