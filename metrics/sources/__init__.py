"""Adapters for formats other than the canonical files (OCDS JSON, CompraNet exports).

`detect(path)` returns the adapter that reads `path`, or None for a canonical file.
"""
from __future__ import annotations


def detect(path):
    return None
