"""Names for files uploaded on the data page, in the folder they are checked from."""
from __future__ import annotations

from pathlib import Path


def upload_names(names: list[str], limit: int = 200) -> list[str]:
    """A file name in the upload folder for each upload: its base name, cut to `limit` bytes
    (a 250-character accented name is over the file system's 255 bytes), and made unique
    ('ordenes (2).csv'): two uploads of one name, from two folders, would overwrite each other."""
    out, used = [], set()
    for name in names:
        path = Path(Path(name).name)
        stem, suffix = path.stem, path.suffix
        while len((stem + suffix).encode("utf-8")) > limit:
            stem = stem[:-1]
        candidate, n = stem + suffix, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        used.add(candidate.lower())
        out.append(candidate)
    return out
