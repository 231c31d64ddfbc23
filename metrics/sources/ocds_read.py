"""Streaming OCDS reader: every package shape in, one compiled release per ocid out.

Shapes recognised (UTF-8 or ISO-8859-1, never read whole into memory):
- release package `{"releases": [...]}`, record package `{"records": [...]}`;
- JSON Lines (or concatenated JSON) of releases, of records, or of packages;
- a JSON array of packages, or of releases.

Records carry all their releases: their `compiledRelease` is used, else their embedded
releases are merged. Loose releases of one ocid may be anywhere in the file, so they are
grouped on disk: pass 1 streams each release, as compact JSON text, into one of K
temporary partition files chosen by a hash of its ocid (K = file size / 32 MB, at most
256), so all releases of an ocid land in the same partition; pass 2 reads one partition at
a time, groups it by ocid and merges each group with ocdsmerge (latest value wins per
field, lists of objects merged by id, exactly as OCDS compiles a record). Peak memory is
one partition (about 32 MB of text), whatever the file size. (A DuckDB ORDER BY over the
release texts was tried first: with a small memory limit it runs out of memory on the
large string payloads instead of spilling.)
"""
from __future__ import annotations

import json
import os
import tempfile
import zlib
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

import ijson

from metrics.sources.common import Latin1AsUtf8, SourceFormatError, detect_encoding

PARTITION_BYTES = 32 << 20   # loose releases are grouped in hash partitions of about this size
MAX_PARTITIONS = 256
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonlines")


@contextmanager
def open_utf8(path: Path):
    """Binary UTF-8 stream of `path` (Latin-1 re-encoded on the fly, BOM skipped)."""
    encoding = detect_encoding(path)
    handle = open(path, "rb")
    try:
        if encoding == "utf-8":
            if handle.read(3) != b"\xef\xbb\xbf":
                handle.seek(0)
            yield handle, encoding
        else:
            yield Latin1AsUtf8(handle), encoding
    finally:
        handle.close()


# ---------------------------------------------------------------- shape

def sniff(path: Path) -> str | None:
    """The OCDS shape of a JSON file, or None when it is not OCDS.

    Returns one of: 'release_package', 'record_package', 'release', 'record',
    'array_release_package', 'array_record_package', 'array_release'. Looks only at the
    keys of the first top-level object (or of the first array item), skipping their values.
    """
    try:
        with open_utf8(path) as (stream, _):
            events = ijson.parse(stream, multiple_values=True)
            first = next(events, None)
            if first is None:
                return None
            _, event, _ = first
            if event == "start_map":
                keys = _top_keys(events, "")
                prefix = ""
            elif event == "start_array":
                nxt = next(events, None)
                if nxt is None or nxt[1] != "start_map":
                    return None
                keys = _top_keys(events, "item")
                prefix = "array_"
            else:
                return None
    except (ijson.JSONError, ValueError, UnicodeError):
        return None
    if "records" in keys:
        shape = "record_package"
    elif "ocid" in keys and ({"releases", "compiledRelease"} & keys) and not ({"id", "date", "tag"} & keys):
        shape = "record"
    elif "releases" in keys:
        shape = "release_package"
    elif "ocid" in keys or ({"id", "date"} <= keys and {"tag", "initiationType"} & keys):
        shape = "release"       # (a first release may lack its ocid: reported, then skipped)
    elif {"publisher", "publishedDate"} & keys and "uri" in keys:
        shape = "release_package"      # a package with its releases missing: reported later
    else:
        return None
    if prefix and shape == "record":
        return None
    return prefix + shape


def _top_keys(events, prefix: str) -> set[str]:
    """Keys of the object that has just started at `prefix`, stopping early when decisive."""
    keys: set[str] = set()
    for pfx, event, value in events:
        if event == "map_key" and pfx == prefix:
            keys.add(value)
            if value in ("records",) or (value == "releases" and "ocid" not in keys):
                break
            if "ocid" in keys and ({"id", "date", "tag", "releases", "compiledRelease"} & keys):
                break
            if {"id", "date"} <= keys and {"tag", "initiationType"} & keys:
                break
        elif event == "end_map" and pfx == prefix:
            break
    return keys


_ITEM_PREFIX = {
    "release_package": ("releases.item", "release"),
    "record_package": ("records.item", "record"),
    "release": ("", "release"),
    "record": ("", "record"),
    "array_release_package": ("item.releases.item", "release"),
    "array_record_package": ("item.records.item", "record"),
    "array_release": ("item", "release"),
}


def iter_objects(path: Path, shape: str) -> Iterator[tuple[int, dict]]:
    """(record number, release-or-record dict) in file order; errors name the record."""
    prefix, kind = _ITEM_PREFIX[shape]
    n = 0
    with open_utf8(path) as (stream, _):
        try:
            for obj in ijson.items(stream, prefix, multiple_values=True, use_float=True):
                n += 1
                if not isinstance(obj, dict):
                    raise SourceFormatError(path, n, prefix or "$", f"a {kind} must be a JSON object")
                yield n, obj
        except ijson.JSONError as exc:
            detail = str(exc).splitlines()[0]
            raise SourceFormatError(path, n + 1, None,
                                    f"invalid or truncated JSON while reading {kind} {n + 1} "
                                    f"({detail}); nothing was imported") from None
    if n == 0:
        what = "releases" if kind == "release" else "records"
        raise SourceFormatError(path, None, prefix.rsplit(".item", 1)[0] or "$",
                                f"the file holds no OCDS {what} (empty package?)")


# ---------------------------------------------------------------- merging

@lru_cache(maxsize=1)
def merger():
    """ocdsmerge Merger with the merge rules of the bundled OCDS 1.1.5 release schema (offline)."""
    import ocdsmerge
    from ocdsmerge.rules import get_merge_rules
    schema = resources.files("metrics").joinpath("schemas", "release-schema.json")
    with resources.as_file(schema) as schema_path:
        rules = get_merge_rules(str(schema_path))
    return ocdsmerge.Merger(merge_rules=rules)


def compile_releases(releases: list[dict]) -> dict:
    """One compiled release from all releases of an ocid (a lone release is used as is)."""
    if len(releases) == 1:
        return releases[0]
    for r in releases:          # ocdsmerge needs a date on every release to order them
        r.setdefault("date", "")
        if r["date"] is None:
            r["date"] = ""
    return merger().create_compiled_release(releases)


class Compiled:
    """One compiled release with where it came from (first record number, releases merged)."""
    __slots__ = ("release", "record", "merged")

    def __init__(self, release, record, merged):
        self.release, self.record, self.merged = release, record, merged


def compiled_releases(path: Path, shape: str, sink=None) -> Iterator[Compiled]:
    """Every ocid of the file as one compiled release, in bounded memory."""
    _, kind = _ITEM_PREFIX[shape]
    if kind == "record":
        for n, record in iter_objects(path, shape):
            yield from _from_record(path, n, record, sink)
    else:
        yield from _grouped(path, shape, sink)


def _from_record(path, n, record, sink) -> Iterator[Compiled]:
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        compiled.setdefault("ocid", record.get("ocid"))
        yield Compiled(compiled, n, len(record.get("releases") or []) or 1)
        return
    full = [r for r in record.get("releases") or [] if isinstance(r, dict) and "url" not in r]
    if not full:
        if sink is not None:
            sink.note("warning", n, "records[].compiledRelease", record.get("ocid"),
                      "record skipped: no compiledRelease and only linked releases (URLs), "
                      "which are not fetched")
        return
    yield Compiled(compile_releases(full), n, len(full))


def _grouped(path, shape, sink) -> Iterator[Compiled]:
    """Group loose releases by ocid on disk (hash partitions), then merge group by group."""
    parts = max(1, min(MAX_PARTITIONS, -(-os.path.getsize(path) // PARTITION_BYTES)))
    with tempfile.TemporaryDirectory(prefix="abasto-ocds-") as tmp:
        # small write buffers: K open partitions must not cost K × 16 KB of buffers
        files = [open(os.path.join(tmp, f"p{k:03d}.txt"), "wb", buffering=4096) for k in range(parts)]
        try:
            for n, release in iter_objects(path, shape):
                ocid = release.get("ocid")
                if not ocid:
                    if sink is not None:
                        sink.note("warning", n, "ocid", None, "release skipped: it has no ocid")
                    continue
                ocid = str(ocid)
                key = json.dumps([ocid, str(release.get("date") or ""), n], ensure_ascii=False)
                body = json.dumps(release, ensure_ascii=False, separators=(",", ":"))
                files[zlib.crc32(ocid.encode("utf-8")) % parts].write(f"{key}\t{body}\n".encode("utf-8"))
        finally:
            for handle in files:
                handle.close()
        for k in range(parts):
            yield from _merge_partition(os.path.join(tmp, f"p{k:03d}.txt"))


def _merge_partition(name: str) -> Iterator[Compiled]:
    """All ocids of one partition file (at most ~PARTITION_BYTES of text in memory)."""
    groups: dict[str, list[tuple[str, int, str]]] = {}
    with open(name, encoding="utf-8") as handle:
        for line in handle:
            key, body = line.rstrip("\n").split("\t", 1)
            ocid, date, rec = json.loads(key)
            groups.setdefault(ocid, []).append((date, rec, body))
    os.remove(name)
    for ocid in sorted(groups):
        group = sorted(groups.pop(ocid))
        releases = [json.loads(body) for _, _, body in group]
        yield Compiled(compile_releases(releases), group[0][1], len(releases))
