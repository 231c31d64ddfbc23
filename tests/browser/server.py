"""Start `streamlit run` on loopback for real-browser tests and load runs.

`serve(app, env=..., cwd=...)` is a context manager yielding the base URL once
GET /_stcore/health answers "ok"; the server is terminated (then killed) on exit. Output
goes to a log file so a failing start can be diagnosed (its tail is in the error).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_bin() -> str:
    return shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"streamlit did not become healthy at {url} (exit {proc.poll()}):\n{tail}")


@contextmanager
def serve(app: Path | str = APP, *, env: dict | None = None, cwd: Path | str | None = None,
          log: Path | None = None, port: int | None = None):
    """Run the dashboard on 127.0.0.1:<free port>; yield its URL (and `.proc` on the URL str)."""
    port = port or free_port()
    log = Path(log or Path(cwd or ROOT) / f"streamlit-{port}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONPATH", str(ROOT))
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [streamlit_bin(), "run", str(app), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.address", "127.0.0.1",
             "--server.port", str(port)],
            env=full_env, cwd=str(cwd or ROOT), stdout=out, stderr=subprocess.STDOUT)
    url = Served(f"http://127.0.0.1:{port}")
    url.proc, url.log = proc, log
    try:
        wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


class Served(str):
    """The base URL, carrying the server process and its log."""
    proc: subprocess.Popen
    log: Path


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
