"""Labels of the login gate, the roles and the admin settings page."""

LABELS = {
    "auth.login_needed": ("Este tablero requiere iniciar sesión. Entre con su cuenta institucional.",
                          "This dashboard requires signing in. Use your institutional account."),
    "auth.login": ("Iniciar sesión", "Sign in"),
    "auth.logout": ("Cerrar sesión", "Sign out"),
    "auth.refused": ("La cuenta {email} no tiene acceso a este tablero. Pida a un administrador "
                     "que la agregue a {file} y vuelva a entrar.",
                     "The account {email} has no access to this dashboard. Ask an administrator "
                     "to add it to {file}, then sign in again."),
    "auth.roles_broken": ("El archivo de roles no se pudo leer: {message}",
                          "The roles file could not be read: {message}"),
    "auth.signed_in": ("Sesión: {email} ({role})", "Signed in: {email} ({role})"),
    "auth.not_allowed": ("Su rol ({role}) no permite {action}. Pida acceso a un administrador.",
                         "Your role ({role}) does not allow {action}. Ask an administrator for access."),
    "auth.role.viewer": ("consulta", "viewer"),
    "auth.role.analyst": ("analista", "analyst"),
    "auth.role.admin": ("administración", "admin"),
    "auth.role.None": ("sin rol", "no role"),
    "auth.action.browse": ("consultar", "browsing"),
    "auth.action.export": ("exportar", "exporting"),
    "auth.action.compare": ("comparar proveedores", "comparing suppliers"),
    "auth.action.report": ("generar informes PDF", "building PDF reports"),
    "auth.action.import": ("importar datos", "importing data"),
    "auth.action.settings": ("cambiar pesos y umbrales", "changing weights and thresholds"),
    "admin.page": ("Ajustes", "Settings"),
    "admin.title": ("Ajustes de la metodología", "Methodology settings"),
    "admin.intro": ("Pesos de la calificación y umbrales. Se guardan en {path} y se aplican a "
                    "todas las páginas en cuanto se guardan.",
                    "Score weights and thresholds. They are saved to {path} and apply to every "
                    "page as soon as they are saved."),
    "admin.weights": ("Pesos de la calificación", "Score weights"),
    "admin.weights_sum": ("Suma de los pesos: {total} (se normalizan; no tienen que sumar 100).",
                          "Sum of the weights: {total} (they are normalised; they need not add up to 100)."),
    "admin.thresholds": ("Niveles y umbrales", "Tiers and thresholds"),
    "admin.advanced": ("Estadística (avanzado)", "Statistics (advanced)"),
    "admin.save": ("Guardar", "Save"),
    "admin.reset": ("Volver a los valores por omisión", "Back to the defaults"),
    "admin.saved": ("Ajustes guardados en {path}.", "Settings saved to {path}."),
    "admin.invalid": ("No se guardó nada: {message}", "Nothing was saved: {message}"),
    "admin.default": ("por omisión: {value}", "default: {value}"),
}
