"""`--set NAME=VALUE`: override a setting for one run (e.g. `--set weight_price=0`), the same
way in every command that computes metrics (scores, ledger, shortages, report, export)."""
from __future__ import annotations

from metrics.exceptions import AbastoError
from metrics.settings import load_settings


def add_settings_override(parser) -> None:
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="override a setting for this run (repeatable; see docs/settings.md)")


def overrides_from_args(args) -> dict[str, str]:
    """NAME -> VALUE text of the --set options (the last one wins); not yet checked."""
    overrides = {}
    for item in getattr(args, "overrides", None) or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise AbastoError(f"--set {item!r}: expected NAME=VALUE, e.g. --set grace_days=2")
        overrides[name.strip()] = value.strip()
    return overrides


def settings_from_args(args):
    """abasto.toml's settings with the --set overrides (AbastoError naming a bad one)."""
    return load_settings(**overrides_from_args(args))
