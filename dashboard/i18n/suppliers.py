"""Labels of the supplier pages: Proveedores, Ficha de proveedor, Comparar."""

LABELS = {
    # list
    "suppliers.search": ("Buscar", "Search"),
    "suppliers.search_placeholder": ("Nombre, RFC o clave del proveedor", "Name, RFC or supplier id"),
    "suppliers.tier_filter": ("Nivel", "Tier"),
    "suppliers.group_filter": ("Grupo de pares", "Peer group"),
    "suppliers.group_help": ("Grupo de insumo principal del proveedor (por valor ordenado): con él se "
                             "calcula su percentil entre pares.",
                             "The supplier's main item group (by ordered value): its peer percentile "
                             "is computed within it."),
    "suppliers.summary": ("{shown} de {total} proveedores · {tiers}", "{shown} of {total} suppliers · {tiers}"),
    "suppliers.score": ("Calificación", "Score"),
    "suppliers.score_help": ("0–100, con tasas ajustadas por tamaño de muestra (beta-binomial).",
                             "0–100, rates adjusted for sample size (beta-binomial)."),
    "suppliers.interval": ("IC 95 %", "95 % CI"),
    "suppliers.interval_help": ("Intervalo de confianza al 95 % de la calificación: si dos intervalos se "
                                "traslapan, la diferencia puede ser ruido.",
                                "95 % interval of the score: when two intervals overlap the difference "
                                "may be noise."),
    "suppliers.tier": ("Nivel", "Tier"),
    "suppliers.trend": ("Tendencia", "Trend"),
    "suppliers.trend_help": ("OTIF mensual de los últimos 12 meses (Mann–Kendall, p < 0.05).",
                             "Monthly OTIF over the last 12 months (Mann–Kendall, p < 0.05)."),
    "suppliers.lines": ("Líneas", "Lines"),
    "suppliers.otif": ("OTIF", "OTIF"),
    "suppliers.fill": ("Surtimiento", "Fill rate"),
    "suppliers.rejection": ("Rechazo", "Rejection"),
    "suppliers.penalties_applied": ("Penas aplicadas", "Penalties applied"),
    "suppliers.penalty_gap": ("Penas no aplicadas", "Penalty gap"),
    "suppliers.scorecard": ("Ficha", "Scorecard"),
    "suppliers.select_hint": ("Seleccione una fila (casilla a la izquierda) o use «Abrir» para ver la ficha del proveedor.",
                              "Select a row (box on the left) or use 'Open' to see the supplier's scorecard."),
}
