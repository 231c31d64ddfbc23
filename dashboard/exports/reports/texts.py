"""Every sentence of the PDF reports, in Spanish and English (key -> (es, en))."""
from __future__ import annotations

from metrics.fmt import fill

TEXT: dict[str, tuple[str, str]] = {
    # supplier report
    "supplier.title": ("Ficha de proveedor", "Supplier scorecard"),
    "supplier.doc_title": ("Ficha de proveedor: {name}", "Supplier scorecard: {name}"),
    "supplier.id_line": ("Proveedor {id}", "Supplier {id}"),
    "supplier.rfc": ("RFC {rfc}", "RFC {rfc}"),
    "supplier.no_lines": ("El proveedor no tiene líneas evaluables en este alcance: no hay cifras que "
                          "mostrar. Revise el periodo y los filtros.",
                          "The supplier has no evaluable lines in this scope: there are no figures to "
                          "show. Check the period and the filters."),
    "supplier.kpis": ("Indicadores", "Indicators"),
    "supplier.trend": ("Tendencia mensual y control estadístico", "Monthly trend and statistical control"),
    "supplier.trend_note": ("Puntos: proporción mensual de líneas entregadas a tiempo y completas. "
                            "Línea central: promedio del proveedor; banda: límites de 3 sigmas. "
                            "Meses fuera de la banda (en rojo) indican un cambio real, no azar.",
                            "Points: monthly share of lines delivered on time in full. Center line: "
                            "the supplier's mean; band: 3-sigma limits. Months outside the band (red) "
                            "signal a real change, not chance."),
    "supplier.by_institution": ("Desglose por institución", "Breakdown by institution"),
    "supplier.by_item": ("Insumos con más líneas", "Items with most lines"),
    "supplier.ledger": ("Cumplimiento contractual (penas)", "Contract compliance (penalties)"),
    "supplier.ledger_note": ("Penas calculadas con los términos de cada contrato (pena diaria por atraso "
                             "y deductiva por lo no entregado), con tope en la garantía; «no aplicadas» "
                             "= calculadas − aplicadas. Un contrato con ≥ {threshold} del tope usado "
                             "está cerca de la rescisión.",
                             "Penalties computed from each contract's terms (daily late penalty and "
                             "deduction on what was not delivered), capped at the guarantee; gap = due − "
                             "applied. A contract with ≥ {threshold} of its cap used is near rescission."),
    "supplier.method": ("Metodología", "Methodology"),
    "supplier.method_text": (
        "Calificación de 0 a 100 = promedio ponderado de cinco componentes: entrega a tiempo y completa "
        "(OTIF), surtimiento, calidad (1 − rechazo), puntualidad (1 − días de atraso promedio / {days}) "
        "y precio (2 − índice de precio). Las tasas se ajustan hacia la media de los proveedores del "
        "alcance con un modelo beta-binomial empírico, para no premiar ni castigar muestras pequeñas; el "
        "intervalo es del 95 %. Un componente sin datos se omite y los demás pesos se reescalan. Con "
        "menos de {min_lines} líneas evaluables el proveedor no recibe nivel.",
        "Score from 0 to 100 = weighted mean of five components: on time in full (OTIF), fill rate, "
        "quality (1 − rejection), timeliness (1 − mean days late / {days}) and price (2 − price index). "
        "Rates are shrunk toward the mean of the suppliers in scope with an empirical-Bayes "
        "beta-binomial model, so small samples are neither rewarded nor punished; the interval is 95 %. "
        "A component without data is left out and the other weights rescaled. With fewer than "
        "{min_lines} evaluable lines a supplier gets no tier."),
    "card.score": ("Calificación", "Score"),
    "card.score_note": ("IC 95 %: {low} – {high} · nivel {tier}", "95 % CI: {low} – {high} · tier {tier}"),
    "card.insufficient": ("datos insuficientes (< {n} líneas)", "insufficient data (< {n} lines)"),
    "card.lines": ("{n} {n:línea|líneas}", "{n} {n:line|lines}"),
    "card.adjusted": ("ajustada {value} · {n} {n:línea|líneas}", "adjusted {value} · {n} {n:line|lines}"),
    "card.p90": ("p90: {value} días", "p90: {value} days"),
    "card.peer": ("Percentil entre pares (0–100)", "Peer percentile (0–100)"),
    "card.peer_note": ("grupo: {group}", "group: {group}"),
    "card.trend": ("Tendencia de OTIF ({months} meses)", "OTIF trend ({months} months)"),
    "card.trend_note": ("{slope} puntos/mes · p = {p}", "{slope} points/month · p = {p}"),
    "card.backlog": ("{qty} {qty:pieza pendiente|piezas pendientes}", "{qty} {qty:piece|pieces} outstanding"),
    "card.not_computable": ("no calculable", "not computable"),
    "card.gap_note": ("calculadas {due} · aplicadas {applied}", "due {due} · applied {applied}"),
    # shortage report
    "shortages.title": ("Revisión de desabasto", "Shortage review"),
    "shortages.subtitle": ("Insumos con surtimiento menor a {threshold} en un mes",
                           "Items whose monthly fill rate is below {threshold}"),
    "shortages.no_lines": ("No hay líneas evaluables en este alcance.", "There are no evaluable lines in this scope."),
    "shortages.undelivered": ("Piezas contratadas no entregadas", "Contracted pieces not delivered"),
    "shortages.undelivered_note": ("{qty} de {ordered} {ordered:pieza|piezas}", "{qty} of {ordered} {ordered:piece|pieces}"),
    "shortages.short_now": ("Insumos en desabasto (último mes)", "Short items (latest month)"),
    "shortages.short_now_note": ("de {items} con órdenes en {month}", "of {items} ordered in {month}"),
    "shortages.item_months": ("Insumo-meses en desabasto", "Short item-months"),
    # a count of item-months next to a count of items: say what each is, not "N of M"
    "shortages.item_months_note": ("los meses en desabasto de cada insumo, sumados; {items} "
                                   "{n:insumo evaluado|insumos evaluados}",
                                   "each item's short months, added up; {items} {n:item|items} assessed"),
    "shortages.lines": ("Líneas evaluables", "Evaluable lines"),
    "shortages.trend": ("Insumos en desabasto por mes", "Short items by month"),
    "shortages.worst": ("Insumos con más meses en desabasto", "Items short for most months"),
    "shortages.episodes": ("Episodios de desabasto (en curso primero)", "Shortage episodes (ongoing first)"),
    "shortages.worsening": ("Insumos que empeoran (Mann–Kendall, p < {alpha})",
                            "Worsening items (Mann–Kendall, p < {alpha})"),
    "shortages.none_worsening": ("Ningún insumo muestra una caída significativa de su surtimiento.",
                                 "No item shows a significant decline in its fill rate."),
    "shortages.risk": ("Insumos en riesgo", "Items at risk"),
    "shortages.none_risk": ("Ningún insumo en riesgo en este alcance.", "No items at risk in this scope."),
    "shortages.suppliers": ("Proveedores detrás del desabasto", "Suppliers behind the shortages"),
    "shortages.method": ("Metodología", "Methodology"),
    "shortages.method_text": (
        "Un insumo está en desabasto en un mes cuando, de sus líneas con fecha límite en ese mes, se "
        "aceptó a la fecha de corte menos de {threshold} de lo ordenado (surtimiento), y tuvo al menos "
        "una línea evaluable. El surtimiento a tiempo (aceptado a la fecha límite + {grace} días de "
        "gracia) se muestra al lado: lo que llegó tarde es un problema de desempeño, no de abasto. Un "
        "episodio es una racha de meses consecutivos en desabasto. «Piezas no entregadas» = ordenado − "
        "aceptado a la fecha de corte, la cifra que el gobierno publica por proveedor. Un insumo "
        "empeora cuando su surtimiento mensual baja con significancia (Mann–Kendall); está en riesgo "
        "cuando depende de un proveedor único o dominante de nivel C/D o que empeora.",
        "An item is short in a month when, of its lines due that month, less than {threshold} of the "
        "quantity ordered was accepted by the as-of date (fill rate), and it had at least one evaluable "
        "line. The fill rate by due date (accepted by the due date + {grace} grace days) is shown "
        "beside it: what arrived late is a performance problem, not a shortage. An episode is a run of "
        "consecutive short months. \"Pieces not delivered\" = ordered − accepted by the as-of date, "
        "the figure the government publishes per supplier. An item is worsening when its monthly fill "
        "rate falls significantly (Mann–Kendall); it is at risk when it depends on a single or dominant "
        "supplier of tier C/D or declining."),
    # shared
    "more_rows_command": ("{{shown}} de {{total}} filas; todas con `{command}`.",
                          "{{shown}} of {{total}} rows; all of them with `{command}`."),
    "more_rows": ("{shown} de {total} filas; la lista completa está en `abasto export tables`.",
                  "{shown} of {total} rows; the full list is in `abasto export tables`."),
    "no_rows": ("Sin filas en este alcance.", "No rows in this scope."),
    "scope": ("Alcance", "Scope"),
    "grace_line": ("días de gracia: {n}", "grace days: {n}"),
    "chart_missing": ("Gráfica omitida: {reason}", "Chart left out: {reason}"),
    "not_computable_reason": ("No calculable: {reason}", "Not computable: {reason}"),
    "no_data": ("Sin datos en este alcance.", "No data in this scope."),
}


def tr(key: str, lang: str = "es", **values) -> str:
    """The text `key` in `lang`, formatted by metrics.fmt.fill ('{n} {n:línea|líneas}')."""
    text = TEXT[key][0 if lang == "es" else 1]
    return fill(text, **values) if values else text
