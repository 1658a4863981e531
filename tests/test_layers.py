"""The apps form layers (docs/architecture.md), counting every import, also inside functions.

``make lint`` checks the same with import-linter (``[tool.importlinter]`` in
pyproject.toml); these tests read that contract, so that the two cannot drift.
"""

import tomllib
from pathlib import Path

import grimp
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _layers() -> list[list[str]]:
    """The layers, top first, each a list of its (independent) sibling packages."""
    (contract,) = [c for c in _config()["contracts"] if c["type"] == "layers"]
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def _owner(module: str, rank: dict[str, int]) -> str | None:
    matches = [app for app in rank if module == app or module.startswith(f"{app}.")]
    return max(matches, key=len) if matches else None


def test_every_app_of_ours_has_a_layer():
    roots = tuple(_config()["root_packages"])
    ours = {c.name for c in apps.get_app_configs() if c.name.split(".")[0] in roots}
    placed = {name for layer in _layers() for name in layer}
    assert ours == placed


def test_no_app_imports_one_above_it_or_a_sibling():
    rank = {name: depth for depth, layer in enumerate(_layers()) for name in layer}
    graph = grimp.build_graph(*_config()["root_packages"])
    wrong = set()
    for importer in graph.modules:
        low = _owner(importer, rank)
        if low is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            high = _owner(imported, rank)
            # A smaller rank is a higher layer; the same rank, another app, a sibling.
            if high is not None and high != low and rank[high] <= rank[low]:
                wrong.add((importer, imported))
    assert wrong == set()
