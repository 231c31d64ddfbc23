"""Offline validation against the bundled OCDS 1.1.5 release-package schema.

The package schema refers to the release schema by its public URL; a `referencing`
registry maps that URL to metrics/schemas/release-schema.json, so nothing is fetched.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def _schema(name: str) -> dict:
    return json.loads(resources.files("metrics").joinpath("schemas", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def package_validator():
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
    release = Resource.from_contents(_schema("release-schema.json"), default_specification=DRAFT4)
    registry = Registry().with_resources([(RELEASE_URL, release)])
    return Draft4Validator(_schema("release-package-schema.json"), registry=registry,
                           format_checker=Draft4Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def release_validator():
    from jsonschema import Draft4Validator
    return Draft4Validator(_schema("release-schema.json"), format_checker=Draft4Validator.FORMAT_CHECKER)


def _format(error, prefix=()) -> str:
    return "/".join(str(p) for p in (*prefix, *error.absolute_path)) + f": {error.message}"


def errors(package: dict) -> list[str]:
    """Every schema error of a release package as 'path: message' (empty when valid).

    Same result as validating the package schema whole, in linear time: jsonschema checks
    `uniqueItems` on the releases array pairwise (hours for 100,000 releases), so the package
    is checked with its first release, each release against the release schema, and
    uniqueness with a set of canonical JSON texts."""
    releases = package.get("releases")
    head = dict(package)
    if isinstance(releases, list) and releases:
        head["releases"] = releases[:1]
    out = [_format(e) for e in package_validator().iter_errors(head)]
    if isinstance(releases, list):
        seen = set()
        for i, rel in enumerate(releases):
            if i:
                out += [_format(e, ("releases", i)) for e in release_validator().iter_errors(rel)]
            key = json.dumps(rel, sort_keys=True)
            if key in seen:
                out.append(f"releases/{i}: duplicate release (releases must be unique)")
            seen.add(key)
    return out
