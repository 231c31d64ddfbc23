"""Chart images through the kept-running Chromium: sizes, formats, batches, no-browser path.

These need /usr/bin/chromium (CI installs it); they are skipped only when no browser exists.
"""
import struct
import xml.etree.ElementTree as ET
import zlib
from io import BytesIO

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from dashboard.exports import charts

needs_chromium = pytest.mark.skipif(not charts.available(), reason="no Chromium installed")


def bar(title="Entregas a tiempo — año", n=4):
    return go.Figure(go.Bar(x=[f"Proveedor {i}" for i in range(n)], y=list(range(1, n + 1))),
                     layout=dict(title=title))


def png_dpi(png: bytes) -> float:
    pos = 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        if png[pos + 4:pos + 8] == b"pHYs":
            ppm = struct.unpack(">I", png[pos + 8:pos + 12])[0]
            return ppm * 0.0254
        pos += 12 + length
    return 0.0


def test_print_size_is_cm_at_dpi():
    size = charts.print_size(16, 9, dpi=300)
    assert size["width"] == round(16 / 2.54 * 96) and size["height"] == round(9 / 2.54 * 96)
    w, h = charts.pixel_size(**size)
    assert abs(w - 16 / 2.54 * 300) <= 2 and abs(h - 9 / 2.54 * 300) <= 2


def test_set_png_dpi_adds_one_valid_phys_chunk():
    # a minimal 1x1 PNG
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    png = b"\x89PNG\r\n\x1a\n" + charts._png_chunk(b"IHDR", ihdr) + charts._png_chunk(b"IDAT", idat) \
        + charts._png_chunk(b"IEND", b"")
    out = charts.set_png_dpi(charts.set_png_dpi(png, 150), 300)
    assert out.count(b"pHYs") == 1 and round(png_dpi(out)) == 300
    assert charts.png_size(out) == (1, 1)


def test_safe_filename():
    assert charts.safe_filename("Desabasto por mes / región") == "desabasto-por-mes-region"
    assert charts.safe_filename("../../etc/passwd") == "etc-passwd"


@needs_chromium
def test_png_has_requested_pixel_size_and_dpi():
    png = charts.figure_bytes(bar(), "png", width=400, height=300, scale=2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.png_size(png) == (800, 600)
    assert round(png_dpi(png)) == 192


@needs_chromium
def test_png_for_print_in_cm():
    size = charts.print_size(8, 5, dpi=300)
    png = charts.figure_bytes(bar(), "png", **size)
    assert charts.png_size(png) == charts.pixel_size(**size)
    assert round(png_dpi(png)) == 300


@needs_chromium
def test_svg_parses_and_keeps_accented_title():
    svg = charts.figure_bytes(bar("Nivel de surtimiento — Ñuñoa"), "svg", width=500, height=300)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Nivel de surtimiento — Ñuñoa" in "".join(root.itertext())


@needs_chromium
def test_pdf_is_one_page_vector():
    pdf = charts.figure_bytes(bar(), "pdf", width=500, height=300)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Proveedor 3" in reader.pages[0].extract_text()


@needs_chromium
def test_batch_reuses_one_browser_and_reports_progress(tmp_path):
    charts.figure_bytes(bar(), "svg")                  # make sure the browser is up
    starts = charts.browser_starts()
    figs = {f"Gráfica {i}": bar(f"Gráfica {i}", n=i + 2) for i in range(6)}
    figs["gráfica 0"] = bar("same file name once slugged")
    seen = []
    paths = charts.write_figures(figs, tmp_path / "out", "png", progress=lambda d, t, n: seen.append((d, t)),
                                 width=300, height=200, scale=1)
    assert charts.browser_starts() == starts           # kept running: no new Chromium
    assert [p.name for p in paths][:2] == ["grafica-0.png", "grafica-1.png"]
    assert paths[-1].name == "grafica-0-2.png"
    assert sorted(seen) == [(i, 7) for i in range(1, 8)]
    for p in paths:
        assert charts.png_size(p.read_bytes()) == (300, 200)
    assert not list((tmp_path / "out").glob(".*part"))


@needs_chromium
def test_browser_restarts_after_close():
    charts.figure_bytes(bar(), "svg")
    starts = charts.browser_starts()
    charts.close()
    assert charts.figure_bytes(bar(), "svg").lstrip().startswith(b"<svg")
    assert charts.browser_starts() == starts + 1


def test_no_chromium_is_a_clear_error(monkeypatch, tmp_path):
    charts.close()
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    assert charts.available() is False
    with pytest.raises(charts.ExportUnavailable, match="apt-get install chromium"):
        charts.figure_bytes(bar(), "png")


def test_bad_format_and_unwritable_folder(tmp_path):
    with pytest.raises(charts.ExportFailed, match="unknown chart format"):
        charts.figure_bytes(bar(), "gif")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(charts.ExportFailed, match="cannot create folder"):
        charts.write_figures({"a": bar()}, blocker / "sub", "png")


def test_caption_problems_on_a_bare_and_a_captioned_figure():
    from dashboard.charts.base import base_layout
    assert set(charts.caption_problems(bar())) == {"scope", "data date", "source line"}
    fig = base_layout(bar(), "Entregas", lang="es", scope_text="corte 30/06/2026",
                      data_date="2026-06-30")
    assert charts.caption_problems(fig) == []


@needs_chromium
def test_idle_browser_is_closed(monkeypatch):
    import time
    monkeypatch.setattr(charts, "IDLE_CLOSE_S", 0.2)
    charts.figure_bytes(bar(), "svg")
    deadline = time.monotonic() + 15
    while charts._RENDERER.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not charts._RENDERER.running()                 # memory back to the dashboard
    monkeypatch.setattr(charts, "IDLE_CLOSE_S", 900)
    assert charts.figure_bytes(bar(), "svg").lstrip().startswith(b"<svg")   # and it comes back
