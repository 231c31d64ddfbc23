"""Labels and prose of the Methodology page (Metodología)."""

LABELS = {
    "methodology.title": ("Metodología", "Methodology"),
    "methodology.why_title": ("Por qué medir el desempeño y no solo el cumplimiento",
                              "Why measure performance, not only compliance"),
    "methodology.why_body": (
        "La Segunda Revisión de Compras Públicas del IMSS de la OCDE (2018) recomienda pasar de "
        "revisar el **cumplimiento** de los proveedores a promover su **desempeño**. Cumplimiento "
        "es saber si se violó una cláusula del contrato (se aplicó una pena, se rescindió). "
        "Desempeño es qué tan bien entrega cada proveedor a lo largo del tiempo, comparado con "
        "sus pares: así se reconoce a los buenos proveedores, los débiles reciben planes de "
        "mejora y el historial informa las compras futuras.\n\n"
        "La OCDE encontró que **17 % de las órdenes de compra del IMSS en 2016 llegaron tarde o "
        "incompletas** (aquí: la tasa de incumplimiento, líneas que no llegaron a tiempo y "
        "completas). Desde 2025 el gobierno de México nombra públicamente a los proveedores por "
        "el **porcentaje de piezas contratadas que no entregaron**; esa cifra se reproduce aquí "
        "con un clic (piezas no entregadas = 1 − surtimiento).",
        "The OECD's Second Public Procurement Review of IMSS (2018) recommends moving from "
        "checking suppliers' **compliance** to promoting their **performance**. Compliance is "
        "whether a contract clause was breached (a penalty applied, a contract rescinded). "
        "Performance is how well each supplier delivers over time compared with its peers: so "
        "good suppliers are recognised, weak ones get improvement plans, and past performance "
        "informs future purchases.\n\n"
        "The OECD found that **17% of IMSS purchase orders in 2016 were late or incomplete** "
        "(here: the non-compliance rate, lines not delivered on time and in full). Since 2025 "
        "Mexico's government publicly names suppliers by the **share of contracted pieces they "
        "did not deliver**; that figure is reproduced here in one click (undelivered share = "
        "1 − fill rate)."),
    "methodology.scope_title": ("Qué líneas cuentan", "Which lines count"),
    "methodology.scope_body": (
        "Cada indicador se calcula sobre un periodo de fechas límite y una fecha de corte (por "
        "omisión, la última entrega registrada). Una línea de orden es **evaluable** cuando no "
        "está cancelada, su fecha límite cae en el periodo y ya venció a la fecha de corte. "
        "Solo cuentan las entregas hechas hasta la fecha de corte. Los atrasos causados por el "
        "comprador o por fuerza mayor no se cargan al proveedor.",
        "Every indicator is computed over a window of due dates and an as-of date (by default, "
        "the latest recorded delivery). An order line is **evaluable** when it is not "
        "cancelled, its due date is in the window and it is due by the as-of date. Only "
        "deliveries made by the as-of date count. Delays caused by the buyer or by force "
        "majeure are not held against the supplier."),
    "methodology.kpis_title": ("Indicadores", "Indicators"),
    "methodology.formula": ("Fórmula", "Formula"),
    "methodology.why": ("Por qué importa", "Why it matters"),
    "methodology.unit": ("Unidad", "Unit"),
    "methodology.better": ("Mejor si es", "Better when"),
    "methodology.higher": ("mayor", "higher"),
    "methodology.lower": ("menor", "lower"),
    "methodology.needs": ("Requiere", "Needs"),
    "methodology.score_title": ("Calificación de desempeño (0–100)", "Performance score (0–100)"),
    "methodology.score_body": (
        "Cinco componentes entre 0 y 1: entrega = OTIF; completitud = surtimiento; calidad = "
        "1 − tasa de rechazo; puntualidad = máx(0, 1 − días de atraso promedio / {days}); precio "
        "= recorte(2 − índice de precio, 0, 1). Un componente sin datos se omite y los pesos de "
        "los demás se reescalan (nunca cuenta como perfecto). Las tasas de proveedores con pocas "
        "líneas se acercan al promedio de sus pares (modelo beta-binomial empírico), con un "
        "intervalo de 95 %; las tasas sin ajustar se muestran al lado. Calificación = 100 · "
        "Σ peso·componente / Σ pesos. Un proveedor con menos de {min_lines} líneas evaluables "
        "aparece como «datos insuficientes».",
        "Five components between 0 and 1: delivery = OTIF; completeness = fill rate; quality = "
        "1 − rejection rate; timeliness = max(0, 1 − mean days late / {days}); price = clip(2 − "
        "price index, 0, 1). A component without data is left out and the other weights are "
        "rescaled (never scored as perfect). Rates of suppliers with few lines are pulled toward "
        "their peers' mean (empirical-Bayes beta-binomial), with a 95% interval; raw rates are "
        "shown beside them. Score = 100 · Σ weight·component / Σ weights. A supplier with fewer "
        "than {min_lines} evaluable lines is shown as \"insufficient data\"."),
    "methodology.trend_body": (
        "Tendencia: prueba de Mann–Kendall sobre la tasa OTIF mensual de los últimos {months} "
        "meses y pendiente de Theil–Sen; mejora o empeora cuando p < {alpha}. Gráfica de control: "
        "gráfica p mensual con límites de 3 sigmas alrededor del promedio del propio proveedor.",
        "Trend: Mann–Kendall test on the monthly OTIF rate of the last {months} months and the "
        "Theil–Sen slope; improving or declining when p < {alpha}. Control chart: monthly p-chart "
        "with 3-sigma limits around the supplier's own mean."),
    "methodology.shortage_body": (
        "Desabasto: un insumo está en desabasto en un mes cuando su surtimiento es menor que "
        "{threshold}. Un episodio son meses consecutivos en desabasto. Las piezas faltantes de "
        "cada mes se reparten entre los proveedores de las líneas atrasadas. Concentración: "
        "índice Herfindahl–Hirschman de las participaciones de los proveedores en piezas "
        "aceptadas (0–10,000; más de 2,500 es muy concentrado).",
        "Shortage: an item is short in a month when its fill rate is below {threshold}. An "
        "episode is a run of consecutive short months. Each month's missing pieces are split "
        "among the suppliers of the late lines. Concentration: Herfindahl–Hirschman index of "
        "the suppliers' shares of accepted pieces (0–10,000; above 2,500 is highly "
        "concentrated)."),
    "methodology.compliance_body": (
        "Cumplimiento: por cada entrega tardía por causa del proveedor corresponde una pena "
        "convencional = pena diaria · días de atraso · precio unitario · piezas aceptadas; por lo "
        "que sigue faltando a la fecha de corte, una deductiva = tasa de deductiva · precio "
        "unitario · piezas faltantes. El total por contrato se topa en la garantía · importe; "
        "al usar {rescission} del tope el contrato se marca cerca del umbral de rescisión.",
        "Compliance: each delivery late through the supplier's fault owes a late penalty = daily "
        "rate · days late · unit price · accepted pieces; what is still missing at the as-of "
        "date owes a deduction = deduction rate · unit price · missing pieces. A contract's "
        "total is capped at guarantee · amount; at {rescission} of the cap the contract is "
        "flagged near the rescission threshold."),
    "methodology.indicator": ("Indicador", "Indicator"),
    "methodology.shortages_title": ("Desabasto", "Shortages"),
    "methodology.compliance_title": ("Cumplimiento del contrato y penas", "Contract compliance and penalties"),
    "methodology.unit_count": ("conteo", "count"),
    "methodology.unit_share": ("proporción (se muestra en %)", "share (shown in %)"),
    "methodology.unit_days": ("días", "days"),
    "methodology.unit_qty": ("piezas", "pieces"),
    "methodology.unit_mxn": ("pesos (MXN)", "pesos (MXN)"),
    "methodology.unit_index": ("índice (1 = precio de referencia)", "index (1 = reference price)"),
    "methodology.unit_score": ("puntos (0–100)", "points (0–100)"),
    "methodology.weight_delivery": ("Peso: entrega (OTIF)", "Weight: delivery (OTIF)"),
    "methodology.weight_completeness": ("Peso: completitud", "Weight: completeness"),
    "methodology.weight_quality": ("Peso: calidad", "Weight: quality"),
    "methodology.weight_timeliness": ("Peso: puntualidad", "Weight: timeliness"),
    "methodology.weight_price": ("Peso: precio", "Weight: price"),
    "methodology.weight_share": ("{share} de la calificación cuando hay datos de todos los componentes.",
                                 "{share} of the score when every component has data."),
    "methodology.settings_title": ("Pesos y umbrales vigentes", "Current weights and thresholds"),
    "methodology.settings_help": (
        "Los valores los define un administrador en abasto.toml; toda exportación indica los "
        "pesos usados.",
        "An administrator sets these values in abasto.toml; every export states the weights used."),
    "methodology.setting": ("Ajuste", "Setting"),
    "methodology.value": ("Valor", "Value"),
    "methodology.default": ("Por omisión", "Default"),
    "methodology.meaning": ("Significado", "Meaning"),
}
