"""The UI in English and Russian (shared/i18n.py; the Russian in shared/locales/ru.py for what
every tab has, and in apps/<slug>/ru.py for each tab's own text).

- the catalogue: no empty or untranslated entries, templates keep their {placeholders};
- the built app: every label, button, Markdown block and tab title goes through t() and has
  a Russian translation (numbers, model names and English example prompts excepted);
- the messages: every text given to UserError, gr.Error, gr.Warning, gr.Info, warn() or
  localize() in apps/ and shared/ (found by reading the source) has a Russian template;
- the server: a request with Accept-Language: ru gets Russian errors, one with en English;
- the browser: chromium with locale ru-RU shows Russian tab titles and labels, en-US English.

- each tab's results: its API calls (apps/<slug>/cases.py) in Russian leave no English in
  their Markdown result lines;
- no stale entries: every key of a tab's ru.py still appears in that tab's code, so editing an
  English sentence cannot silently drop its translation.

Added a message or a label and a test here fails? It names the file to add the Russian to.
Tests per tab carry the tab's slug in their id: `pytest -k <slug>` runs them.
"""

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, free_port, registered_specs, tab_cases

from shared.i18n import CATALOGUES, PLACEHOLDER, best_language, catalogue_files, translate  # noqa: E402

RU = CATALOGUES["ru"]  # every file's entries, merged
FILES = catalogue_files("ru")  # {"apps/classify/ru.py": {...}, ...}


def ru_file(source: str) -> str:
    """Where the Russian for text in `source` (a path relative to the repo) belongs."""
    parts = Path(source).parts
    if parts[0] == "apps" and len(parts) > 2 and f"apps/{parts[1]}/ru.py" in FILES:
        return f"apps/{parts[1]}/ru.py"
    return "shared/locales/ru.py"

# English words that must not survive in a Russian text (Latin names, units and model names may).
ENGLISH = set("""a an and are as at be by can cannot choose could did does each first for from got has
have here if in into is it its least less limit more must need needs no not of on one only or other
pick please run than that the their them then there these this to too try upload use was were what
when which while with without you your""".split())
# Shown in English on purpose: the models understand English prompts and labels only.
ENGLISH_ON_PURPOSE = {"a koala", "cat, dog, car", "a red knitted scarf", "blurry", "eta"}
MESSAGE_CALLS = {"UserError", "LoadFailed", "JobStopped", "Error", "Warning", "Info", "warn", "localize"}
TOKEN = "⟨{}⟩"  # stands for a value computed at run time in a sample message


def english_left(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """English words still in `text`, after removing `code`, links, tokens and allowed names."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"`[^`]*`|https?://\S+|⟨\d+⟩|'[^']*'|\{\w+\}", " ", text)
    words = re.findall(r"(?<![\w/])[A-Za-z][a-z]*(?![\w/])", text)  # not in M4A, it/s, APP_LIMIT
    return [word for word in words if word.lower() in ENGLISH]


def model_names() -> set[str]:
    from apps import REGISTRY

    return {choice.name for spec in REGISTRY for choice in spec.models} | {"this repo"}


# --- the catalogue ---------------------------------------------------------------------------

def test_catalogue_entries_are_translated_and_keep_placeholders():
    assert len(RU) > 100
    for english, russian in RU.items():
        assert english.strip() and russian.strip(), f"empty entry: {english!r}"
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(russian)), \
            f"placeholders differ: {english!r} -> {russian!r}"
        if PLACEHOLDER.search(english):  # a template needs some literal text to match on
            assert re.search(r"[A-Za-z]", PLACEHOLDER.sub("", english)), english
        assert not english_left(russian, model_names()), f"English left in {russian!r}"


def test_catalogue_has_no_duplicate_keys():
    """A Python dict keeps the last of two equal keys silently: find them in the source, within
    a file and across files (two tabs translating one text differently)."""
    seen = {}
    for name in FILES:
        tree = ast.parse((ROOT / name).read_text())
        keys = [ast.literal_eval(key) for node in ast.walk(tree) if isinstance(node, ast.Dict)
                for key in node.keys if key is not None]
        assert len(keys) == len(set(keys)), (name, [k for k in set(keys) if keys.count(k) > 1])
        for key in keys:
            if key in seen and FILES[seen[key]][key] != FILES[name][key]:
                pytest.fail(f"{key[:60]!r} is translated differently in {seen[key]} and {name}")
            seen.setdefault(key, name)


def test_translate_keeps_values_and_fills_templates():
    assert translate("Classify", "ru") == RU["Classify"]
    assert translate("Classify", "en") == "Classify"
    line = translate("ResNet-50 (hub): 47 ms for preprocessing + forward pass", "ru")
    assert line.startswith("ResNet-50 (hub): 47 ") and "ms" not in line
    assert translate("something nobody translated", "ru") == "something nobody translated"


@pytest.mark.parametrize("header, language", [
    ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"), ("en-US,en;q=0.9,ru;q=0.8", "en"),
    ("de-DE,de;q=0.9,ru;q=0.5", "ru"), ("de-DE", "en"), ("", "en"), ("ru;q=0", "en"), ("RU", "ru")])
def test_best_language(header, language):
    assert best_language(header) == language


# --- the built app: nothing the person reads is left in plain English ----------------------

def i18n_key(value):
    """The key of a t() value (an I18nData, or its string form inside a prop), else None."""
    from gradio.i18n import I18nData

    if isinstance(value, I18nData):
        return value.key
    if isinstance(value, str) and value.startswith("__i18n__"):
        import json

        return json.loads(value[len("__i18n__"):])["key"]
    return None


def tab_of(block) -> str:
    """The slug of the tab a block sits in ("page" for the header, "system" for the System tab)."""
    import gradio as gr

    while block is not None and not isinstance(block, gr.Tab):
        block = block.parent
    return getattr(block, "id", None) or "page"


def shown_texts(demo, tab: str):
    """(where, value) for every label, info, placeholder, Markdown/Button/HTML value and
    choice label in one tab of the built app."""
    for block in demo.blocks.values():
        if tab_of(block) != tab:
            continue
        kind = type(block).__name__
        for prop in ("label", "info", "placeholder"):
            yield f"{kind}.{prop}", getattr(block, prop, None)
        if kind in ("Markdown", "Button", "HTML"):
            yield f"{kind}.value", getattr(block, "value", None)
        for choice in getattr(block, "choices", None) or []:
            if isinstance(choice, tuple):
                yield f"{kind} choice", choice[0]
    if tab not in ("page", "system"):
        yield "Tab title", next(b.label for b in demo.blocks.values() if getattr(b, "id", None) == tab)


@pytest.fixture(scope="module")
def demo():
    import app

    return app.demo


@pytest.mark.parametrize("tab", [spec.slug for spec in registered_specs()] + ["page", "system"])
def test_every_shown_text_is_translated(demo, tab):
    from shared.i18n import SHOWN

    shown = SHOWN["ru"]
    names = model_names()
    untranslated, plain = [], []
    for where, value in shown_texts(demo, tab):
        key = i18n_key(value)
        if key is not None:
            russian = shown.get(key, key)
            if english_left(russian, names):
                untranslated.append(f"{where}: {key[:100]!r}")
        elif isinstance(value, str) and value.strip() and value not in ENGLISH_ON_PURPOSE:
            if english_left(value, names) or where.endswith((".label", ".info")) and re.search("[a-z]{3}", value):
                plain.append((where, value[:100]))
    assert not plain, f"wrap these in t(): {plain}"
    file = f"apps/{tab}/ru.py" if f"apps/{tab}/ru.py" in FILES else "shared/locales/ru.py"
    assert not untranslated, (f"add the Russian of these to {file} (or to shared/locales/ru.py for text "
                              "from shared/):\n" + "\n".join(untranslated))


# --- the messages: every English message in the source has a Russian template --------------

def message_samples():
    """(file:line, sample) for every message text in apps/ and shared/: the string literal or
    f-string given to UserError, gr.Error, gr.Warning, gr.Info, warn, localize or notes.append,
    with each run-time value replaced by a token."""
    found = []
    for path in sorted([*ROOT.glob("apps/**/*.py"), *ROOT.glob("shared/**/*.py")]):
        if "locales" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        scopes = _scopes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _is_message_call(node):
                text = node.args[-1] if getattr(node.func, "attr", "") == "insert" else node.args[0]
                for sample in _samples(text, scopes.get(node, tree), tree):
                    if re.search(r"[A-Za-z]{3}", re.sub(r"⟨\d+⟩", "", sample)):
                        found.append((f"{path.relative_to(ROOT)}:{node.lineno}", sample))
    return found


def _is_message_call(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("append", "insert"):  # notes.append("..."): notes end up as warnings
        return isinstance(func.value, ast.Name) and func.value.id == "notes"
    return name in MESSAGE_CALLS


def _scopes(tree) -> dict:
    """Call node -> the innermost function around it (where its variables are assigned)."""
    scopes = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                scopes[node] = function  # inner functions come later in the walk and win
    return scopes


def _samples(node, scope, module) -> list[str]:
    """The sample texts an expression may produce (a variable: each string assigned to it in
    its function, else in its module)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        texts, tokens = [""], 0
        for part in node.values:
            if isinstance(part, ast.Constant):
                texts = [text + part.value for text in texts]
            else:
                texts, tokens = [text + TOKEN.format(tokens) for text in texts], tokens + 1
        return texts
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _samples(node.left, scope, module) or [TOKEN.format(8)]
        right = _samples(node.right, scope, module) or [TOKEN.format(9)]
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        return _samples(node.body, scope, module) + _samples(node.orelse, scope, module)
    if isinstance(node, ast.Name):
        for where in (scope, module):
            values = [text for assign in ast.walk(where) if isinstance(assign, ast.Assign)
                      and any(isinstance(target, ast.Name) and target.id == node.id for target in assign.targets)
                      for text in _samples(assign.value, scope, module)]
            if values:
                return values
    return []


def test_messages_are_found():
    samples = message_samples()
    texts = [text for _, text in samples]
    assert len(samples) > 60
    assert "No image: upload, paste or take a photo first." in texts
    assert any(text.startswith("unknown model ⟨0⟩; choose one of") for text in texts)


def test_every_message_has_a_russian_template():
    names = model_names()
    missing = []
    for where, sample in message_samples():
        russian = translate(sample, "ru")
        tokens = re.findall(r"⟨\d+⟩", sample)
        if russian == sample or english_left(russian, names) or any(tok not in russian for tok in tokens):
            missing.append(f"{ru_file(where)}: {where}: {sample!r} -> {russian!r}")
    assert not missing, "add the Russian of these to the file named first:\n" + "\n".join(missing)


# --- the server: messages in the language of the request's Accept-Language -------------------

@pytest.fixture(scope="module")
def app_url(demo):
    import app

    port = free_port()
    demo.launch(server_port=port, prevent_thread_lock=True, quiet=True, **app.LAUNCH_OPTIONS)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def client(url: str, language: str):
    from gradio_client import Client

    return Client(url, headers={"Accept-Language": language}, verbose=False)


@pytest.mark.parametrize("language, expected", [("ru-RU,ru;q=0.9", "Нет изображения: сначала загрузите"),
                                                ("en-US,en;q=0.9", "No image: upload, paste or take")])
def test_an_error_comes_in_the_language_of_the_request(app_url, language, expected):
    with pytest.raises(Exception, match=expected):
        client(app_url, language).predict(None, "EfficientNet-Lite0 (embedded)", 5, api_name="/classify")


def test_input_checks_and_results_in_russian_too(app_url):
    """An input check runs before the handler (shared.i18n.finish_translation), a result
    line after it: both in Russian, with the numbers kept."""
    from gradio_client import handle_file

    russian = client(app_url, "ru-RU,ru;q=0.9")
    with pytest.raises(Exception, match=r"top_k: допустимо от 1 до 10, получено 99"):
        russian.predict(None, "EfficientNet-Lite0 (embedded)", 99, api_name="/classify")
    image = handle_file(str(ROOT / "apps" / "classify" / "examples" / "chelsea.jpg"))
    info = russian.predict(image, "EfficientNet-Lite0 (embedded)", 5, api_name="/classify")[-1]
    assert re.fullmatch(r"EfficientNet-Lite0 \(embedded\): \d+ мс на предобработку и прямой проход", info), info


# --- the browser: the page in the browser's language -------------------------------------------

def chromium():
    import shutil

    path = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if path is None or sync_playwright is None:
        from conftest import require

        require(False, "chromium or playwright missing (see tests/test_e2e.py)", "REQUIRE_E2E")
    return path, sync_playwright


@pytest.mark.parametrize("locale, tab, settings, label, button, error", [
    ("ru-RU", "Классификация", "Настройки", "Сколько классов показать (top-k)", "Классифицировать", "Нет изображения"),
    ("en-US", "Classify", "Settings", "How many classes to show (top-k)", "Classify", "No image")])
def test_the_page_follows_the_browser_language(app_url, tmp_path, locale, tab, settings, label, button, error):
    import os
    import shutil

    from playwright.sync_api import expect

    path, sync_playwright = chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(locale=locale, viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        page.goto(app_url)
        expect(page.get_by_role("tab", name=tab, exact=True)).to_be_visible()
        panel = page.locator("#tab-classify")
        panel.locator(".advanced").filter(has_text=settings).get_by_role("button").first.click()  # top-k is folded away
        expect(panel.get_by_text(label, exact=True)).to_be_visible()
        panel.get_by_role("button", name=button, exact=True).click()  # no image: an error toast
        expect(page.get_by_test_id("toast-body").filter(has_text=error).first).to_be_visible()
        shot = tmp_path / f"i18n_{locale}.png"
        page.screenshot(path=shot, full_page=True)
        if os.environ.get("E2E_SCREENSHOT_DIR"):
            Path(os.environ["E2E_SCREENSHOT_DIR"]).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(os.environ["E2E_SCREENSHOT_DIR"]) / shot.name)
        browser.close()


def test_no_raw_translation_keys_in_tables(demo):
    """Gradio 6.31 shows a table header's key untranslated: finish_translation drops them."""
    from gradio.i18n import I18nData

    for block in demo.blocks.values():
        headers = getattr(block, "headers", None) or []
        assert not any(isinstance(h, I18nData) for h in headers), (type(block).__name__, headers)


def test_toasts_and_progress_texts_go_through_localize():
    """gr.Warning("...") or progress(desc="...") with a literal would stay English: wrap the
    text in localize() (UserError needs nothing: friendly_errors translates it)."""
    bare = []
    for path in sorted([*ROOT.glob("apps/**/*.py"), *ROOT.glob("shared/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or getattr(node.func, "id", "") == "tqdm":  # tqdm: a CLI's bar
                continue
            texts = [kw.value for kw in node.keywords if kw.arg in ("desc", "unit")]
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("Warning", "Info", "Error") and node.args:
                texts.append(node.args[0])
            if any(isinstance(text, (ast.Constant, ast.JoinedStr)) for text in texts):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bare, f"wrap the text in shared.i18n.localize(): {bare}"


# --- each tab's results in Russian, from its own declared API calls ---------------------------

def api_calls():
    for spec in registered_specs():
        cases = tab_cases(spec)
        for endpoint, arguments in cases.API.items():
            if endpoint not in getattr(cases, "VALID_ANSWER", {}):  # a call that answers with an error
                yield pytest.param(endpoint, arguments, id=endpoint)


def as_upload(value):
    from gradio_client import handle_file

    if isinstance(value, Path):
        return handle_file(value)
    if isinstance(value, list):
        return [as_upload(v) for v in value]
    if isinstance(value, dict):
        return {key: as_upload(v) for key, v in value.items()}
    return value


@pytest.mark.parametrize("endpoint, arguments", list(api_calls()))
def test_result_lines_come_in_russian(demo, app_url, endpoint, arguments):
    """app.py translates every Markdown result of every handler (shared/handlers.py): a result
    line with no Russian template stays English, and this names it."""
    import gradio as gr

    event = next(e for e in demo.fns.values() if e.api_name == endpoint)
    shown = [block for block in event.outputs if not isinstance(block, gr.State)]
    markdown = [i for i, block in enumerate(shown) if isinstance(block, gr.Markdown)]
    if not markdown:
        pytest.skip(f"/{endpoint} shows no Markdown result")
    values = {name: as_upload(value) for name, (_, value) in arguments.items()}
    result = client(app_url, "ru-RU,ru;q=0.9").predict(api_name=f"/{endpoint}", **values)
    result = result if len(shown) > 1 else [result]
    slug = next(s.slug for s in registered_specs() if endpoint == s.slug or endpoint.startswith(s.slug + "_"))
    for i in markdown:
        left = english_left(result[i] or "", model_names() | ENGLISH_ON_PURPOSE)
        assert not left, f"add a Russian template for this result of /{endpoint} to apps/{slug}/ru.py: {result[i]!r}"


# --- no stale entries: a tab's catalogue matches its code ---------------------------------------

def strings_in(folder: Path) -> str:
    """Every string literal of a folder's Python code (f-strings' literal parts too), joined,
    and the one-line summary shared/layout.py makes of a tab's description."""
    from shared.layout import summary

    texts = []
    for source in folder.glob("*.py"):
        if source.name == "ru.py":
            continue
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    spec = next((spec for spec in registered_specs(with_template=True) if spec.slug == folder.name.lstrip("_")), None)
    if spec is not None:
        texts.append(summary(spec.description))
    return "\n".join(texts)


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("apps/")], ids=lambda n: n.split("/")[1])
def test_every_entry_of_a_tab_catalogue_is_still_used(name):
    """An English sentence edited in the code leaves its old entry behind, untranslated text in
    the page and a stale entry here: this test names the entry, so the two are fixed together."""
    code = strings_in(ROOT / Path(name).parent)
    stale = []
    for key in FILES[name]:
        text = key.split("|", 1)[1] if "|" in key.split(" ", 1)[0] else key  # "tab|Classify" -> "Classify"
        pieces = [piece for piece in PLACEHOLDER.split(text)[::2] if len(piece.strip()) >= 3]
        if not all(piece in code for piece in pieces):
            stale.append(key[:80])
    assert not stale, f"{name}: these entries match no text in the tab's code (edited or removed?): {stale}"
