"""Datos: upload files through the same importer as `abasto import` (checked first; one bad
row and nothing is written, every problem listed), the import history with its lineage
(when, who, files with sha256, rows added / updated), and what the data covers (which
KPIs are computable, how full each column is, the date range of each table)."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import auth, data, state
from dashboard.i18n import problems as problem_texts
from dashboard.i18n import t
from metrics import coverage, fmt
from metrics.ingest import check_paths, import_paths
from metrics.exceptions import AbastoError, ImportRejected
from metrics.kpis import KPIS
from metrics.scorecard import computability

# the column-fill download's own names: in the export registry "filled" and "share" are the
# shortage views' (prescriptions filled, share of a total)
_FIELD_COLUMNS = {"filled": "filled_rows", "share": "filled_share"}

lang = state.lang()
scope = state.scope()
st.title(t("data.title"))
st.caption(t("data.intro"))


def _save(files, folder: Path) -> list[Path]:
    """The uploads written under their original names (base name only) in `folder`."""
    paths = []
    for f in files:
        target = folder / Path(f.name).name
        target.write_bytes(f.getvalue())
        paths.append(target)
    return paths


def _who() -> str | None:
    """The signed-in user's e-mail or name when a login gate is active; else the importer's default."""
    try:
        user = st.user
        if getattr(user, "is_logged_in", False):
            return user.get("email") or user.get("name")
    except Exception:
        pass
    return None


def _problems_table(problems: pd.DataFrame, name: str) -> None:
    cols = [c for c in ("severity", "file", "row", "column", "value", "problem") if c in problems.columns]
    texts = problem_texts.texts(problems, lang) if "problem" in cols else None   # by code, in es
    problems = pd.DataFrame(problems[cols])
    problems.attrs = {}
    show = problems.rename(columns={c: t(f"data.p_{c}") for c in cols})
    if texts is not None:
        show[t("data.p_problem")] = texts
    if t("data.p_severity") in show:
        show[t("data.p_severity")] = [t(f"data.sev_{s}") if s in ("error", "warning") else s
                                      for s in show[t("data.p_severity")]]
    ui.table(show, name, download=problems, key=f"tbl_{name}")


def _counts_caption(problems: pd.DataFrame) -> None:
    counts = problems.attrs.get("counts")
    if isinstance(counts, pd.DataFrame) and len(counts) and "n" in counts:
        shown = len(problems)
        total = int(counts["n"].sum())
        if total > shown:
            st.caption(t("data.problems_capped", shown=fmt.number(shown, 0, lang), total=fmt.number(total, 0, lang)))


def _files_frame(files: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(files or [])
    cols = [c for c in ("file", "table", "format", "rows", "added", "updated", "sha256") if c in frame.columns]
    return frame[cols]


# ---------------------------------------------------------------- upload, check, import
st.subheader(t("data.upload_title"))
uploads = auth.allowed("import") and st.file_uploader(
    t("data.uploader"), accept_multiple_files=True, key="data_upload", help=t("data.uploader_help"))
if uploads:
    digest = hashlib.sha256()
    for f in uploads:
        digest.update(f.name.encode())
        digest.update(f.getvalue())
    key = digest.hexdigest()
    checked = st.session_state.get("_data_check")
    imported = st.session_state.get("_data_imported")
    if imported and imported[0] == key:
        checked = None               # these very files were just imported: nothing to check
    elif not checked or checked[0] != key:
        st.session_state.pop("_data_imported", None)     # new files: the last import is history
        bar = st.progress(0.0, text=t("data.checking"))
        try:
            with tempfile.TemporaryDirectory(prefix="abasto_upload_") as folder:
                problems = check_paths(_save(uploads, Path(folder)), data.db_path(),
                                        progress=lambda label, x: bar.progress(min(max(x, 0.0), 1.0), text=label))
            checked = (key, problems, None)
        except AbastoError as exc:
            checked = (key, None, str(exc))
        bar.empty()
        st.session_state["_data_check"] = checked
    _, problems, failure = checked if checked else (None, None, None)
    if checked is None:
        pass
    elif failure:
        st.error(t("data.rejected", message=failure), icon=":material/error:")
    else:
        errors = problems[problems["severity"] == "error"] if len(problems) else problems
        warnings = problems[problems["severity"] == "warning"] if len(problems) else problems
        files = problems.attrs.get("files") or []
        st.markdown(f"**{t('data.preview_title')}**")
        ui.table(_files_frame(files).rename(columns=lambda c: t(f"data.f_{c}")), "archivos_revisados",
                 key="tbl_checked_files")
        if len(errors):
            st.error(t("data.check_failed", errors=fmt.number(len(errors), 0, lang),
                       files=fmt.number(errors["file"].nunique(), 0, lang)), icon=":material/error:")
            st.markdown(f"**{t('data.problems_title')}**")
            _problems_table(problems, "problemas_importacion")
            _counts_caption(problems)
        else:
            rows = sum(int(f.get("rows") or 0) for f in files)
            st.success(t("data.check_ok", rows=fmt.number(rows, 0, lang), files=fmt.number(len(files), 0, lang)),
                       icon=":material/check_circle:")
            if len(warnings):
                st.markdown(f"**{t('data.warnings_title')}**")
                _problems_table(warnings, "advertencias_importacion")
        if st.button(t("data.import"), key="data_import", type="primary", disabled=bool(len(errors)),
                     icon=":material/upload:"):
            bar = st.progress(0.0, text=t("data.importing"))
            try:
                with tempfile.TemporaryDirectory(prefix="abasto_upload_") as folder:
                    report = import_paths(_save(uploads, Path(folder)), data.db_path(), user=_who(),
                                           origin="dashboard",
                                           progress=lambda label, x: bar.progress(min(max(x, 0.0), 1.0), text=label))
            except ImportRejected as exc:
                bar.empty()
                st.error(t("data.rejected", message=exc), icon=":material/error:")
                _problems_table(exc.problems, "problemas_importacion")
            except AbastoError as exc:
                bar.empty()
                st.error(t("data.rejected", message=exc), icon=":material/error:")
            else:
                bar.empty()
                data.clear()            # every page recomputes from the new file
                st.session_state.pop("_data_check", None)
                st.session_state["_data_imported"] = (key, report.batch_id, report.added, report.updated)
                st.rerun()

done = st.session_state.get("_data_imported")
if done:
    st.success(t("data.imported", batch=done[1], added=fmt.number(done[2], 0, lang),
                 updated=fmt.number(done[3], 0, lang)), icon=":material/check_circle:")

# ---------------------------------------------------------------- lineage
st.subheader(t("data.history_title"))
st.caption(t("data.history_help"))
history = data.call(coverage.history, scope)
if history.empty:
    ui.empty(t("data.no_history"))
else:
    show = pd.DataFrame({
        t("data.batch"): history["batch_id"],
        t("data.when"): history["started_at"],
        t("data.who"): history["user_name"],
        t("data.origin"): history["origin"],
        t("data.files"): history["n_files"],
        t("data.added"): history["rows_added"],
        t("data.updated"): history["rows_updated"],
        t("data.warnings"): history["warnings"],
    })
    when_fmt = "DD/MM/YYYY HH:mm" if lang == "es" else "YYYY-MM-DD HH:mm"
    ui.table(show, "historial_importaciones", download=history, key="tbl_history",
             column_config={t("data.when"): st.column_config.DatetimeColumn(format=when_fmt),
                            t("data.added"): ui.number_column(t("data.added")),
                            t("data.updated"): ui.number_column(t("data.updated"))})
    files = data.call(coverage.batch_files, scope)
    if len(files):
        st.markdown(f"**{t('data.lineage_files')}**")
        show = pd.DataFrame({
            t("data.batch"): files["batch_id"],
            t("data.file"): files["file"],
            t("data.table"): files["table_name"],
            t("data.format"): files["format"],
            t("data.rows"): files["rows"],
            t("data.added"): files["added"],
            t("data.updated"): files["updated"],
            "sha256": files["sha256"],
        })
        ui.table(show, "archivos_importados", download=files, key="tbl_batch_files",
                 column_config={t("data.rows"): ui.number_column(t("data.rows"))})

# ---------------------------------------------------------------- coverage
st.subheader(t("data.coverage_title"))
tables = data.call(coverage.tables, scope)
if int(tables["n_rows"].sum()) == 0:
    ui.empty(t("data.empty_db"))
    st.stop()

st.markdown(f"**{t('data.kpis_title')}**")
st.caption(t("data.kpis_help"))
reasons = data.call(computability, scope)
show = pd.DataFrame({
    t("data.kpi"): [KPIS[k].label(lang) if k in KPIS else k for k in reasons],
    t("data.computable"): [r is None for r in reasons.values()],
    t("data.reason"): [ui.reason_text(r, lang) or "" for r in reasons.values()],
    t("data.key"): list(reasons),
})
ok = int(show[t("data.computable")].sum())
st.caption(t("data.kpis_count", ok=fmt.number(ok, 0, lang), total=fmt.number(len(show), 0, lang)))
ui.table(show, "indicadores_calculables", key="tbl_computable")

left, right = st.columns([1, 1])
with left:
    st.markdown(f"**{t('data.tables_title')}**")
    day_fmt = "DD/MM/YYYY" if lang == "es" else "YYYY-MM-DD"
    show = pd.DataFrame({
        t("data.table"): tables["table_name"],
        t("data.rows"): tables["n_rows"],
        t("data.date_column"): tables["date_column"].fillna("—"),
        t("data.first"): tables["first_date"],
        t("data.last"): tables["last_date"],
    })
    ui.table(show, "tablas_fechas", download=tables, key="tbl_tables",
             column_config={t("data.rows"): ui.number_column(t("data.rows")),
                            t("data.first"): st.column_config.DateColumn(format=day_fmt),
                            t("data.last"): st.column_config.DateColumn(format=day_fmt)})
with right:
    st.markdown(f"**{t('data.fields_title')}**")
    st.caption(t("data.fields_help") + " " + t("data.fields_order"))
    fields = data.call(coverage.fields, scope)
    loaded = fields[fields["n_rows"] > 0].sort_values(["share", "table_name"], kind="stable")
    show = pd.DataFrame({
        t("data.table"): loaded["table_name"],
        t("data.column"): loaded["column_name"],
        t("data.filled"): loaded["share"] * 100,
        t("data.rows"): loaded["filled"],
    })
    ui.table(show, "llenado_columnas", download=fields.rename(columns=_FIELD_COLUMNS), key="tbl_fields", height=420,
             column_config={t("data.filled"): st.column_config.ProgressColumn(
                                t("data.filled"), format="%.0f %%", min_value=0, max_value=100),
                            t("data.rows"): ui.number_column(t("data.rows"))})
