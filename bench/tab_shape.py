"""How easy is a tab to read and to copy? Counts, at two git revisions side by side:
names each tab imports from shared/ (and from how many shared modules), lines under apps/,
Python files over 200 lines, and decorators stacked on handlers.

    python bench/tab_shape.py                 # 4e47973 (before the "tab is its folder" work) vs HEAD
    python bench/tab_shape.py OLD NEW         # any two revisions
"""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABS = ["classify", "gradcam", "segment", "style", "vae", "inpaint", "asr", "clip"]


def files(rev: str) -> dict[str, str]:
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", rev],
                           capture_output=True, text=True, check=True).stdout.split()
    return {name: subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{name}"], capture_output=True,
                                 text=True, check=True).stdout
            for name in names if name.endswith(".py")}


def shared_imports(sources: list[str]) -> tuple[set[str], set[str]]:
    """(names imported from shared.*, the shared modules they come from)."""
    names, modules = set(), set()
    for text in sources:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("shared"):
                modules.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names, modules


def decorators(sources: list[str]) -> int:
    count = 0
    for text in sources:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                count += sum(1 for d in node.decorator_list
                             if "friendly_errors" in ast.unparse(d) or "remotable" in ast.unparse(d))
    return count


def measure(rev: str) -> dict:
    tree = files(rev)
    row = {}
    for tab in TABS:
        sources = [text for name, text in tree.items() if name.startswith(f"apps/{tab}/")]
        names, modules = shared_imports(sources)
        row[f"{tab}: names from shared/ (modules)"] = f"{len(names)} ({len(modules)})"
    apps = [text for name, text in tree.items() if name.startswith("apps/")]
    row["lines under apps/ (.py)"] = str(sum(text.count("\n") for text in apps))
    code = [text for name, text in tree.items() if name.startswith("apps/") and Path(name).name not in ("ru.py", "cases.py")]
    row["... without ru.py and cases.py (moved in from shared/ and tests/)"] = str(sum(t.count("\n") for t in code))
    big = sorted(name for name, text in tree.items() if text.count("\n") > 200)
    row["Python files over 200 lines"] = f"{len(big)}: {', '.join(Path(b).name for b in big)}"
    row["@friendly_errors/@remotable on handlers"] = str(decorators(apps))
    return row


def main(argv=None):
    old, new = (argv or sys.argv[1:]) or ["4e47973", "HEAD"]
    before, after = measure(old), measure(new)
    print(f"| | {old} | {new} |\n| --- | --- | --- |")
    for key in after:
        print(f"| {key} | {before.get(key, '')} | {after[key]} |")


if __name__ == "__main__":
    main()
