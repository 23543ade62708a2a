"""The package's layering, read from the source with :mod:`ast` (fast: nothing is imported).

* no import cycle between the modules of ``kg/``, counting imports inside
  functions and the package ``__init__`` that importing a submodule runs;
* no private name (``_name``) imported from another module, not even in a
  ``python -c`` code string;
* every exception class lives in :mod:`kg.errors`;
* graph I/O comes from :mod:`kg.graphio`, not through :mod:`kg.build`;
* no module below the command line names one of its flags in a message: the
  errors name API parameters (``store=``) and the CLI words them as flags.
"""
from __future__ import annotations

import ast
import builtins
import functools
import re
from pathlib import Path

from kg.commands import flag, worded
from kg.errors import (ActorNotFound, IngestError, KGError, NotAcceptable, NotInXml, OutputError, QuerySyntaxError,
                       UnsafeTerm, UsageError)

KG = Path(__file__).resolve().parents[1] / "kg"


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``kg/``."""
    found = {}
    for path in sorted(KG.rglob("*.py")):
        parts = list(path.relative_to(KG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found

MODULES = _modules()


@functools.cache
def trees() -> dict[str, ast.Module]:
    """Module -> its parsed code; parsed at the first test that reads it, not at collection,
    where every pytest-xdist worker would parse all of ``kg/`` (0.3 s) for these few tests."""
    return {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _owner(name: str) -> str | None:
    """The module of ``kg/`` that ``name`` (a module or a name in one) is, or lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ``kg`` it imports, anywhere in its code.

    Importing ``kg.a.b`` runs ``kg/a/__init__.py`` too, so that is an import of
    ``kg.a`` as well -- unless ``kg.a`` is a package of the importer itself,
    which runs before it anyway, as the root package ``kg`` does before every
    module (an explicit ``import kg`` or ``from kg.a import x`` still counts).
    """
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, tree in trees().items():
        targets = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(module, node)
                targets += [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            owner = _owner(target) if target.split(".")[0] == "kg" else None
            if owner is None:
                continue
            if owner != module:
                graph[module].add(owner)
            parent = owner.rpartition(".")[0]
            while parent and parent != "kg" and not (module + ".").startswith(parent + "."):
                graph[module].add(parent)
                parent = parent.rpartition(".")[0]
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_modules_of_kg_import_each_other_without_a_cycle():
    graph = import_graph()
    assert graph["kg.store.memory"] >= {"kg.graphio", "kg.store.base"}  # the graph is really read
    assert graph["kg.graphio"].isdisjoint({"kg.store", "kg.store.base", "kg.build"})
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


CODE_STRING_IMPORT = re.compile(r"from\s+(kg[\w.]*)\s+import\s+([\w\s,]+)")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_name_is_imported_from_another_module():
    found = []
    for module, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _absolute(module, node).split(".")[0] == "kg":
                found += [(module, _absolute(module, node), a.name) for a in node.names if _private(a.name)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):  # python -c "from kg... import"
                for source, names in CODE_STRING_IMPORT.findall(node.value):
                    found += [(module, source, n.strip()) for n in names.split(",") if _private(n.strip())]
    assert sorted(set(found)) == []


def _exception_names() -> set[str]:
    """Names of exception classes: the builtin ones and those of kg.errors."""
    names = {n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException)}
    names |= {node.name for node in trees()["kg.errors"].body if isinstance(node, ast.ClassDef)}
    return names


def test_every_exception_class_lives_in_kg_errors():
    exceptions = _exception_names()
    outside = []
    for module, tree in trees().items():
        if module == "kg.errors":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b).rpartition(".")[2] for b in node.bases}
                if bases & exceptions:
                    outside.append(f"{module}.{node.name}")
    assert outside == []


def test_errors_a_caller_causes_with_a_bad_argument_are_value_errors():
    for error in (UsageError, ActorNotFound, IngestError, NotAcceptable, UnsafeTerm, NotInXml, QuerySyntaxError):
        assert issubclass(error, KGError) and issubclass(error, ValueError), error


def test_graph_io_is_imported_from_kg_graphio():
    public = {node.name for node in trees()["kg.graphio"].body
              if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")}
    public |= {t.id for node in trees()["kg.graphio"].body if isinstance(node, ast.Assign)
               for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()}
    elsewhere = []
    for module, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (_absolute(module, node) in ("kg.build", "kg.files")):
                elsewhere += [f"{module}: {a.name}" for a in node.names if a.name in public]
    assert elsewhere == []
    assert "kg.extract" not in {_owner(t) for t in import_graph()["kg.graphio"]}


FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
# flags that are not kg's: Oxigraph's server option, named in a hint about a remote store
OTHER_TOOLS = {"--union-default-graph"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_only_the_command_line_names_its_flags():
    found = []
    for module, tree in trees().items():
        if module == "kg.cli" or module.startswith("kg.commands"):
            continue
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found += [(module, m) for m in FLAG.findall(node.value) if m not in OTHER_TOOLS]
    assert sorted(set(found)) == []


def test_the_command_line_words_api_parameters_as_its_flags():
    assert (flag("store"), flag("max_bytes"), flag("output"), flag("params")) == ("--store", "--max-bytes", "-o",
                                                                                  "--param")
    err = OutputError("news.db: is an Oxigraph store; use store=news.db", options=["store"])
    assert str(err).endswith("use store=news.db") and worded(err).endswith("use --store news.db")
    note = "note: x changed, but g.ttl is a flat file (write .trig or use store= to replace articles)"
    assert worded(note, ["store"]).endswith("(write .trig or use --store to replace articles)")
    assert worded("serve with allow_update=True", ["allow_update"]) == "serve with --allow-update"
