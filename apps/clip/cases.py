"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import EXAMPLES

PHOTO = EXAMPLES[0]
BRIDGE = "Class bridge · EfficientNet-Lite0 + MiniLM + WordNet (this repo)"
HUB_CLIP = "OpenCLIP ViT-B/32 · LAION-2B (hub)"
API = {
    "clip": {"query": ("query", "a koala"), "model": ("model", BRIDGE), "top_k": ("number", 3),
             "where": ("choice", "Gallery")},
    "clip_image": {"image": ("image", PHOTO), "model": ("model", BRIDGE), "top_k": ("number", 3),
                   "where": ("choice", "Gallery")},
    "clip_zero_shot": {"image": ("image", PHOTO), "labels": ("labels", "cat, dog, car"), "model": ("model", BRIDGE)},
    "clip_add": {"files": ("files", [PHOTO]), "model": ("model", BRIDGE)},
}
HUB = {name: HUB_CLIP for name in API}
BROWSER = BrowserRun(input="Describe a picture", button="Search", outputs={"Results": "img"}, texts=(r"\d+ results for",))
