"""scripts/deploy_space.py, offline: the README front matter check and its fix, the file list
(a temp git repo), and the upload sequence against a fake HfApi. No test touches the network."""

import re
import socket
import subprocess

import pytest

from conftest import ROOT
from scripts import deploy_space as ds
from shared.errors import UserError

MODELS = ["owner/one", "owner/two"]
GOOD = """---
title: Demo
emoji: 🧠
sdk: gradio
sdk_version: 6.31.0
python_version: "3.11"
app_file: app.py
license: apache-2.0
models:
  - owner/one
  - owner/two
---

# Demo
"""


def git(root, *args):
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A committed checkout: README.md, app.py, requirements.txt, .gitignore; plus ignored data."""
    (tmp_path / "README.md").write_text(GOOD)
    (tmp_path / "app.py").write_text("print('hi')\n")
    (tmp_path / "requirements.txt").write_text("gradio==6.31.0\ntorch==2.14.1\n")
    (tmp_path / ".gitignore").write_text(".cache/\n*.bin\n")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "embeddings.npz").write_bytes(b"x" * 100)
    (tmp_path / "data.bin").write_bytes(b"x" * 100)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first commit")
    monkeypatch.setattr(ds, "registry_info", lambda: (MODELS, 2))
    monkeypatch.setattr(ds, "registry_preload", lambda: [])  # GOOD preloads nothing
    return tmp_path


def check(text, root):
    return ds.check_front_matter(ds.read_front_matter(text), MODELS, "6.31.0", root)


# --- front matter -----------------------------------------------------------------------------

def test_good_front_matter_passes(repo):
    assert check(GOOD, repo) == []


@pytest.mark.parametrize("old, new, expected", [
    ("sdk: gradio", "sdk: streamlit", "sdk is 'streamlit': set `sdk: gradio`"),
    ("sdk_version: 6.31.0", "sdk_version: 5.0.0", "sdk_version is '5.0.0' but requirements.txt pins gradio 6.31.0"),
    ("sdk_version: 6.31.0\n", "", "sdk_version is None"),
    ("app_file: app.py", "app_file: main.py", "app_file is 'main.py', not a file of this repo"),
    ('python_version: "3.11"', "python_version: 3.10", "YAML reads 3.10 as the number 3.1"),
    ('python_version: "3.11"\n', "", "python_version is None"),
    ("license: apache-2.0\n", "", "license is missing"),
    ("  - owner/two\n", "", "models lacks hub models the tabs use: owner/two"),
    ("  - owner/two\n", "  - owner/two\n  - owner/extra\n", "models lists hub ids no tab uses: owner/extra"),
    ("  - owner/two\n", "  - owner/two\n  - owner/one\n", "models lists these twice: owner/one"),
    ("models:\n  - owner/one\n  - owner/two\n", "models: owner/one\n", "models must be a list of hub ids"),
])
def test_each_defect_is_reported_alone_with_its_fix(repo, old, new, expected):
    assert old in GOOD
    problems = check(GOOD.replace(old, new), repo)
    assert len(problems) == 1 and expected in problems[0], problems
    assert ":" in problems[0] and ("set" in problems[0] or "--fix-front-matter" in problems[0]
                                   or "add" in problems[0] or "quoted" in problems[0])


@pytest.mark.parametrize("text, expected", [
    ("# Demo\nno front matter\n", "first line must be `---`"),
    ("---\ntitle: Demo\n", "first line must be `---`"),
    ("---\ntitle: [unclosed\n---\n", "not valid YAML"),
    ("---\n- a list\n---\n", "must be `key: value` lines"),
])
def test_unreadable_front_matter_is_explained(text, expected):
    with pytest.raises(UserError, match=expected.replace("[", r"\[")):
        ds.read_front_matter(text)


def test_fix_repairs_models_and_sdk_version_only(repo):
    broken = GOOD.replace("sdk_version: 6.31.0", "sdk_version: 4.0.0").replace("  - owner/two\n", "  - old/gone\n")
    fixed = ds.fix_front_matter(broken, MODELS, "6.31.0")
    assert check(fixed, repo) == []
    assert fixed == GOOD  # every other line, emoji and order included, untouched


def test_fix_adds_missing_keys(repo):
    broken = GOOD.replace("sdk_version: 6.31.0\n", "").replace("models:\n  - owner/one\n  - owner/two\n", "")
    fixed = ds.fix_front_matter(broken, MODELS, "6.31.0")
    assert check(fixed, repo) == []
    assert "sdk: gradio\nsdk_version: 6.31.0\n" in fixed


def test_fix_front_matter_command_rewrites_a_copy(repo, capsys):
    readme = repo / "README.md"
    readme.write_text(GOOD.replace("  - owner/two\n", "").replace("6.31.0", "5.1.0"))
    assert ds.main(["--fix-front-matter", "--root", str(repo)]) == 0
    assert readme.read_text() == GOOD
    assert "git diff README.md" in capsys.readouterr().out


def test_deploy_refuses_a_bad_front_matter_before_any_upload(repo, capsys):
    (repo / "README.md").write_text(GOOD.replace("sdk: gradio", "sdk: docker"))
    assert ds.main(["ada/demo", "--root", str(repo)], api_factory=refuse_network) == 1
    err = capsys.readouterr().err
    assert "front matter needs fixing" in err and "set `sdk: gradio`" in err


def test_the_real_readme_passes():
    """README.md's front matter matches requirements.txt and apps.REGISTRY's hub models, and
    preloads the CPU Space's default models."""
    models, _ = ds.registry_info()
    meta = ds.read_front_matter((ROOT / "README.md").read_text())
    assert ds.check_front_matter(meta, models, ds.gradio_version(ROOT), ROOT, ds.registry_preload()) == []


def test_preload_names_each_tabs_cpu_default_with_the_files_its_loader_reads():
    from apps import REGISTRY
    from apps.asr.model import CHOICES as ASR
    from shared.classifiers import CHOICES as CLASSIFIERS, TIMM_FILES

    preload = ds.registry_preload()
    # classify and gradcam share ConvNeXt-Tiny (once); style's VGG-19; asr's CPU default,
    # whisper-tiny. Not Stable Diffusion or whisper-base (needs_gpu: not a CPU default), nor
    # repos whose file list is unchecked.
    cpu_whisper = next(c for c in ASR if c.hub_id and not c.needs_gpu)
    # with the pinned commit after the files (VGG-19 stays on main, so it has none)
    for line in [f"{CLASSIFIERS[0].hub_id} {','.join(TIMM_FILES)} {CLASSIFIERS[0].revision}",
                 "timm/vgg19.tv_in1k config.json,model.safetensors",
                 f"{cpu_whisper.hub_id} config.json,model.safetensors {cpu_whisper.revision}"]:
        assert line in preload
    assert TIMM_FILES == ("config.json", "model.safetensors")
    assert not any("stable-diffusion" in line for line in preload)
    # Only tabs' CPU defaults (a tab of your own adds its line), in the Spaces format
    # "repo_id file1,file2 [revision]".
    defaults = {next((c.hub_id for c in spec.models if c.hub_id and not c.needs_gpu), None) for spec in REGISTRY}
    assert all(line.split()[0] in defaults for line in preload)
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+ [\w.,-]+( \w+)?", line) for line in preload)


def test_a_missing_or_stale_preload_is_refused_and_fixed(tmp_path):
    real = (ROOT / "README.md").read_text()
    models, preload = ds.registry_info()[0], ds.registry_preload()
    no_preload = re.sub(r"^preload_from_hub:\n(  - .*\n)+", "", real, count=1, flags=re.M)
    assert "preload_from_hub" not in no_preload.split("\n---\n", 1)[0]
    problems = ds.check_front_matter(ds.read_front_matter(no_preload), models, ds.gradio_version(ROOT), ROOT, preload)
    assert len(problems) == 1 and "preload_from_hub" in problems[0] and "--fix-front-matter" in problems[0]
    fixed = ds.fix_front_matter(no_preload.replace("  - timm/", "  - timm/", 1), models, ds.gradio_version(ROOT), preload)
    assert fixed == real  # written back where it was, after models:


def test_fix_on_a_copy_of_the_real_readme(tmp_path):
    real = (ROOT / "README.md").read_text()
    broken = re.sub(r"^sdk_version:.*$", "sdk_version: 1.0.0", real, count=1, flags=re.M)
    broken = broken.replace("models:\n", "models:\n  - someone/unused\n", 1)
    copy = tmp_path / "README.md"
    copy.write_text(broken)
    models, _ = ds.registry_info()
    copy.write_text(ds.fix_front_matter(copy.read_text(), models, ds.gradio_version(ROOT), ds.registry_preload()))
    meta = ds.read_front_matter(copy.read_text())
    assert ds.check_front_matter(meta, models, ds.gradio_version(ROOT), ROOT, ds.registry_preload()) == []
    assert copy.read_text().split("\n---\n", 1)[1] == real.split("\n---\n", 1)[1]  # the body untouched


def test_pinned_version():
    text = "# c\nGradio == 6.31.0  # ui\nhuggingface_hub==2.4.0\ntorch>=2\n"
    assert ds.pinned_version(text, "gradio") == "6.31.0"
    assert ds.pinned_version(text, "huggingface-hub") == "2.4.0"
    assert ds.pinned_version(text, "torch") is None


# --- files ------------------------------------------------------------------------------------

def test_files_are_what_the_space_runs_and_git_committed(repo):
    (repo / "untracked.py").write_text("x = 1\n")  # outside what the Space runs: no matter
    for folder in ("apps/mine", "tests", "bench"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "x.py").write_text("x = 1\n")
    git(repo, "add", "apps", "tests", "bench")
    git(repo, "commit", "-q", "-m", "more")
    files = ds.upload_files(repo)
    assert sorted(files) == ["README.md", "app.py", "apps/mine/x.py", "requirements.txt"]  # no tests, bench, .gitignore


@pytest.mark.parametrize("change", ["modified", "untracked", "staged"])
def test_uncommitted_code_is_refused_with_the_list(repo, change):
    """A registry that imports a tab not yet committed would break the Space: refuse, naming it."""
    (repo / "apps").mkdir()
    if change == "modified":
        (repo / "app.py").write_text("print('changed')\n")
    (repo / "apps" / "new.py").write_text("x = 1\n")
    if change == "staged":
        git(repo, "add", "apps/new.py")
    with pytest.raises(UserError, match="commit these first .*apps/new.py") as refused:
        ds.make_plan("ada/demo", repo)
    assert ("app.py" in str(refused.value)) == (change == "modified")


def test_a_10_mb_file_is_refused_by_name(repo):
    (repo / "models").mkdir()
    with open(repo / "models" / "weights.safetensors", "wb") as f:
        f.truncate(10_000_000)
    git(repo, "add", "models")
    git(repo, "commit", "-q", "-m", "weights")
    with pytest.raises(UserError, match=r"models/weights\.safetensors \(10\.0 MB\)"):
        ds.upload_files(repo)


def test_not_a_git_checkout(tmp_path):
    with pytest.raises(UserError, match="git checkout"):
        ds.upload_files(tmp_path)


def test_commit_message_names_the_local_commit(repo):
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    plan = ds.make_plan("ada/demo", repo)
    assert plan.commit_message == f"Deploy {sha[:7]}: first commit" and sha in plan.commit_description


@pytest.mark.parametrize("repo_id", ["demo", "a/b/c", "ada/-x", "ada/x..y", "", "ada/with space"])
def test_bad_space_ids(repo, repo_id):
    with pytest.raises(UserError, match="<your user name>/<space name>"):
        ds.make_plan(repo_id, repo)


def test_spaces_added_once():
    assert ds.with_spaces("gradio==6.31.0\n").endswith("\nspaces\n")
    assert ds.with_spaces("gradio==6.31.0\nspaces==0.51.3\n") is None
    assert ds.with_spaces("spaces\n") is None
    assert ds.with_spaces("spacesx==1\n") is not None


# --- the upload sequence against a fake HfApi ------------------------------------------------

class FakeApi:
    def __init__(self, token=None, remote_files=()):
        self.token, self.remote_files, self.calls = token, list(remote_files), []

    def __getattr__(self, name):
        def record(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            if name == "create_repo":
                return f"https://huggingface.co/spaces/{args[0]}"
            return self.remote_files if name == "list_repo_files" else None
        return record


def refuse_network(*_args, **_kwargs):
    raise AssertionError("no HfApi may be made here")


def test_cpu_deploy_calls(repo):
    api = FakeApi()
    url = ds.deploy(ds.make_plan("ada/demo", repo, private=True), api)
    assert url == "https://huggingface.co/spaces/ada/demo"
    assert [name for name, _, _ in api.calls] == ["create_repo", "create_commit"]
    _, args, kwargs = api.calls[0]
    assert args == ("ada/demo",)
    assert kwargs == {"repo_type": "space", "space_sdk": "gradio", "private": True, "exist_ok": True}
    _, (repo_id, operations), kwargs = api.calls[1]
    assert repo_id == "ada/demo" and kwargs["repo_type"] == "space"
    assert kwargs["commit_message"].startswith("Deploy ") and "first commit" in kwargs["commit_message"]
    assert sorted(op.path_in_repo for op in operations) == ["README.md", "app.py", "requirements.txt"]
    assert all(op.path_or_fileobj == str(repo / op.path_in_repo) for op in operations)


def test_zerogpu_deploy_calls(repo):
    api = FakeApi(remote_files=[".gitattributes", "README.md", "apps/old/ui.py"])
    ds.deploy(ds.make_plan("ada/demo", repo, hardware="zero-a10g", prune=True, preloaded=8), api)
    assert [name for name, _, _ in api.calls] == [
        "create_repo", "add_space_variable", "add_space_variable", "list_repo_files", "create_commit",
        "request_space_hardware"]
    variables = {args[1]: args[2] for name, args, _ in api.calls if name == "add_space_variable"}
    assert variables == {"PRELOAD": "1", "MAX_MODELS": "12"}
    operations = api.calls[4][1][1]
    uploaded = {op.path_in_repo: op.path_or_fileobj for op in operations if hasattr(op, "path_or_fileobj")}
    deleted = [op.path_in_repo for op in operations if not hasattr(op, "path_or_fileobj")]
    assert deleted == ["apps/old/ui.py"]  # .gitattributes and tracked files stay
    assert uploaded["requirements.txt"].decode().splitlines()[-1] == "spaces"
    assert (repo / "requirements.txt").read_text() == "gradio==6.31.0\ntorch==2.14.1\n"  # local file as it was
    _, args, _ = api.calls[5]
    assert args == ("ada/demo", "zero-a10g")


def test_paid_hardware_is_flagged(repo):
    assert any("billed for all the time" in note for note in ds.make_plan("ada/demo", repo, hardware="t4-small").notes)
    assert not any("billed" in note for note in ds.make_plan("ada/demo", repo, hardware="cpu-basic").notes)


def test_main_uses_the_token_and_reports_the_url(repo, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    made = []

    def factory(token):
        made.append(FakeApi(token))
        return made[-1]

    assert ds.main(["ada/demo", "--root", str(repo)], api_factory=factory) == 0
    assert made[0].token == "hf_test"
    assert "done: https://huggingface.co/spaces/ada/demo" in capsys.readouterr().out
    assert ds.main(["ada/demo", "--root", str(repo), "--token", "hf_arg"], api_factory=factory) == 0
    assert made[1].token == "hf_arg"


def test_no_token_is_explained(repo, monkeypatch, tmp_path, capsys):
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_OIDC_RESOURCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("huggingface_hub.constants.HF_TOKEN_PATH", str(tmp_path / "no-token"))
    assert ds.main(["ada/demo", "--root", str(repo)], api_factory=refuse_network) == 1
    assert "no Hugging Face token: pass --token" in capsys.readouterr().err


def test_dry_run_prints_the_plan_and_touches_no_network(repo, monkeypatch, capsys):
    def no_connect(*_args, **_kwargs):
        raise AssertionError("the dry run touched the network")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket, "create_connection", no_connect)
    argv = ["ada/demo", "--root", str(repo), "--dry-run", "--hardware", "zero-a10g"]
    assert ds.main(argv, api_factory=refuse_network) == 0
    out = capsys.readouterr().out
    assert "files: 3," in out and "app.py  (12 bytes)" not in out and "data.bin" not in out  # a summary
    assert ds.main([*argv, "--verbose"], api_factory=refuse_network) == 0
    assert "    app.py  (12 bytes)" in capsys.readouterr().out  # every file only with --verbose
    assert "hardware: zero-a10g" in out and "PRELOAD=1" in out and "`spaces` added" in out
    assert "nothing was uploaded" in out


def test_hub_refusal_is_one_line(repo, monkeypatch, capsys):
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    response = httpx2.Response(403, request=httpx2.Request("POST", "https://huggingface.co/api/repos/create"))

    class Refusing(FakeApi):
        def create_repo(self, *args, **kwargs):
            raise HfHubHTTPError("403 Forbidden: you cannot create a Space here", response=response)

    monkeypatch.setenv("HF_TOKEN", "hf_test")
    assert ds.main(["someone-else/demo", "--root", str(repo)], api_factory=Refusing) == 1
    err = capsys.readouterr().err
    assert "403 Forbidden" in err and "write access" in err and "Traceback" not in err


def test_the_teach_tabs_exported_space_deploys_as_a_folder_of_its_own(tmp_path, capsys):
    """--folder uploads a standalone Space folder as it is: the teach tab's export, unzipped."""
    import zipfile

    from apps.teach.export import load_head, space_zip

    with zipfile.ZipFile(space_zip(load_head(ROOT / "models/teach/tools_head.safetensors"), "Tools")) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "my_space"
    assert ds.main(["ada/tools", "--folder", str(folder), "--dry-run"], api_factory=refuse_network) == 0
    assert "files: 4" in capsys.readouterr().out
    api = FakeApi()
    assert ds.main(["ada/tools", "--folder", str(folder), "--token", "hf_x"], api_factory=lambda token: api) == 0
    _, (repo_id, operations), kwargs = api.calls[1]
    assert repo_id == "ada/tools" and kwargs["commit_message"] == "Deploy my_space"
    assert sorted(op.path_in_repo for op in operations) == ["README.md", "app.py", "model.safetensors", "requirements.txt"]
    (folder / "README.md").write_text("# no front matter\n")
    assert ds.main(["ada/tools", "--folder", str(folder), "--dry-run"], api_factory=refuse_network) == 1
    assert "README.md has no front matter" in capsys.readouterr().err
