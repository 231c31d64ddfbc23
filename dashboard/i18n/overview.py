"""Labels of the Overview page (Resumen)."""

LABELS = {
    "overview.trend_title": ("Entregas a tiempo y completas (OTIF) y surtimiento por mes",
                             "On time in full (OTIF) and fill rate by month"),
    "overview.otif": ("OTIF", "OTIF"),
    "overview.fill": ("Surtimiento", "Fill rate"),
    "overview.due_month": ("Mes de la fecha límite", "Due month"),
    "overview.tiers_title": ("Proveedores por nivel de desempeño", "Suppliers by performance tier"),
    "overview.tier": ("Nivel", "Tier"),
    "overview.no_previous": (
        "Sin periodo anterior para comparar: elija fechas «desde» y «hasta» para ver el cambio "
        "frente al periodo anterior de igual duración.",
        "No previous period to compare with: choose 'from' and 'to' dates to see the change "
        "against the previous period of equal length."),
    "overview.previous": ("Cambio frente al periodo anterior de igual duración ({start} al {end}), "
                          "con la misma fecha de corte.",
                          "Change against the previous period of equal length ({start} to {end}), "
                          "same as-of date."),
    "overview.shortage_header": ("Desabasto", "Shortages"),
    "overview.pieces_not_delivered": ("Piezas contratadas no entregadas", "Contracted pieces not delivered"),
    "overview.pieces_detail": ("{missing} {missing:pieza faltante|piezas faltantes} de {ordered} "
                               "{ordered:ordenada|ordenadas} en líneas evaluables.",
                               "{missing} {missing:piece|pieces} missing of {ordered} ordered in evaluable lines."),
    "overview.short_now": ("Insumos en desabasto ahora", "Items short now"),
    "overview.short_now_help": ("Insumos con surtimiento menor al umbral en el último mes del alcance.",
                                "Items whose fill rate is below the threshold in the scope's latest month."),
    "overview.short_now_detail": ("de {items} {items:insumo pedido|insumos pedidos} en {month}",
                                  "of {items} {items:item|items} ordered in {month}"),
    "overview.short_item_months": ("Meses-insumo en desabasto", "Short item-months"),
    "overview.short_item_months_help": ("Cada insumo cuenta una vez por cada mes en que estuvo en desabasto.",
                                        "Each item counts once for every month it was short."),
    "overview.to_shortages": ("Ver el desabasto", "See shortages"),
    "overview.to_suppliers": ("Ver todos los proveedores", "See all suppliers"),
    "overview.to_contracts": ("Ver los contratos", "See contracts"),
    "overview.ranking_header": ("Mejores y peores proveedores", "Best and worst suppliers"),
    "overview.top_title": ("{n:El proveedor|Los {n} proveedores} con mejor calificación",
                           "Top {n:supplier|{n} suppliers} by score"),
    "overview.bottom_title": ("{n:El proveedor|Los {n} proveedores} con peor calificación",
                              "Bottom {n:supplier|{n} suppliers} by score"),
    "overview.no_tiered": ("Ningún proveedor tiene suficientes líneas evaluables para calificarse en este alcance.",
                           "No supplier has enough evaluable lines to be tiered in this scope."),
    "overview.no_bottom": ("Solo hay un proveedor calificado en este alcance.",
                           "Only one supplier is tiered in this scope."),
    "overview.alerts_header": ("Alertas", "Alerts"),
    "overview.alert_rescission": ("Contratos cerca del umbral de rescisión (uso del tope de garantía ≥ umbral): {n}.",
                                  "Contracts near the rescission threshold (guarantee cap used ≥ threshold): {n}."),
    "overview.alert_worsening": ("Insumos cuyo surtimiento empeora de forma significativa (Mann–Kendall, "
                                 "p < {alpha}): {n}.",
                                 "Items whose fill rate is getting significantly worse (Mann–Kendall, "
                                 "p < {alpha}): {n}."),
    "overview.alert_gap": ("Penas no aplicadas: {gap} (procedentes {due}, aplicadas {applied}).",
                           "Penalties not applied: {gap} (due {due}, applied {applied})."),
    "overview.no_alerts": ("Sin alertas en este alcance.", "No alerts in this scope."),
    "overview.cap_used": ("Uso del tope", "Cap used"),
    "overview.penalty_gap": ("Penas no aplicadas", "Penalty gap"),
    "overview.description": ("Descripción", "Description"),
}
