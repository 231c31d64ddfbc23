"""SQL lives in .sql files beside the code (metrics/sql/); this loads them by name."""
from functools import cache
from importlib import resources


@cache
def load(name: str) -> str:
    """Text of metrics/sql/<name> (name may contain a subfolder, e.g. 'migrations/001_x.sql')."""
    return resources.files("metrics").joinpath("sql", *name.split("/")).read_text(encoding="utf-8")


def migrations() -> list[tuple[int, str]]:
    """(version, file name) of every migration, in order."""
    folder = resources.files("metrics").joinpath("sql", "migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.name))
    return sorted(found)
