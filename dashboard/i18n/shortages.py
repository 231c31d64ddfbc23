"""Labels of the Shortages page (Desabasto) and the Item page (Ficha de insumo)."""

LABELS = {
    # page
    "shortages.title": ("Desabasto", "Shortages"),
    "shortages.pdf": ("Revisión de desabasto en PDF", "Shortage review as PDF"),
    "shortages.intro": (
        "Un insumo está en desabasto en un mes cuando su surtimiento (piezas aceptadas a la fecha "
        "de corte / piezas ordenadas, en las líneas que vencen ese mes) es menor que el umbral "
        "de {threshold}.",
        "An item is short in a month when its fill rate (pieces accepted by the as-of date / "
        "pieces ordered, over the lines due that month) is below the threshold of {threshold}."),
    "shortages.headline": ("% de piezas no entregadas", "% of pieces not delivered"),
    "shortages.headline_help": (
        "La cifra que el gobierno publica por proveedor: 1 − surtimiento, ponderado por piezas.",
        "The figure the government publishes per supplier: 1 − fill rate, weighted by pieces."),
    "shortages.pieces_short": ("Piezas faltantes", "Pieces missing"),
    "shortages.headline_detail": ("{missing:Falta|Faltan} {missing} de {ordered} {ordered:pieza ordenada|piezas ordenadas}.",
                                  "{missing} of {ordered} {ordered:piece|pieces} ordered {missing:is|are} missing."),
    "shortages.pieces_short_help": (
        "Piezas ordenadas en líneas evaluables y no aceptadas a la fecha de corte.",
        "Pieces ordered in evaluable lines and not accepted by the as-of date."),
    "shortages.of_ordered": ("de {ordered} {ordered:pieza ordenada|piezas ordenadas}",
                            "of {ordered} {ordered:piece|pieces} ordered"),
    "shortages.items_short_now_detail": ("de {items} {items:insumo|insumos} con órdenes en {month}",
                                         "of {items} {items:item|items} with orders in {month}"),
    "shortages.short_item_months": ("{n} {n:mes-insumo|meses-insumo} en desabasto en el periodo",
                                    "{n} short {n:item-month|item-months} in the period"),
    "shortages.start": ("Inicio", "Start"),
    "shortages.end": ("Fin", "End"),
    "shortages.months": ("Meses", "Months"),
    "shortages.dominant": ("Proveedor dominante", "Dominant supplier"),
    "shortages.dominant_share": ("Participación del dominante", "Dominant share"),
    "shortages.items_short_now": ("Insumos en desabasto (último mes)", "Items short (latest month)"),
    "shortages.ongoing_episodes": ("Episodios en curso", "Ongoing episodes"),
    # trend
    "shortages.trend_title": ("Insumos en desabasto por mes", "Short items per month"),
    "shortages.trend_by": ("Desglosar por", "Break down by"),
    "shortages.by_group": ("Grupo de insumo", "Item group"),
    "shortages.by_institution": ("Institución", "Institution"),
    "shortages.by_state": ("Estado", "State"),
    "shortages.by_none": ("Total", "Total"),
    "shortages.short_items": ("Insumos en desabasto", "Short items"),
    "shortages.top_series": ("Los {n} de {total} con más insumos en desabasto en el periodo.",
                             "The {n} of {total} with the most short items in the period."),
    "shortages.count_items_unit": ("número de insumos", "number of items"),
    "shortages.units_pieces_pct": ("piezas y %", "pieces and %"),
    "shortages.prescriptions_unit": ("recetas", "prescriptions"),
    # heat map
    "shortages.heatmap_title": ("Surtimiento por insumo y mes", "Fill rate by item and month"),
    "shortages.heatmap_note": (
        "{n:El insumo|Los {n} insumos} con más meses en desabasto; rojo = surtimiento bajo el umbral de "
        "{threshold}.",
        "The {n:item|{n} items} with the most short months; red = fill rate below the {threshold} "
        "threshold."),
    "shortages.fill_rate": ("Surtimiento", "Fill rate"),
    # tables
    "shortages.worsening_title": ("Insumos que empeoran", "Worsening items"),
    "shortages.worsening_help": (
        "Prueba de Mann–Kendall sobre el surtimiento mensual de los últimos meses: tau < 0 y "
        "p < {alpha}. La pendiente de Theil–Sen está en puntos porcentuales por mes.",
        "Mann–Kendall test on the monthly fill rate of recent months: tau < 0 and p < {alpha}. "
        "The Theil–Sen slope is in percentage points per month."),
    "shortages.episodes_title": ("Episodios de desabasto", "Shortage episodes"),
    "shortages.episodes_help": (
        "Meses consecutivos en desabasto de un insumo; los episodios en curso van primero.",
        "Consecutive short months of an item; ongoing episodes come first."),
    "shortages.risk_title": ("Insumos en riesgo por concentración", "Items at risk from concentration"),
    "shortages.risk_help": (
        "Insumos con pocos proveedores (índice Herfindahl–Hirschman > 2,500 o proveedor único) "
        "cuyo proveedor dominante entrega mal: si falla, no hay quién lo sustituya.",
        "Items with few suppliers (Herfindahl–Hirschman index > 2,500 or a single source) whose "
        "dominant supplier delivers poorly: if it fails, nobody replaces it."),
    "shortages.open_item": ("Abrir ficha del insumo", "Open the item page"),
    "shortages.open_item_named": ("Abrir la ficha de {code}", "Open the page of {code}"),
    "shortages.pick_item": ("Elija un insumo de la tabla para ver su ficha.",
                            "Select an item in the table to see its page."),
    "shortages.ongoing": ("En curso", "Ongoing"),
    # optional data
    "shortages.prescriptions_title": ("Recetas surtidas", "Prescriptions filled"),
    "shortages.prescriptions_missing": (
        "No hay recetas cargadas. Cargue un archivo `recetas` (prescriptions: unidad, clave, mes, "
        "emitidas, surtidas) en la página Datos para ver el surtimiento de recetas.",
        "No prescriptions are loaded. Load a `prescriptions` file (unit, item, month, issued, "
        "filled) on the Data page to see the prescription fill rate."),
    "shortages.funnel_title": ("Embudo de compra", "Procurement funnel"),
    "shortages.demand_title": ("Demanda: recetas surtidas y embudo de compra",
                               "Demand: prescriptions filled and procurement funnel"),
    "shortages.funnel_missing": (
        "No hay partidas licitadas cargadas. Cargue un archivo `partidas_licitadas` "
        "(tender_items) en la página Datos para ver el embudo licitado → adjudicado → "
        "contratado → ordenado → entregado.",
        "No tender items are loaded. Load a `tender_items` file on the Data page to see the "
        "funnel tendered → awarded → contracted → ordered → delivered."),
    "shortages.funnel_tendered": ("Licitadas", "Tendered"),
    "shortages.funnel_awarded": ("Adjudicadas", "Awarded"),
    "shortages.funnel_contracted": ("Contratadas", "Contracted"),
    "shortages.funnel_ordered": ("Ordenadas", "Ordered"),
    "shortages.funnel_delivered": ("Entregadas", "Delivered"),
    "shortages.funnel_lost": ("Partidas perdidas antes del contrato: {no_bids} {no_bids:desierta|desiertas}, "
                              "{rejected} {rejected:rechazada|rechazadas}, {cancelled} "
                              "{cancelled:cancelada|canceladas}.",
                              "Items lost before a contract: {no_bids} without bids, {rejected} "
                              "rejected, {cancelled} cancelled."),
    "shortages.tier": ("Nivel del dominante", "Dominant's tier"),
    "shortages.trend": ("Tendencia del dominante", "Dominant's trend"),
    "shortages.prescriptions_rate": ("Surtimiento de recetas: {rate} ({unfilled} de {issued} {issued:receta|recetas} "
                                     "sin surtir por completo).",
                                     "Prescription fill rate: {rate} ({unfilled} of {issued} "
                                     "{issued:prescription|prescriptions} not fully filled)."),
    "shortages.ignored_filters": ("Estos datos no tienen {names}: ese filtro no se les aplica.",
                                  "This data has no {names}: that filter does not apply to it."),
    "shortages.filled": ("Surtidas", "Filled"),
    "shortages.unfilled": ("No surtidas", "Unfilled"),
    "shortages.count": ("Partidas", "Items"),
    "shortages.empty": (
        "No hay líneas de orden evaluables con estos filtros: amplíe el periodo o quite filtros.",
        "There are no evaluable order lines with these filters: widen the period or remove filters."),
    "shortages.none_short": ("Ningún insumo quedó bajo el umbral con estos filtros.",
                             "No item fell below the threshold with these filters."),
    "shortages.none_worsening": ("Ningún insumo muestra un deterioro significativo.",
                                 "No item shows a significant decline."),
    "shortages.none_risk": ("Ningún insumo concentrado tiene un proveedor dominante que entregue mal.",
                            "No concentrated item has a poorly delivering dominant supplier."),
    # item page
    "item.title": ("Ficha de insumo", "Item page"),
    "item.choose": ("Clave del insumo", "Item code"),
    "item.none": ("Elija un insumo (desde Desabasto o aquí) para ver su ficha.",
                  "Choose an item (from Shortages or here) to see its page."),
    "item.unknown": ("No existe la clave «{id}» en esta base de datos.",
                     "There is no item '{id}' in this database."),
    "item.not_found": ("La clave {code} no tiene líneas de orden con estos filtros.",
                       "Item {code} has no order lines with these filters."),
    "item.history_title": ("Suministro mensual de {code}", "Monthly supply of {code}"),
    "item.threshold": ("Umbral de desabasto ({value})", "Shortage threshold ({value})"),
    "item.qty_ordered": ("Piezas ordenadas", "Pieces ordered"),
    "item.qty_accepted": ("Piezas aceptadas", "Pieces accepted"),
    "item.suppliers_title": ("Proveedores detrás del faltante", "Suppliers behind the shortfall"),
    "item.suppliers_help": (
        "En cada mes en desabasto, las piezas no entregadas se reparten entre los proveedores "
        "de las líneas que siguen incompletas.",
        "In each short month, the undelivered pieces are split among the suppliers of the lines "
        "still incomplete."),
    "item.undelivered": ("Piezas no entregadas", "Pieces not delivered"),
    "item.hhi": ("Índice Herfindahl–Hirschman", "Herfindahl–Hirschman index"),
    "item.single_source": ("Proveedor único", "Single source"),
    "item.highly_concentrated": ("Muy concentrado (> 2,500)", "Highly concentrated (> 2,500)"),
    "item.shares_title": ("Participación de proveedores en piezas surtidas",
                          "Suppliers' share of pieces filled"),
    "item.fill_detail": ("Surtido a tiempo (a la fecha límite): {by_due}. Piezas ordenadas: {ordered}.",
                         "Filled on time (by the due date): {by_due}. Pieces ordered: {ordered}."),
    "item.pieces_missing": ("{n} {n:pieza|piezas} sin entregar a la fecha de corte",
                            "{n} {n:piece|pieces} not delivered by the as-of date"),
    "item.hhi_help": ("Suma de los cuadrados de las participaciones de los proveedores en piezas "
                      "aceptadas (0–10,000). Más de 2,500: muy concentrado.",
                      "Sum of the squared supplier shares of accepted pieces (0–10,000). Above "
                      "2,500: highly concentrated."),
    "item.top_supplier": ("Principal: {supplier} ({share})", "Top: {supplier} ({share})"),
    "item.lines": ("Líneas", "Lines"),
    "item.tier": ("Nivel", "Tier"),
    "item.units_title": ("Unidades que lo pidieron", "Units that ordered it"),
    "item.share": ("Participación", "Share"),
    "item.no_shares": ("Ningún proveedor entregó piezas de este insumo en el alcance.",
                       "No supplier delivered pieces of this item in scope."),
    "item.affected_title": ("Estados e instituciones afectados", "States and institutions affected"),
    "item.episodes_title": ("Episodios de desabasto del insumo", "The item's shortage episodes"),
    "item.description": ("Descripción", "Description"),
    "item.group": ("Grupo", "Group"),
    "item.months_short": ("Meses en desabasto", "Short months"),
}
