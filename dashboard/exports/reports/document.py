"""The A4 PDF every report is drawn on (fpdf2 with DejaVu, so accents and ñ are right):
title block, KPI cards, section headings, tables with repeated headers, chart images,
notes, and a footer with page numbers, generation date and methodology version."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

import metrics
from dashboard.exports import columns as cols
from metrics import fmt

FONT = "DejaVu"
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (11, 83, 148)
HEADER_FILL = (31, 59, 87)
ZEBRA = (243, 246, 250)
CARD_FILL = (245, 247, 250)
CHART_WIDTH_PX = 907          # 24 cm at 96 px/in: dashboard charts' layout width
CHART_SCALE = 2.2             # ≈ 280 dpi once placed 18 cm wide
TIER_COLORS = {"A": (26, 127, 55), "B": (127, 184, 0), "C": (240, 165, 0), "D": (198, 40, 40)}

FOOTER = {"es": "Abasto · metodología {version} · generado {when} · página {page} de {{nb}}",
          "en": "Abasto · methodology {version} · generated {when} · page {page} of {{nb}}"}


def font_path(name: str):
    return resources.files("dashboard") / "fonts" / name


@dataclass
class Card:
    """One KPI card: label, the value as text, a line below (interval, lines behind it)."""
    label: str
    value: str
    note: str = ""
    color: tuple[int, int, int] = ACCENT


@dataclass
class Column:
    """A table column: frame column, header text, format kind, width share, alignment."""
    name: str
    header: str
    kind: str = "text"
    width: float = 1.0
    align: str | None = None
    max_chars: int | None = 70          # long catalogue descriptions are cut (full text in XLSX)


class Report(FPDF):
    """An A4 portrait report in one language."""

    def __init__(self, title: str, lang: str = "es"):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_lang = lang
        self.report_title = title
        self.generated = datetime.now()
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
            with resources.as_file(font_path(name)) as path:
                self.add_font(FONT, style, str(path))
        self.set_font(FONT, size=9)
        self.set_text_color(*INK)
        self.set_title(title)
        self.set_author("Abasto")
        self.set_creator(f"Abasto {metrics.__version__}")
        self.set_lang("es-MX" if lang == "es" else "en")
        self.alias_nb_pages("{nb}")
        self.add_page()

    # ------------------------------------------------------------ page furniture
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.report_title, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_text_color(*INK)

    def footer(self):
        self.set_y(-11)
        self.set_font(FONT, size=7)
        self.set_text_color(*MUTED)
        when = self.generated.strftime("%d/%m/%Y %H:%M" if self.report_lang == "es" else "%Y-%m-%d %H:%M")
        self.cell(0, 4, FOOTER[self.report_lang].format(version=metrics.METHODOLOGY_VERSION, when=when,
                                                 page=self.page_no()), align="C")
        self.set_text_color(*INK)

    @property
    def width(self) -> float:
        """Usable width between the margins, in mm."""
        return self.w - self.l_margin - self.r_margin

    def room(self) -> float:
        """Height left on this page above the bottom margin, in mm."""
        return self.h - self.b_margin - self.get_y()

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.room() < height:
            self.add_page()

    # ------------------------------------------------------------ blocks
    def title_block(self, title: str, subtitle: str = "", lines: list[str] = ()) -> None:
        self.set_font(FONT, "B", 17)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        if subtitle:
            self.set_font(FONT, size=10)
            self.multi_cell(0, 5, subtitle, new_x="LMARGIN", new_y="NEXT")
        if lines:
            self.ln(1)
            self.set_font(FONT, size=7.5)
            self.set_text_color(*MUTED)
            for line in lines:
                self.multi_cell(0, 3.8, line, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(*INK)
        self.ln(1.5)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.ln(3)

    def section(self, title: str, *, keep: float = 30) -> None:
        """A heading kept together with at least `keep` mm of what follows."""
        self.keep(keep + 10)
        self.ln(1.5)
        self.set_font(FONT, "B", 11.5)
        self.set_text_color(*ACCENT)
        self.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(200, 208, 218)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_text_color(*INK)
        self.ln(2)

    def paragraph(self, text: str, size: float = 8.5, color=INK, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(1)

    def note(self, text: str) -> None:
        self.paragraph(text, size=7, color=MUTED)

    def cards(self, cards: list[Card], per_row: int = 4, height: float = 23) -> None:
        gap = 3
        w = (self.width - gap * (per_row - 1)) / per_row
        for start in range(0, len(cards), per_row):
            self.keep(height + 2)
            y = self.get_y()
            for i, card in enumerate(cards[start:start + per_row]):
                x = self.l_margin + i * (w + gap)
                self.set_fill_color(*CARD_FILL)
                self.rect(x, y, w, height, style="F")
                self.set_fill_color(*card.color)
                self.rect(x, y, 1.4, height, style="F")
                self.set_xy(x + 3, y + 1.6)
                self.set_font(FONT, size=7)
                self.set_text_color(*MUTED)
                self.multi_cell(w - 4, 3.1, card.label, align="L", new_x="LEFT", new_y="NEXT")
                self.set_xy(x + 3, y + 8.3)
                self.set_font(FONT, "B", 13.5 if len(card.value) <= 13 else 11)
                self.set_text_color(*INK)
                self.cell(w - 4, 6.5, card.value, new_x="LEFT", new_y="NEXT")
                if card.note:
                    self.set_xy(x + 3, y + 15.2)
                    self.set_font(FONT, size=6.5)
                    self.set_text_color(*MUTED)
                    self.multi_cell(w - 4, 2.9, card.note, align="L", new_x="LEFT", new_y="NEXT")
            self.set_text_color(*INK)
            self.set_xy(self.l_margin, y + height + gap)

    def data_table(self, frame: pd.DataFrame, columns: list[Column], *, max_rows: int | None = None,
              empty: str = "—", font_size: float = 7.2, more: str | None = None) -> None:
        """Rows of `frame` under `columns`, values formatted per kind, header repeated on
        each page. When there are more than max_rows rows, `more` says how many were left out."""
        if frame is None or frame.empty:
            self.note(empty)
            return
        shown = frame if max_rows is None else frame.head(max_rows)
        columns = [c for c in columns if c.name in frame.columns]   # a view without the column
        total = sum(c.width for c in columns)
        widths = tuple(self.width * c.width / total for c in columns)
        aligns = tuple(c.align or ("R" if c.kind in ("percent", "money", "int", "number", "decimal", "score", "stat")
                                   else "L") for c in columns)
        self.keep(18)
        self.set_font(FONT, size=font_size)
        self.set_fill_color(255, 255, 255)      # rows between the zebra stripes
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=HEADER_FILL, size_pt=font_size)
        with self.table(col_widths=widths, text_align=aligns, headings_style=heading,
                        line_height=font_size * 0.5, borders_layout="NONE", cell_fill_color=ZEBRA,
                        cell_fill_mode="ROWS", padding=(0.8, 1.2), width=self.width,
                        v_align="TOP") as tbl:
            row = tbl.row()
            for c in columns:
                row.cell(c.header, align="L" if aligns[columns.index(c)] == "L" else "R")
            for record in shown.itertuples(index=False):
                values = record._asdict() if hasattr(record, "_asdict") else dict(zip(shown.columns, record))
                row = tbl.row()
                for c in columns:
                    text = cols.format_value(_get(shown, values, c.name), c.kind, self.report_lang)
                    if c.max_chars and len(text) > c.max_chars:
                        text = text[: c.max_chars - 1].rstrip() + "…"
                    row.cell(text)
        if max_rows is not None and len(frame) > max_rows and more:
            self.note(more.format(shown=fmt.number(len(shown), 0, self.report_lang),
                                  total=fmt.number(len(frame), 0, self.report_lang)))
        self.ln(1.5)

    def key_values(self, rows: list[tuple[str, str]], key_width: float = 48, size: float = 7.5) -> None:
        """Label: value lines (scope, weights, methodology)."""
        line = size * 0.45
        for key, value in rows:
            self.set_font(FONT, "", size)
            lines = max(1, len(self.multi_cell(self.width - key_width, line, value, dry_run=True,
                                                output="LINES")))
            self.keep(line * lines + 0.5)
            y = self.get_y()
            self.set_font(FONT, "B", size)
            self.multi_cell(key_width, line, key, align="L", new_x="RIGHT", new_y="TOP")
            self.set_font(FONT, "", size)
            self.set_xy(self.l_margin + key_width, y)
            self.multi_cell(0, line, value, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_y(max(self.get_y(), y + line))
        self.ln(1)

    def image_bytes(self, data: bytes, width: float | None = None, height: float | None = None) -> None:
        """A PNG chart at `width` mm (default: full width), kept on one page."""
        width = width or self.width
        from dashboard.exports.charts import png_size
        px_w, px_h = png_size(data)
        height = height or width * px_h / px_w
        self.keep(height + 2)
        self.image(io.BytesIO(data), x=self.l_margin + (self.width - width) / 2, y=self.get_y(), w=width, h=height)
        self.set_y(self.get_y() + height + 2)

    def chart(self, fig, *, width_px: int = CHART_WIDTH_PX, scale: float = CHART_SCALE) -> None:
        """A Plotly figure rendered at the width dashboard charts are laid out for (so titles
        and labels fit as on screen) and its own height, placed across the text width."""
        from dashboard.exports.charts import figure_bytes
        self.image_bytes(figure_bytes(fig, "png", width=width_px, scale=scale))

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _get(frame: pd.DataFrame, values: dict, name: str):
    """A row's value by column name (itertuples renames columns that are not identifiers)."""
    if name in values:
        return values[name]
    try:
        idx = list(frame.columns).index(name)
    except ValueError:
        return None
    return list(values.values())[idx]
