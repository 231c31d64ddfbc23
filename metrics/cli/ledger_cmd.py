"""`abasto ledger`: penalties due (capped), applied and the gap, by contract."""
from __future__ import annotations

import sys

from metrics import fmt, store
from metrics.cli import options
from metrics.cli.display import table_text
from metrics.cli.output import write, write_text
from metrics.ledger import ledger, summary
from metrics.cli.settings_option import add_settings_override, settings_from_args

HELP = ("Penas procedentes, aplicadas y no aplicadas por contrato / "
        "compliance ledger: penalties due, applied and the gap by contract")


def add_arguments(parser) -> None:
    options.add_scope(parser)
    add_settings_override(parser)
    options.add_output(parser)


def _summary_text(s: dict, lang: str) -> str:
    es = lang == "es"
    rows = [
        ("Contratos" if es else "Contracts", fmt.number(s["contracts"], 0, lang)),
        ("Penas procedentes (con tope)" if es else "Penalties due (capped)", fmt.money(s["penalties_due"], lang)),
        ("Penas aplicadas" if es else "Penalties applied", fmt.money(s["penalties_applied"], lang)),
        ("Penas no aplicadas" if es else "Penalty gap", fmt.money(s["penalty_gap"], lang)),
        ("Contratos cerca de rescisión" if es else "Contracts near rescission", fmt.number(s["near_rescission"], 0, lang)),
        ("Contratos con tope alcanzado" if es else "Contracts at their cap", fmt.number(s["cap_reached"], 0, lang)),
        ("Contratos rescindidos" if es else "Rescinded contracts", fmt.number(s["rescinded_contracts"], 0, lang)),
        ("Emergencia o adjudicación directa" if es else "Emergency or direct award", fmt.percent(s["emergency_share"], 1, lang)),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows) + "\n"


def run(args) -> int:
    options.settle_output(args)
    scope = options.scope_from_args(args)
    settings = settings_from_args(args)
    with store.connect_existing(args.db) as con:
        options.check_filters(con, scope)
        frame = ledger(con, scope, settings)
        totals = summary(con, scope, settings)
        empty_why = options.no_orders_note(con, args.lang) if frame.empty else None
    if empty_why:
        print(f"abasto: {empty_why}", file=sys.stderr)
    if args.format == "table":
        text = table_text(frame, args.lang, kind="ledger") + "\n" + _summary_text(totals, args.lang)
        write_text(text, args.out, len(frame))
    else:
        write(frame, args.format, args.out)
    return 0
