"""The UI in English and Russian, chosen by the browser's language.

The English text is the key: code stays readable, and text nobody has translated yet simply
shows in English. Catalogues live in shared/locales/<language>.py ({English: translation}).

- Text fixed when the UI is built (labels, buttons, tab titles, Markdown): wrap it in
  t("..."). The browser looks it up in the catalogue of its language (gr.I18n, which app.py
  passes to launch) and shows English where there is none.
- Text made while handling a request (errors, warnings, progress, result lines such as
  "47 ms for preprocessing + forward pass"): the server translates it with localize(text)
  into the language of the request's Accept-Language header; gr.I18n cannot, since the
  browser only ever sees the finished string.

A catalogue entry may be a template: "{model}: {ms} ms for preprocessing + forward pass"
matches "ResNet-50: 47 ms for preprocessing + forward pass", keeps the values (translating
them too when the catalogue knows them) and puts them into the Russian sentence.

Where the Russian lives: shared/locales/ru.py for what every tab shows (the page, the model
picker, shared messages), and apps/<slug>/ru.py for each tab's own text. They are merged here.
"""

import re
import runpy
from pathlib import Path

import gradio as gr

from shared.gradio_internals import drop_translated_example_headers, know_the_request_in_preprocess, request_headers
from shared.locales.ru import RU

APPS = Path(__file__).resolve().parents[1] / "apps"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalogue_files(language: str = "ru") -> dict[str, dict[str, str]]:
    """{file: its {English: translation}}: shared/locales/<language>.py, then each tab's
    apps/<slug>/<language>.py (found by file name: a new tab needs no edit here)."""
    files = {f"shared/locales/{language}.py": RU}
    for path in sorted(APPS.glob(f"*/{language}.py")):
        # Read as a file, not imported: importing apps.<slug> would build the registry first.
        files[f"apps/{path.parent.name}/{language}.py"] = runpy.run_path(str(path))["RU"]
    return files


def merged(files: dict[str, dict[str, str]]) -> dict[str, str]:
    catalogue = {}
    for entries in files.values():
        catalogue.update(entries)
    return catalogue


CATALOGUES = {"ru": merged(catalogue_files("ru"))}  # language -> {English: translation}; English needs none


def _compile(template: str) -> re.Pattern:
    """'{model}: {ms} ms' -> a regex with one named group per placeholder."""
    parts = PLACEHOLDER.split(template)  # literal, name, literal, name, ..., literal
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)"
                              for i, part in enumerate(parts)), re.DOTALL)


def _templates(catalogue: dict) -> list[tuple[re.Pattern, str]]:
    """The catalogue's templates, the most specific (most literal text) first."""
    found = [(english, translation) for english, translation in catalogue.items() if PLACEHOLDER.search(english)]
    found.sort(key=lambda pair: -len(PLACEHOLDER.sub("", pair[0])))
    return [(_compile(english), translation) for english, translation in found]


TEMPLATES = {language: _templates(catalogue) for language, catalogue in CATALOGUES.items()}
# What the browser gets: the catalogues, plus what t() derives from templates at build time.
SHOWN = {"en": {}, **{language: dict(catalogue) for language, catalogue in CATALOGUES.items()}}
KEY = gr.I18n()  # KEY("Classify"): the marker the browser looks up in its language's catalogue


def browser_i18n() -> gr.I18n:
    """The gr.I18n to launch with, once the page is built (t() adds to SHOWN while building)."""
    return gr.I18n(**{language: dict(entries) for language, entries in SHOWN.items()})


def translate(text: str, language: str) -> str:
    """English `text` in `language`: an exact entry, else a template, else line by line (and
    cell by cell in a Markdown table row). Whatever matches nothing stays English."""
    catalogue = CATALOGUES.get(language)
    if not catalogue or not isinstance(text, str) or not text.strip():
        return text
    if text in catalogue:
        return catalogue[text]
    core = text.strip()
    if core != text:  # keep the surrounding whitespace (Markdown line breaks, indents)
        start = text.index(core)
        return text[:start] + translate(core, language) + text[start + len(core):]
    for pattern, translation in TEMPLATES[language]:
        match = pattern.fullmatch(text)
        if match:
            values = {name: translate(value, language) for name, value in match.groupdict().items()}
            return PLACEHOLDER.sub(lambda m: values[m.group(1)], translation)
    if "\n" in text:
        return "\n".join(translate(line, language) for line in text.split("\n"))
    if text.startswith("|") and text.endswith("|"):
        return "|".join(translate(cell, language) for cell in text.split("|"))
    return text


def best_language(accept_language: str) -> str:
    """An Accept-Language header -> the language we have, by the person's preference:
    'ru-RU,ru;q=0.9,en;q=0.8' -> 'ru'; 'en-US,en;q=0.9,ru;q=0.8' -> 'en'; '' -> 'en'."""
    wanted = []
    for part in (accept_language or "").split(","):
        tag, _, weight = part.strip().partition(";q=")
        try:
            wanted.append((float(weight) if weight else 1.0, tag.split("-")[0].strip().lower()))
        except ValueError:
            continue
    for weight, language in sorted(wanted, key=lambda pair: -pair[0]):  # stable: ties keep order
        if weight > 0 and (language == "en" or language in CATALOGUES):
            return language
    return "en"


def request_language() -> str:
    """The language of the request being handled ('en' outside of an event handler)."""
    return best_language(request_headers().get("accept-language", ""))


def localize(text: str) -> str:
    """A message made on the server, in the language of the person who sent this request."""
    return translate(text, request_language())


def t(text: str, context: str = ""):
    """UI text for the browser to show in its language: t("Classify") as a label, a button's
    text, a Markdown block. Text that matches a template is translated now, at build time.
    context tells apart two uses of one English text: t("Classify", context="tab") looks up
    "tab|Classify" first (the tab "Классификация", the button "Классифицировать")."""
    key = f"{context}|{text}" if context else text
    if "}" in key:  # Gradio 6.31's browser code cuts the key at the first "}"
        raise ValueError(f"UI text with '}}' cannot be translated in the browser: {text[:60]!r}")
    for language, catalogue in CATALOGUES.items():
        shown = SHOWN[language]
        if key not in shown:
            translated = catalogue.get(key) or translate(text, language)
            if translated != text:
                shown[key] = translated
    if context:  # English browsers must see the text, not "tab|Classify"
        SHOWN["en"][key] = text
    return KEY(key)


def finish_translation(demo: gr.Blocks):
    """The two things gr.I18n does not do by itself in Gradio 6.31 (shared/gradio_internals.py);
    app.py calls this once on the built demo: messages of input checks in the person's
    language, and no raw keys in examples tables' header rows."""
    know_the_request_in_preprocess(demo)
    drop_translated_example_headers(demo)
