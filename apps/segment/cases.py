"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import EXAMPLES

API = {
    "segment": {"image": ("image", EXAMPLES[0]), "model": ("model", "People · MediaPipe selfie (embedded)"),
                "opacity": ("number", 0.6)},
}
HUB = {"segment": "SegFormer-B0 · ADE20K (hub)"}
BROWSER = BrowserRun(button="Segment", outputs={"Segmentation": ".legend-item"}, texts=("classes present",))
