"""buildozer.spec holds what python-for-android needs to build the app, checked here
since an APK cannot be built on these machines: every distribution the app imports is
listed, with the dependencies of those that have no recipe (p4a installs them with
``pip --no-deps``), and each listed one has a recipe (``p4a recipes``, offline) or is
pure Python."""

import ast
import configparser
import re
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("mobile", "domain", "sync", "main")  # main.py: where the APK starts
# Imported only on a device; python-for-android's own packages.
ANDROID_ONLY = {"jnius": "pyjnius", "android": "android"}
# Needed by a listed package only for a part the app does not use.
UNUSED_PARTS = {"materialshapes": "MDLoadingIndicator", "pycairo": "MDLoadingIndicator"}


def spec() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "buildozer.spec", encoding="utf-8")
    return parser


def listed() -> dict[str, str]:
    """Canonical name -> the requirement as written."""
    found = {}
    for written in spec()["app"]["requirements"].split(","):
        name = re.match(r"[A-Za-z0-9_.-]+", written.strip()).group(0)
        found[canonicalize_name(name)] = written.strip()
    return found


@cache
def recipes() -> frozenset[str]:
    run = subprocess.run(
        [str(Path(sys.executable).with_name("p4a")), "recipes", "--compact"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return frozenset(canonicalize_name(name) for name in run.stdout.split())


def _module_file(name: str) -> Path | None:
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def started_modules() -> list[str]:
    """What the app loads at start: mobile.app, and the screens and widgets it loads by
    name (the registry, ``widgets.load_all``)."""
    loaded = ["mobile.app", "main"]
    for package in ("mobile/screens", "mobile/widgets"):
        loaded += [f"{package.replace('/', '.')}.{p.stem}" for p in (ROOT / package).glob("*.py")]
    return loaded


def imported_top_level_names() -> set[str]:
    """Every module outside the project the app's code imports, walked from where it
    starts through the project's own imports (KV ``#:import`` lines included)."""
    seen, outside, todo = set(), set(), started_modules()
    for kv in ROOT.glob("mobile/**/*.kv"):
        todo += re.findall(r"^#:import \S+ ([\w.]+)", kv.read_text(), re.MULTILINE)
    while todo:
        name = todo.pop()
        source = _module_file(name) if name not in seen else None
        seen.add(name)
        top = name.split(".")[0]
        if top not in PROJECT:
            if top not in sys.stdlib_module_names and top != "__future__":
                outside.add(top)
            continue
        if source is None:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            todo += names
    return outside


def distribution_of(module: str) -> str:
    if module in ANDROID_ONLY:
        return ANDROID_ONLY[module]
    owners = metadata.packages_distributions().get(module)
    assert owners, f"{module} is imported by the app but no installed distribution provides it"
    return canonicalize_name(owners[0])


def requires(distribution: str) -> set[str]:
    found = set()
    for line in metadata.requires(distribution) or ():
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.add(canonicalize_name(requirement.name))
    return found


def pure_python(distribution: str) -> bool:
    """No compiled module without its pure-Python source beside it (charset-normalizer
    ships mypyc speed-ups of modules it also ships as .py)."""
    for file in metadata.distribution(distribution).files or ():
        path = str(file)
        if path.endswith((".so", ".pyd")) and not file.locate().with_name(
            file.name.split(".")[0] + ".py"
        ).exists():
            return False
    return True


def needed() -> set[str]:
    """What the app imports, and for each without a recipe what it requires, in turn."""
    todo = {distribution_of(m) for m in imported_top_level_names()}
    found: set[str] = set()
    while todo:
        distribution = todo.pop()
        if distribution in found:
            continue
        found.add(distribution)
        if distribution not in recipes():
            todo |= requires(distribution) - set(UNUSED_PARTS)
    return found


def test_every_distribution_the_app_imports_is_listed_with_what_it_needs():
    missing = needed() - set(listed())
    assert not missing, f"buildozer.spec's requirements lack {sorted(missing)}"


def test_each_listed_distribution_has_a_recipe_or_is_pure_python():
    for name, written in listed().items():
        if name in recipes() or name == "python3":
            continue
        assert pure_python(name), f"{written}: no python-for-android recipe and not pure Python"


def test_what_is_left_out_is_not_used_by_the_app():
    for left_out, widget in UNUSED_PARTS.items():
        assert left_out not in listed()
        used = [p for p in ROOT.glob("mobile/**/*.kv") if widget in p.read_text()]
        used += [p for p in ROOT.glob("mobile/**/*.py") if "loadingindicator" in p.read_text()]
        assert not used, f"{used} use {widget}: list {left_out} in buildozer.spec"


def test_the_spec_asks_for_the_permissions_and_ships_the_font_and_catalogs():
    app = spec()["app"]
    permissions = {p.strip() for p in app["android.permissions"].split(",")}
    assert {"CAMERA", "ACCESS_FINE_LOCATION", "ACCESS_NETWORK_STATE", "INTERNET"} <= permissions
    assert {"py", "kv", "ttf", "mo"} <= {e.strip() for e in app["source.include_exts"].split(",")}
    assert (ROOT / app["source.dir"] / "main.py").exists()
