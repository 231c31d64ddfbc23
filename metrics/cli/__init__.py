"""The `abasto` command line.

Subcommands are plugins declared in pyproject.toml under [project.entry-points."abasto.commands"]:
each is a module with `HELP` (one line: "Spanish sentence / english one"), `add_arguments(parser)`
and `run(args) -> int`; option help lines start in lower case, as argparse's own.
A dotted name ("export.ocds") is a sub-subcommand. Project errors (AbastoError) are printed
and exit 1, never as a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from importlib.metadata import entry_points

from metrics import __version__
from metrics.exceptions import AbastoError, ImportRejected

DESCRIPTION = ("Abasto: desempeño de proveedores y desabasto en las compras públicas de salud. "
               "Supplier performance and shortage analytics for Mexican public health procurement.")


# the one-line help of a command with sub-commands ("export charts", "export tables", …)
GROUP_HELP = {"export": "Exporta gráficas, tablas u OCDS / export charts, tables or OCDS"}


def _commands() -> list[tuple[str, str]]:
    found = [(ep.name, ep.value) for ep in entry_points(group="abasto.commands")]
    return sorted(found)


def _not_installed(exc: ModuleNotFoundError, target: str) -> bool:
    """The command's own module or one of its packages is absent (e.g. a build without the
    `dashboard` package): skip the command. Any other missing module is a real error."""
    return bool(exc.name) and (exc.name == target or target.startswith(exc.name + "."))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="abasto", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"abasto {__version__}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    top.required = True
    groups: dict[str, argparse._SubParsersAction] = {}
    for name, target in _commands():
        try:
            module = importlib.import_module(target)
        except ModuleNotFoundError as exc:
            if not _not_installed(exc, target):     # a real missing dependency: say so
                raise
            continue                                # a command not installed in this build
        if "." in name:
            parent, child = name.split(".", 1)
            if parent not in groups:
                holder = top.add_parser(parent, help=GROUP_HELP.get(parent, f"{parent} …"))
                groups[parent] = holder.add_subparsers(dest="subcommand", metavar="WHAT")
                groups[parent].required = True
            sub = groups[parent].add_parser(child, help=module.HELP, description=module.HELP)
        else:
            sub = top.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except ImportRejected as exc:
        from metrics.cli.output import print_problems
        print_problems(exc.problems, file=sys.stderr)
        print(f"abasto: {exc}", file=sys.stderr)
        return 1
    except AbastoError as exc:
        print(f"abasto: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("abasto: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
