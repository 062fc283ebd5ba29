"""The page around the tabs, made for a projector: a one-line header with the presenter-mode
toggle, each tab's lecture text folded into a one-line summary, a compact copy-link button, and
the CSS that keeps a tab's input, button and result on one 1280x720 screen.

Presenter mode (`?present=1`, or the toggle): larger type; lecture texts, settings, status lines
and the copy-link bar hidden; results larger. It is a class on the page's <body>, so it costs no
server call and combines with every deep link (shared/links.py); the toggle keeps `present=1` in
the address bar, so a reload or a link copied from there keeps it.

What a tab's ui.py marks, with elem_classes (shared/ui.py has helpers):
    "advanced"  settings a lecturer does not need on screen: hidden in presenter mode
    "result"    the main result: larger in presenter mode
    "examples-beside"  a narrow column holding gr.Examples next to the input: small thumbnails
"""

import re

import gradio as gr

from shared.i18n import t

CSS = """
/* One line of header: the title, then the tabs right below it. */
.app-header { align-items: center; }
.app-header .prose p { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* The status line above a model picker, in small type: it is a note, not a result. */
.status-line .prose, .status-line .prose p { font-size: var(--text-sm); margin: 0; }
/* The lecture text of a tab: its summary is the accordion's one-line label. */
.lecture-text > .label-wrap span { font-weight: 600; }
/* Examples in a narrow column beside the input: small thumbnails, two or three to a row. */
.examples-beside .gallery { display: grid !important; grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
                            gap: 6px; }
.examples-beside .gallery-item { margin: 0 !important; }
.examples-beside .gallery-item img, .examples-beside .gallery-item .container { width: 100% !important;
                            height: 56px !important; max-width: none !important; object-fit: cover; }
/* A phone: rows stack (Gradio does that) and nothing may scroll sideways. */
@media (max-width: 640px) { .gradio-container { overflow-x: hidden; } }

/* Presenter mode: larger type, no lecture texts, no settings, larger results. */
body.present { --text-xs: 14px; --text-sm: 16px; --text-md: 20px; --text-lg: 24px; --text-xl: 28px;
               --block-label-text-size: 16px; --block-info-text-size: 16px; --button-large-text-size: 26px; }
body.present .link-bar, body.present .advanced, body.present .status-line { display: none !important; }
body.present .result img { max-height: 62vh; }
body.present .app-header .prose { font-size: 15px; }  /* the title stays one line */
"""

# Runs on every page load: ?present=1 turns presenter mode on.
LOAD_JS = """() => {
  if (new URLSearchParams(window.location.search).get("present") === "1") document.body.classList.add("present");
}"""

# The toggle: flip the class, and keep the URL in step so that a reload (or a copied link) keeps it.
TOGGLE_JS = """() => {
  const on = document.body.classList.toggle("present");
  const url = new URL(window.location.href);
  if (on) url.searchParams.set("present", "1"); else url.searchParams.delete("present");
  window.history.replaceState(null, "", url);
}"""


def header(title: str, subtitle: str):
    """The title and what the app is, on one line, with the presenter-mode toggle at its end."""
    with gr.Row(elem_classes="app-header", equal_height=True):
        with gr.Column(scale=1, min_width=320):  # on a phone the toggle goes below, not beside
            gr.Markdown(t(f"**{title}** · {subtitle}"))
        toggle = gr.Button(t("Presenter mode"), size="sm", scale=0, min_width=160, elem_id="present-toggle")
    toggle.click(None, js=TOGGLE_JS)


def summary(description: str) -> str:
    """A tab's one-line summary: the first sentence of its description, without Markdown
    emphasis ("**Where does the network look?** (lecture: ...). Class ..." -> "Where does the
    network look? (lecture: ...)"). A sentence ends at . ! ? or : before a space and a word
    that starts in upper case ("vs. learned" and "look? (lecture: ...)" go on)."""
    plain = description.replace("*", "")
    for end in re.finditer(r"[.!?:](?=\s+\S)", plain):
        following = plain[end.end():].lstrip()
        if not (following[0].islower() or following[0] == "("):
            return plain[:end.start() + (end.group() != ".")].replace("`", "").strip()
    return plain.replace("`", "").strip().rstrip(".")


def lecture_bar(spec) -> tuple[gr.Button, gr.Textbox]:
    """The tab's lecture text, folded into its one-line summary, and a compact copy-link
    button beside it (shared/links.py wires it once the tab is built)."""
    with gr.Row(elem_classes="link-bar", equal_height=False):
        with gr.Column(scale=1, min_width=240):
            with gr.Accordion(t(summary(spec.description)), open=False, elem_classes="lecture-text"):
                gr.Markdown(t(spec.description))
        button = gr.Button(t("Copy link"), size="sm", scale=0, min_width=120)
        box = gr.Textbox(show_label=False, buttons=["copy"], interactive=False, visible=False, scale=2,
                         min_width=200, elem_id=f"link-{spec.slug}")
    return button, box
