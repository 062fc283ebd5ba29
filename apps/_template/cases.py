"""What the suite-wide tests need to know about this tab: they read this file, so a new tab
needs no edit in tests/ beyond its own tests/test_<slug>.py.

API: one valid call of each endpoint, argument by argument, as (kind, value).
    tests/test_bad_inputs.py replaces one argument at a time with every bad case of its kind
    (kinds: image, editor, audio, query, labels, prompt, class name, number, seed, choice,
    model, files, flag; see CASES there) and checks the answer is one clear line.
HUB: a hub model per endpoint with a `model` argument: offline, it must be refused clearly.
BROWSER: how tests/test_e2e.py runs the tab in Chromium (shared.spec.BrowserRun).
"""

from shared.spec import BrowserRun

from . import SPEC
from .model import CHOICES
from .ui import EXAMPLES

API = {
    SPEC.slug: {"image": ("image", EXAMPLES[0]), "model": ("model", CHOICES[0].name), "strength": ("number", 1.0)},
}
HUB = {}  # this template has no hub model
BROWSER = BrowserRun(button="Run", outputs={"Edges": "img"})
