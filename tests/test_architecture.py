"""The layout keeps its shape: dependencies between the project's packages run one way, and
language logic lives in one place (the language app).

Imports are read from the source (ast), inside functions too, so a cycle cannot hide in a
late import. Tests and migrations are left out: they may import anything.
"""

import ast
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("language", "core", "home", "services", "inquiries", "booking", "editorial", "search", "pagecache", "cms")
# What each package may import. Bottom first: language, then core; the page apps above them;
# search above the content it indexes; cms (settings, URLs, API) on top.
ALLOWED = {
    "language": set(),
    "core": {"language"},
    "inquiries": {"language", "core"},
    # Bookings reuse the inquiry form's consent fields, rate limit and staff group.
    "booking": {"language", "core", "inquiries"},
    "editorial": {"language", "core"},
    "services": {"language", "core"},
    "home": {"language", "core", "services", "inquiries", "booking", "editorial"},
    "search": {"language", "core", "services", "home"},
    # The page cache knows every content app's events; nothing but cms (settings) names it.
    "pagecache": {"language", "core", "services", "inquiries", "booking", "editorial", "home", "search"},
    "cms": set(PACKAGES) - {"cms"},
}


def source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield package, path


def imported_modules(path):
    """Absolute names of the modules a file imports (relative imports resolved)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
        package_parts = module.split(".")
    else:
        package_parts = module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            else:
                yield node.module


def dependency_graph():
    """{package: {imported package: [file, …]}} between the project's packages."""
    graph = {package: {} for package in PACKAGES}
    for package, path in source_files():
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in PACKAGES and top != package:
                graph[package].setdefault(top, []).append(str(path.relative_to(ROOT)))
    return graph


def find_cycle(graph):
    """A list of nodes that import each other in a circle, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in graph.get(node, ()):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        stack.pop()
        return None

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_packages_import_each_other_in_one_direction_only():
    graph = dependency_graph()
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle) + f" (files: {[graph[a][b] for a, b in itertools.pairwise(cycle)]})"


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_the_layers_below_it(package):
    wrong = {target: files for target, files in dependency_graph()[package].items() if target not in ALLOWED[package]}
    assert not wrong, f"{package} must not import {sorted(wrong)}: {wrong}"


def test_sudachi_is_loaded_in_one_module():
    """One dictionary per process: only language/sudachi.py imports SudachiPy or builds a Dictionary."""
    users = set()
    for _package, path in source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            called = (
                isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Dictionary"
            )
            if called or any(name.split(".")[0] == "sudachipy" for name in names):
                users.add(str(path.relative_to(ROOT)))
    assert users == {"language/sudachi.py"}


def string_literals(tree):
    """String constants of a module that are not docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def test_the_easy_japanese_code_is_named_in_one_place():
    """Code asks language.locales (EASY, is_easy) instead of writing the code again."""
    allowed = {"language/locales.py"}
    found = {
        str(path.relative_to(ROOT))
        for package, path in source_files()
        if not path.is_relative_to(ROOT / "cms" / "settings") and not path.is_relative_to(ROOT / "home" / "seed")
        if any("ja-x-easy" in text for text in string_literals(ast.parse(path.read_text())))
    }
    assert found == allowed


def test_katakana_to_hiragana_is_written_once():
    definitions = {
        str(path.relative_to(ROOT))
        for _package, path in source_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and "hiragana" in node.name
    }
    assert definitions == {"language/sudachi.py"}
