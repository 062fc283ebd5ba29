"""Create or update your own Hugging Face Space from this repo (your fork).

    python scripts/deploy_space.py you/your-space --dry-run          # check + print the plan, no network
    python scripts/deploy_space.py you/your-space --dry-run --verbose   # ... with every file
    python scripts/deploy_space.py you/your-space                    # create or update the Space (free CPU)
    python scripts/deploy_space.py you/your-space --private          # a new Space starts private
    python scripts/deploy_space.py you/your-space --hardware zero-a10g   # ZeroGPU: docs/ZEROGPU.md
    python scripts/deploy_space.py --fix-front-matter                # rewrite README's models: + sdk_version
    python scripts/deploy_space.py you/my-classifier --folder my_space   # a folder of its own, e.g. the
                                                                     # Space the teach tab exports (unzipped)

Steps: check README.md's front matter (it configures the Space); refuse if what the Space runs
has uncommitted changes or untracked files (so the Space gets exactly your commit); list the
committed files the Space runs (SPACE_FILES: not tests, bench, training or CI; each under 10 MB);
then with huggingface_hub: create the Space if needed, upload those files in one commit named
after your local git commit, and request hardware if asked.
Token: --token, else HF_TOKEN, else `hf auth login`'s cache.
"""

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.errors import UserError  # noqa: E402

MAX_FILE_BYTES = 10_000_000  # 10 MB: bigger files would need Git LFS on a Space (and break `git push`)
FIX_HINT = ("run `python scripts/deploy_space.py --fix-front-matter` to rewrite models:, preload_from_hub: "
            "and sdk_version")
# What the Space runs, and so all that is uploaded: files, and folders (ending in /).
SPACE_FILES = ("app.py", "apps/", "shared/", "models/", "requirements.txt", "README.md", "LICENSE")
ZERO_VARIABLES = {"PRELOAD": "1"}  # + MAX_MODELS, so that preloading evicts nothing (make_plan)


@dataclass
class Plan:
    """What a deploy does. files: (path in the Space, local path or the bytes to upload)."""

    repo_id: str
    files: list[tuple[str, Path | bytes]]
    commit_message: str
    commit_description: str
    private: bool = False
    hardware: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    prune: bool = False
    notes: list[str] = field(default_factory=list)


# --- README front matter ------------------------------------------------------------------

def front_matter_bounds(lines: list[str]) -> tuple[int, int]:
    """Indices of the two `---` lines that enclose the front matter (the first line is one)."""
    marks = [i for i, line in enumerate(lines) if line.rstrip() == "---"]
    if not lines or lines[0].rstrip() != "---" or len(marks) < 2:
        raise UserError("README.md has no front matter: its first line must be `---`, followed by the "
                        "Space settings (sdk: gradio, app_file: app.py, ...) and a closing `---` line")
    return marks[0], marks[1]


def read_front_matter(text: str) -> dict:
    """The YAML between the first two `---` lines, as a dict."""
    lines = text.splitlines()
    start, end = front_matter_bounds(lines)
    try:
        meta = yaml.safe_load("\n".join(lines[start + 1:end])) or {}
    except yaml.YAMLError as exc:
        raise UserError(f"README.md's front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise UserError("README.md's front matter must be `key: value` lines (a YAML mapping)")
    return meta


def pinned_version(requirements: str, package: str) -> str | None:
    """The version pinned with `package==X` (or `package[extra]==X`) in a requirements text, or None."""
    want = package.lower().replace("_", "-")
    for line in requirements.splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)", line)
        if match and match[1].lower().replace("_", "-") == want:
            return match[2]
    return None


def gradio_version(root: Path = ROOT) -> str:
    """gradio's pin in requirements.txt, else the installed gradio."""
    requirements = root / "requirements.txt"
    pin = pinned_version(requirements.read_text(), "gradio") if requirements.is_file() else None
    return pin or version("gradio")


def registry_models() -> list[str]:
    """Hub ids of the models the app's tabs use (apps.REGISTRY), first use first, no repeats."""
    os.environ.setdefault("APP_OFFLINE", "1")  # we only read the model lists: no hub check
    from apps import REGISTRY
    from shared.system import hub_choices

    return list(dict.fromkeys(repo for _, choice in hub_choices(REGISTRY) for repo, _, _ in choice.repos))


def registry_preload() -> list[str]:
    """`preload_from_hub` lines for the model each tab uses by default on a CPU Space with the
    hub reachable (its first hub model not marked needs_gpu), where the choice names its files:
    "repo_id file1,file2[ revision]". The Space downloads them while it builds, so its first
    visitor does not wait for them."""
    os.environ.setdefault("APP_OFFLINE", "1")
    from apps import REGISTRY

    lines = []
    for spec in REGISTRY:
        hub = [c for c in spec.models if c.hub_id and not c.needs_gpu and not Path(c.hub_id).is_dir()]
        if hub and hub[0].files:
            revision = f" {hub[0].revision}" if hub[0].revision not in (None, "main") else ""
            lines.append(f"{hub[0].hub_id} {','.join(hub[0].files)}{revision}")
    return list(dict.fromkeys(lines))  # classify and gradcam share their default


def check_front_matter(meta: dict, models: list[str], gradio: str, root: Path = ROOT,
                       preload: list[str] | None = None) -> list[str]:
    """Every problem of the front matter, each with its fix; [] when the Space will build.
    preload: the `preload_from_hub` lines it must have (None: not checked)."""
    problems = []
    if meta.get("sdk") != "gradio":
        problems.append(f"sdk is {meta.get('sdk')!r}: set `sdk: gradio` (this is a Gradio app)")
    if str(meta.get("sdk_version")) != gradio:
        problems.append(f"sdk_version is {meta.get('sdk_version')!r} but requirements.txt pins gradio "
                        f"{gradio}: set `sdk_version: {gradio}` ({FIX_HINT})")
    app_file = meta.get("app_file")
    if not isinstance(app_file, str) or not (root / app_file).is_file():
        problems.append(f"app_file is {app_file!r}, not a file of this repo: set `app_file: app.py`")
    python = meta.get("python_version")
    if not isinstance(python, str) or not re.fullmatch(r"3\.\d+(\.\d+)?", python):
        problems.append(f"python_version is {python!r}: write it quoted, like `python_version: \"3.11\"` "
                        "(unquoted, YAML reads 3.10 as the number 3.1)")
    if not isinstance(meta.get("license"), str) or not meta["license"].strip():
        problems.append("license is missing: add `license: apache-2.0` (the licence of this code, see LICENSE)")
    problems += check_models(meta.get("models"), models)
    if preload is not None and meta.get("preload_from_hub", []) != preload:
        problems.append(f"preload_from_hub is not the tabs' default hub models ({'; '.join(preload)}); {FIX_HINT}")
    return problems


def check_models(listed, models: list[str]) -> list[str]:
    if not isinstance(listed, list) or not all(isinstance(m, str) for m in listed):
        return [f"models must be a list of hub ids (one `  - owner/name` line each); {FIX_HINT}"]
    problems = []
    missing = [m for m in models if m not in listed]
    extra = [m for m in listed if m not in models]
    repeated = sorted({m for m in listed if listed.count(m) > 1})
    if missing:
        problems.append(f"models lacks hub models the tabs use: {', '.join(missing)}; {FIX_HINT}")
    if extra:
        problems.append(f"models lists hub ids no tab uses: {', '.join(extra)}; {FIX_HINT}")
    if repeated:
        problems.append(f"models lists these twice: {', '.join(repeated)}; {FIX_HINT}")
    return problems


def fix_front_matter(text: str, models: list[str], gradio: str, preload: list[str] | None = None) -> str:
    """`text` with sdk_version set to `gradio`, the models: list replaced by `models` and, when
    given, preload_from_hub by `preload`; every other line (comments, order, emoji) kept."""
    lines = text.splitlines(keepends=True)
    start, end = front_matter_bounds(lines)
    head = _set_key(lines[start + 1:end], "sdk_version", [f"sdk_version: {gradio}\n"], after="sdk")
    head = _set_key(head, "models", ["models:\n"] + [f"  - {m}\n" for m in models] if models else [])
    if preload is not None:
        head = _set_key(head, "preload_from_hub", ["preload_from_hub:\n"] + [f"  - {line}\n" for line in preload]
                        if preload else [], after="models")
    return "".join(lines[:start + 1] + head + lines[end:])


def _set_key(head: list[str], key: str, new: list[str], after: str | None = None) -> list[str]:
    """Replace the top-level `key:` line and its indented / `- ` continuation lines with `new`."""
    top = [i for i, line in enumerate(head) if re.match(rf"{key}\s*:", line)]
    if not top:
        anchor = [_block_end(head, i) for i, line in enumerate(head) if after and re.match(rf"{after}\s*:", line)]
        at = anchor[0] if anchor else len(head)
        return head[:at] + new + head[at:]
    return head[:top[0]] + new + head[_block_end(head, top[0]):]


def _block_end(head: list[str], top: int) -> int:
    """The index after a top-level key's line and its indented / `- ` continuation lines."""
    stop = top + 1
    while stop < len(head) and re.match(r"\s+\S|-", head[stop]):
        stop += 1
    return stop


# --- files ----------------------------------------------------------------------------------

def git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise UserError(f"`git {' '.join(args)}` failed in {root}: deploy from a git checkout of your "
                        f"fork ({getattr(exc, 'stderr', '') or exc})".strip()) from exc
    return done.stdout


def runs_on_the_space(path: str) -> bool:
    return any(path == entry or entry.endswith("/") and path.startswith(entry) for entry in SPACE_FILES)


def not_committed(root: Path = ROOT) -> list[str]:
    """Files the Space would run that differ from the last commit: modified, staged, deleted or untracked."""
    entries = git(root, "status", "--porcelain", "-z", "--untracked-files=all").split("\0")
    # "XY path" each; a rename adds its old path as a bare entry of its own, skipped here.
    return sorted(entry[3:] for entry in entries
                  if len(entry) > 3 and entry[2] == " " and runs_on_the_space(entry[3:]))


def upload_files(root: Path = ROOT) -> list[str]:
    """The committed files the Space runs (SPACE_FILES), each checked to be under 10 MB. Refuses
    when any of them has uncommitted changes, or an untracked file sits among them (a new tab
    not yet added would break the uploaded registry)."""
    changed = not_committed(root)
    if changed:
        shown = ", ".join(changed[:12]) + (f" and {len(changed) - 12} more" if len(changed) > 12 else "")
        raise UserError(f"commit these first (the Space gets exactly your last commit): {shown}")
    files = [f for f in git(root, "ls-files", "-z").split("\0")
             if f and runs_on_the_space(f) and (root / f).is_file()]
    big = [f"{f} ({(root / f).stat().st_size / 1e6:.1f} MB)" for f in files
           if (root / f).stat().st_size >= MAX_FILE_BYTES]
    if not files:
        raise UserError(f"git tracks none of {', '.join(SPACE_FILES)} in {root}: `git add` and commit your fork first")
    if big:
        raise UserError(f"refusing to upload files of 10 MB or more: {', '.join(big)}. Make them smaller "
                        "(fp16 safetensors, fewer examples) or host them on the hub and download at start")
    return files


def with_spaces(requirements: str) -> str | None:
    """requirements.txt plus a `spaces` line, or None when it already lists spaces."""
    if any(re.match(r"\s*spaces\s*($|[=<>~!;#\[\s])", line) for line in requirements.splitlines()):
        return None
    return requirements.rstrip("\n") + "\n# ZeroGPU: shared/gpu.py uses spaces.GPU when this imports\nspaces\n"


# --- plan -----------------------------------------------------------------------------------

def commit_info(root: Path) -> tuple[str, str]:
    """(commit message, description) naming the local commit."""
    try:
        sha = git(root, "rev-parse", "HEAD").strip()
    except UserError as exc:
        raise UserError("this checkout has no commit yet: `git commit` your fork first, then deploy") from exc
    subject = git(root, "log", "-1", "--format=%s").strip()
    subject = subject if len(subject) <= 60 else subject[:59].rstrip() + "…"
    return f"Deploy {sha[:7]}: {subject}", f"Uploaded by scripts/deploy_space.py from local git commit {sha}."


def make_plan(repo_id: str, root: Path = ROOT, private: bool = False, hardware: str | None = None,
              prune: bool = False, preloaded: int = 0) -> Plan:
    """Everything a deploy will do, checked, with no network. preloaded: tabs with models
    (PRELOAD=1 loads one model per tab on ZeroGPU; MAX_MODELS keeps them all)."""
    check_repo_id(repo_id)
    message, description = commit_info(root)
    files: list[tuple[str, Path | bytes]] = [(f, root / f) for f in upload_files(root)]
    plan = Plan(repo_id, files, message, description, private, hardware, prune=prune)
    if hardware and hardware != "cpu-basic" and not hardware.startswith("zero"):
        plan.notes.append(f"{hardware} is paid hardware, billed for all the time the Space runs, used or not; "
                          "upgraded Spaces never sleep by default: set a sleep time in the Space's settings "
                          "or pause it when the class is over")
    if hardware and hardware.startswith("zero"):
        plan.variables = {**ZERO_VARIABLES, "MAX_MODELS": str(max(4, preloaded + 4))}
        requirements = root / "requirements.txt"
        patched = with_spaces(requirements.read_text()) if requirements.is_file() else "spaces\n"
        if patched:
            plan.files = [(p, s) for p, s in plan.files if p != "requirements.txt"]
            plan.files.append(("requirements.txt", patched.encode()))
            plan.notes.append("requirements.txt: `spaces` added to the uploaded copy (ZeroGPU); "
                              "your local file is unchanged")
        torch = pinned_version(requirements.read_text(), "torch") if requirements.is_file() else None
        plan.notes.append(f"ZeroGPU runs only the Python and PyTorch versions its docs list: check that "
                          f"torch {torch or '(unpinned)'} and README's python_version are there "
                          "(https://huggingface.co/docs/hub/spaces-zerogpu, docs/ZEROGPU.md)")
    return plan


def folder_plan(repo_id: str, folder: Path, private: bool = False, hardware: str | None = None) -> Plan:
    """A plan that uploads one standalone Space folder as it is (the teach tab's export, say):
    every file in it but hidden ones, each under 10 MB; its README.md must configure a Space."""
    check_repo_id(repo_id)
    folder = Path(folder)
    if folder.is_file() and folder.suffix == ".zip":
        raise UserError(f"{folder.name} is a zip: unzip it first (`unzip {folder.name}`) and pass the folder inside")
    if not (folder / "README.md").is_file() or not (folder / "app.py").is_file():
        raise UserError(f"{folder} has no README.md and app.py: pass the folder that holds them")
    meta = read_front_matter((folder / "README.md").read_text())
    if meta.get("sdk") != "gradio" or not meta.get("app_file"):
        raise UserError(f"{folder}/README.md's front matter needs sdk: gradio and app_file: app.py")
    files = sorted(path for path in folder.rglob("*") if path.is_file()
                   and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(folder).parts))
    big = [f"{path.relative_to(folder)} ({path.stat().st_size / 1e6:.1f} MB)" for path in files
           if path.stat().st_size >= MAX_FILE_BYTES]
    if big:
        raise UserError(f"files over 10 MB need Git LFS on a Space: {', '.join(big)}")
    return Plan(repo_id, [(path.relative_to(folder).as_posix(), path) for path in files],
                f"Deploy {folder.resolve().name}", "Uploaded by scripts/deploy_space.py --folder.",
                private, hardware)


def check_repo_id(repo_id: str):
    if not re.fullmatch(r"[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*", repo_id or "") or ".." in repo_id or "--" in repo_id:
        raise UserError(f"{repo_id!r} is not a Space id: write <your user name>/<space name>, "
                        "e.g. ada/deep-learning-live (letters, digits, '-', '_', '.')")


def token_source(token: str | None) -> str | None:
    """Where the token would come from, found without any network access (dry runs)."""
    from huggingface_hub.constants import HF_TOKEN_PATH

    if token:
        return "--token"
    if os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN"):
        return "HF_TOKEN"
    return f"login cache ({HF_TOKEN_PATH})" if Path(HF_TOKEN_PATH).is_file() else None


NO_TOKEN = ("no Hugging Face token: pass --token hf_..., set HF_TOKEN, or run `hf auth login`; "
            "create a token with write access at https://huggingface.co/settings/tokens")


def describe(plan: Plan, token: str | None, every_file: bool) -> str:
    sizes = {p: len(s) if isinstance(s, bytes) else s.stat().st_size for p, s in plan.files}
    folders: dict[str, list[int]] = {}
    for path, size in sizes.items():
        folders.setdefault(path.split("/")[0] if "/" in path else ".", []).append(size)
    lines = [f"Space: https://huggingface.co/spaces/{plan.repo_id}",
             f"commit: {plan.commit_message}",
             f"files: {len(sizes)}, {sum(sizes.values()) / 1e6:.1f} MB in all "
             f"(largest {max(sizes, key=sizes.get)}, {max(sizes.values()) / 1e6:.1f} MB)"]
    lines += [f"  {name + '/' if name != '.' else '(top level)'}: {len(s)} file{'s' * (len(s) != 1)}, "
              f"{sum(s) / 1e6:.1f} MB"
              for name, s in sorted(folders.items())]
    if every_file:
        lines += [f"    {path}  ({size:,} bytes)" for path, size in sorted(sizes.items())]
    lines.append(f"visibility if created now: {'private' if plan.private else 'public'} "
                 "(an existing Space keeps its own)")
    lines.append(f"hardware: {plan.hardware} (requested after the upload)" if plan.hardware
                 else "hardware: unchanged (a new Space starts on the free cpu-basic)")
    if plan.variables:
        lines.append("Space variables: " + ", ".join(f"{k}={v}" for k, v in plan.variables.items()))
    if plan.prune:
        lines.append("prune: files on the Space that are not in this upload are deleted")
    lines.append(f"token: {token or 'none found; ' + NO_TOKEN}")
    return "\n".join(lines + [f"note: {n}" for n in plan.notes])


# --- deploy ---------------------------------------------------------------------------------

def deploy(plan: Plan, api) -> str:
    """Run the plan with `api` (a huggingface_hub.HfApi holding the token); returns the Space URL."""
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete, SpaceHardware

    url = api.create_repo(plan.repo_id, repo_type="space", space_sdk="gradio", private=plan.private,
                          exist_ok=True)
    for key, value in plan.variables.items():  # before the commit, so its build already sees them
        api.add_space_variable(plan.repo_id, key, value, description="set by scripts/deploy_space.py")
    operations = [CommitOperationAdd(path_in_repo=path, path_or_fileobj=source if isinstance(source, bytes)
                                     else str(source)) for path, source in plan.files]
    if plan.prune:
        keep = {path for path, _ in plan.files} | {".gitattributes"}
        operations += [CommitOperationDelete(path_in_repo=path) for path in
                       api.list_repo_files(plan.repo_id, repo_type="space") if path not in keep]
    api.create_commit(plan.repo_id, operations, commit_message=plan.commit_message,
                      commit_description=plan.commit_description, repo_type="space")
    if plan.hardware:
        api.request_space_hardware(plan.repo_id, SpaceHardware(plan.hardware))
    return str(url)


def http_hint(exc) -> str:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    hints = {401: "the token is invalid or expired: make a new one with write access",
             403: "the token may not write here: use a token with write access, a Space under your own "
                  "name, and for ZeroGPU or paid hardware an account that may use it (docs/ZEROGPU.md)",
             402: "this hardware needs billing set up on your account (or pick cpu-basic)",
             404: "not found: check the Space id"}
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"the hub refused ({first}). {hints.get(status, 'retry later')}"


# --- command line ---------------------------------------------------------------------------

def parse_args(argv=None) -> argparse.Namespace:
    from huggingface_hub import SpaceHardware

    parser = argparse.ArgumentParser(description="Create or update your Hugging Face Space from this repo.")
    parser.add_argument("repo_id", nargs="?", help="your Space: <user>/<space>")
    parser.add_argument("--private", action="store_true", help="create the Space private")
    parser.add_argument("--hardware", choices=[h.value for h in SpaceHardware], metavar="FLAVOR",
                        help="request hardware: cpu-basic (free), zero-a10g (ZeroGPU), t4-small, ...")
    parser.add_argument("--dry-run", action="store_true", help="check and print the plan; no network")
    parser.add_argument("--verbose", action="store_true", help="list every file uploaded, with its size")
    parser.add_argument("--token", help="a write token (default: HF_TOKEN, then `hf auth login`'s cache)")
    parser.add_argument("--prune", action="store_true",
                        help="also delete files on the Space that this upload does not have")
    parser.add_argument("--fix-front-matter", action="store_true",
                        help="rewrite README.md's models:, preload_from_hub: and sdk_version, then stop")
    parser.add_argument("--folder", type=Path,
                        help="deploy this standalone Space folder instead of the suite (e.g. the teach tab's export)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # tests: a temp checkout
    args = parser.parse_args(argv)
    if not args.repo_id and not args.fix_front_matter:
        parser.error("give your Space as <user>/<space>, e.g. ada/deep-learning-live")
    return args


def registry_info() -> tuple[list[str], int]:
    """(hub ids the tabs use, number of tabs with models)."""
    try:
        models = registry_models()
        from apps import REGISTRY
    except Exception as exc:  # a tab that does not import would break the Space the same way
        raise UserError(f"importing apps.REGISTRY failed ({type(exc).__name__}: {exc}); fix it first "
                        "(`python app.py` shows the traceback)") from exc
    return models, sum(1 for spec in REGISTRY if spec.models)


def run(args: argparse.Namespace, api_factory=None, say=print) -> int:
    if args.repo_id:
        check_repo_id(args.repo_id)  # before the slow registry import
    if args.folder:
        return upload(folder_plan(args.repo_id, args.folder, args.private, args.hardware), args, api_factory, say)
    readme = args.root / "README.md"
    if not readme.is_file():
        raise UserError(f"no README.md in {args.root}: the Space reads its settings from its front matter")
    models, tabs = registry_info()
    preload = registry_preload()
    gradio = gradio_version(args.root)
    if args.fix_front_matter:
        readme.write_text(fix_front_matter(readme.read_text(), models, gradio, preload))
        say(f"README.md: sdk_version {gradio}, models: {len(models)} hub ids, preload_from_hub: {len(preload)}. "
            "Review `git diff README.md`, commit, then deploy.")
    problems = check_front_matter(read_front_matter(readme.read_text()), models, gradio, args.root, preload)
    if problems:
        raise UserError("README.md's front matter needs fixing before a deploy:\n  - " + "\n  - ".join(problems))
    if args.fix_front_matter:
        return 0
    return upload(make_plan(args.repo_id, args.root, args.private, args.hardware, args.prune, tabs),
                  args, api_factory, say)


def upload(plan: Plan, args: argparse.Namespace, api_factory=None, say=print) -> int:
    """Print the plan; unless it is a dry run, carry it out with a token."""
    if args.dry_run:
        say(describe(plan, token_source(args.token), every_file=args.verbose))
        say("dry run: nothing was uploaded and no network was used")
        return 0
    from huggingface_hub import HfApi, get_token

    token = args.token or get_token()
    if not token:
        raise UserError(NO_TOKEN)
    say(describe(plan, token_source(args.token) or "found", every_file=args.verbose))
    url = deploy(plan, (api_factory or HfApi)(token=token))
    say(f"done: {url} (it builds now; the Logs tab on the Space shows progress)")
    return 0


def main(argv=None, api_factory=None) -> int:
    from huggingface_hub.errors import HfHubHTTPError

    try:
        return run(parse_args(argv), api_factory)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except HfHubHTTPError as exc:
        print(f"error: {http_hint(exc)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
