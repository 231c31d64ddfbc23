"""PDF reports (fpdf2, DejaVu): the supplier scorecard and the shortage review."""
