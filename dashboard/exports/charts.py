"""Static images (PNG, SVG, PDF) of Plotly figures through kaleido and one kept-running Chromium.

Starting Chromium costs 2.5–4 s; a render in an open browser about 0.1–0.25 s (FIELD_NOTES.md).
So one browser is started on first use and kept for the life of the process (the dashboard's
server or one `abasto export` run): a batch of 20 charts takes seconds, not a minute. It is
closed after IDLE_CLOSE_S without use (memory back to the dashboard) and at exit.

kaleido's own `start_sync_server` is a singleton whose calls are not thread-safe and hang
forever when the browser dies; Streamlit calls from many threads, so this module runs
`kaleido.Kaleido` on its own event-loop thread, serialises access with a lock, bounds every
wait with a timeout and restarts the browser once when it has died.

Sizes: `width`/`height` are CSS pixels (the figure's layout size; fonts are sized in them) and
`scale` multiplies them into image pixels. For print, a chart meant to be W×H cm at D dpi is
`print_size(W, H, D)`; the PNG carries that dpi in its pHYs chunk so Word/LibreOffice place it
at its physical size.
"""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import math
import os
import re
import struct
import threading
import unicodedata
import zlib
from pathlib import Path
from typing import Callable, Mapping

from metrics.exceptions import AbastoError

FORMATS = ("png", "svg", "pdf")
CSS_DPI = 96                      # CSS pixels per inch: the unit of Plotly layout sizes
PRINT_DPI = 300
DEFAULT_SIZE_CM = (24.0, 13.5)    # the width dashboard charts are laid out for (907 CSS px)
TABS = 2                          # concurrent renders (2 cores on the target machine)
START_TIMEOUT_S = 60
RENDER_TIMEOUT_S = 60
IDLE_CLOSE_S = float(os.environ.get("ABASTO_CHROMIUM_IDLE_S", "900"))

HOW_TO_ENABLE = ("Server-side chart export needs Chromium: on Debian/Ubuntu run "
                 "`sudo apt-get install chromium` (or set BROWSER_PATH to a Chrome/Chromium binary).")


class ExportUnavailable(AbastoError):
    """No usable Chromium: images cannot be rendered on the server."""


class ExportFailed(AbastoError):
    """A figure could not be rendered or written."""


# ---------------------------------------------------------------- sizes

def cm_to_px(cm: float) -> int:
    """Centimetres as CSS pixels (96 per inch)."""
    return round(cm / 2.54 * CSS_DPI)


def print_size(width_cm: float, height_cm: float, dpi: int = PRINT_DPI) -> dict:
    """width/height (CSS px) and scale for a chart printed at width_cm × height_cm and dpi."""
    return {"width": cm_to_px(width_cm), "height": cm_to_px(height_cm), "scale": dpi / CSS_DPI}


def pixel_size(width: int, height: int, scale: float) -> tuple[int, int]:
    """The image size in pixels that a render at (width, height, scale) produces (Chromium
    truncates fractional pixels)."""
    return math.floor(width * scale + 1e-9), math.floor(height * scale + 1e-9)


def _resolve_size(fig, fmt: str, width, height, scale) -> dict:
    layout = getattr(fig, "layout", None)
    default_w, default_h = (cm_to_px(c) for c in DEFAULT_SIZE_CM)
    width = int(width or (layout.width if layout is not None and layout.width else default_w))
    height = int(height or (layout.height if layout is not None and layout.height else default_h))
    if scale is None:
        scale = PRINT_DPI / CSS_DPI if fmt == "png" else 1
    if width <= 0 or height <= 0 or scale <= 0:
        raise ExportFailed(f"chart size must be positive (width={width}, height={height}, scale={scale})")
    return {"format": fmt, "width": width, "height": height, "scale": float(scale)}


# ---------------------------------------------------------------- PNG resolution

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def set_png_dpi(png: bytes, dpi: float) -> bytes:
    """Return the PNG with a pHYs chunk saying `dpi` (replacing any existing one)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ExportFailed("not a PNG image")
    ppm = round(dpi / 0.0254)
    out, pos, inserted = [png[:8]], 8, False
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        end = pos + 12 + length
        if kind != b"pHYs":
            out.append(png[pos:end])
        if kind == b"IHDR" and not inserted:
            out.append(_png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)))
            inserted = True
        pos = end
    return b"".join(out)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG header."""
    return struct.unpack(">II", png[16:24])


# ---------------------------------------------------------------- the browser

def browser_path() -> str | None:
    """The Chromium kaleido will use ($BROWSER_PATH, else chromium/chrome on PATH or in the
    usual places), or None when there is none."""
    try:
        from choreographer.browsers.chromium import Chromium
        path = Chromium.find_browser(skip_local=False)
    except Exception:   # a broken choreographer install means: no server-side export
        return None
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def available() -> bool:
    """True when charts can be rendered on the server (a Chromium is installed)."""
    return browser_path() is not None


class _Renderer:
    """One kaleido.Kaleido (one Chromium, TABS tabs) on a private event-loop thread."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._idle_timer: threading.Timer | None = None
        self.starts = 0                     # how many browsers were started (tests, diagnostics)
        atexit.register(self.close)

    def running(self) -> bool:
        return self._kaleido is not None and self._thread is not None and self._thread.is_alive()

    def _start(self) -> None:
        path = browser_path()
        if path is None:
            raise ExportUnavailable(HOW_TO_ENABLE)
        import kaleido

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="abasto-kaleido", daemon=True)
        thread.start()

        async def open_browser():
            k = kaleido.Kaleido(path=path, n=TABS, mathjax=False, timeout=RENDER_TIMEOUT_S)
            await k.open()
            return k

        try:
            k = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(START_TIMEOUT_S)
        except Exception as exc:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            raise ExportUnavailable(f"Chromium at {path} could not be started "
                                    f"({type(exc).__name__}: {exc}). {HOW_TO_ENABLE}") from None
        self._loop, self._thread, self._kaleido = loop, thread, k
        self.starts += 1

    def close(self) -> None:
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            loop, thread, k = self._loop, self._thread, self._kaleido
            self._loop = self._thread = self._kaleido = None
            if loop is None:
                return
            if k is not None and thread is not None and thread.is_alive():
                try:
                    asyncio.run_coroutine_threadsafe(k.close(), loop).result(15)
                except Exception:   # a dead browser needs no closing
                    pass
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(5)

    def _arm_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        if IDLE_CLOSE_S > 0:
            self._idle_timer = threading.Timer(IDLE_CLOSE_S, self.close)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def render(self, jobs: list[tuple[dict, dict]],
               on_done: Callable[[int, bytes], None] | None = None) -> list[bytes]:
        """Render (figure dict, opts) jobs concurrently; call on_done(index, bytes) as each ends."""
        with self._lock:
            for attempt in (1, 2):
                if not self.running():
                    self.close()
                    self._start()
                try:
                    return self._render_once(jobs, on_done)
                except ExportFailed:
                    raise
                except Exception as exc:
                    browser_died = not self._thread.is_alive() or _is_browser_gone(exc)
                    if attempt == 1 and browser_died:
                        self.close()        # restart once: Chromium may have been killed
                        continue
                    raise ExportFailed(f"chart rendering failed ({type(exc).__name__}: {exc})") from None
                finally:
                    self._arm_idle_timer()
        raise AssertionError("unreachable")

    def _render_once(self, jobs, on_done) -> list[bytes]:
        k, loop = self._kaleido, self._loop
        futures = {asyncio.run_coroutine_threadsafe(k.calc_fig(fig, opts), loop): i
                   for i, (fig, opts) in enumerate(jobs)}
        results: list[bytes | None] = [None] * len(jobs)
        try:
            timeout = RENDER_TIMEOUT_S * (1 + len(jobs) / TABS)
            for fut in concurrent.futures.as_completed(futures, timeout=timeout):
                i = futures[fut]
                results[i] = fut.result()
                if on_done is not None:
                    on_done(i, results[i])
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
        return results  # type: ignore[return-value]


def _is_browser_gone(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(word in text for word in ("closed", "broken pipe", "browserfailed", "channel", "eof"))


_RENDERER = _Renderer()


def close() -> None:
    """Stop the kept-running Chromium now (it restarts on the next export)."""
    _RENDERER.close()


def browser_starts() -> int:
    """How many times a Chromium was started in this process."""
    return _RENDERER.starts


# ---------------------------------------------------------------- public API

def _job(fig, fmt: str, width, height, scale) -> tuple[dict, dict]:
    if fmt not in FORMATS:
        raise ExportFailed(f"unknown chart format '{fmt}' (use one of: {', '.join(FORMATS)})")
    if not hasattr(fig, "to_dict"):
        raise ExportFailed(f"not a Plotly figure: {type(fig).__name__}")
    return fig.to_dict(), _resolve_size(fig, fmt, width, height, scale)


def _finish(data: bytes, opts: dict) -> bytes:
    if opts["format"] == "png":
        return set_png_dpi(data, CSS_DPI * opts["scale"])
    return data


def figure_bytes(fig, fmt: str = "png", *, width: int | None = None, height: int | None = None,
                 scale: float | None = None) -> bytes:
    """The figure as PNG, SVG or PDF bytes.

    width/height: CSS pixels (default: the figure's layout size, else 24 × 13.5 cm);
    scale: image pixels per CSS pixel (default for PNG: 300/96, i.e. 300 dpi; 1 for vectors).
    Raises ExportUnavailable when there is no Chromium (see HOW_TO_ENABLE).
    """
    job = _job(fig, fmt, width, height, scale)
    return _finish(_RENDERER.render([job])[0], job[1])


def safe_filename(name: str, max_len: int = 80) -> str:
    """A portable file name from a chart name (accents dropped, spaces to dashes)."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._").lower()
    return text[:max_len] or "chart"


def write_figures(figs: Mapping[str, object], out_dir, fmt: str = "png", progress=None, *,
                  width: int | None = None, height: int | None = None,
                  scale: float | None = None) -> list[Path]:
    """Write each figure to out_dir/<safe name>.<fmt> in one browser session.

    progress(done, total, name) is called as each file is written. Files are written to a
    temporary name and renamed, so an interrupted batch leaves no half-written image.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportFailed(f"cannot create folder {out}: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK):
        raise ExportFailed(f"cannot write into folder {out}: permission denied")
    names = list(figs)
    jobs = [_job(figs[n], fmt, width, height, scale) for n in names]
    paths, seen = [], set()
    for n in names:
        stem = base = safe_filename(n)
        i = 2
        while stem in seen:
            stem, i = f"{base}-{i}", i + 1
        seen.add(stem)
        paths.append(out / f"{stem}.{fmt}")
    done = [0]

    def write_one(i: int, data: bytes) -> None:
        tmp = paths[i].with_name(f".{paths[i].name}.part")
        try:
            tmp.write_bytes(_finish(data, jobs[i][1]))
            tmp.replace(paths[i])
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ExportFailed(f"cannot write {paths[i]}: {exc.strerror or exc}") from None
        done[0] += 1
        if progress is not None:
            progress(done[0], len(jobs), names[i])

    if jobs:
        _RENDERER.render(jobs, on_done=write_one)
    return paths


def caption_problems(fig) -> list[str]:
    """What an exported chart lacks to stand alone: title, scope, data date, source line.

    dashboard.charts.base.base_layout puts the scope in the title's subtitle and the data
    date and source in a footer annotation; `abasto export charts` warns about a builder
    that forgot them.
    """
    layout = fig.layout
    title = (layout.title.text or "") if layout.title else ""
    subtitle = (layout.title.subtitle.text or "") if layout.title and layout.title.subtitle else ""
    meta = layout.meta if isinstance(layout.meta, dict) else {}
    footer = " ".join(a.text or "" for a in (layout.annotations or ())).lower()
    problems = []
    if not title.strip():
        problems.append("title")
    if not (subtitle.strip() or meta.get("scope")):
        problems.append("scope")
    if not re.search(r"\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}", footer):
        problems.append("data date")
    if not any(word in footer for word in ("fuente", "source")):
        problems.append("source line")
    return problems
