"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import FOLDER

BOOT = FOLDER / "ankle_boot.png"
API = {
    "inpaint": {"image": ("editor", {"background": BOOT, "layers": [], "composite": None}),
                "mask": ("choice", "right half"), "model": ("model", "RePaint · Fashion-MNIST DDPM (this repo)"),
                "prompt": ("prompt", ""), "negative_prompt": ("prompt", ""), "steps": ("number", 10),
                "guidance": ("number", 7.5), "strength": ("number", 1.0), "seed": ("seed", 0),
                "jump_length": ("number", 5), "jump_n_sample": ("number", 2), "eta": ("number", 1.0)},
}
HUB = {"inpaint": "Stable Diffusion 1.5 inpainting (hub)"}
SPECIAL = {  # the other tabs' seeds take any integer; diffusers' generator takes 32 bits
    ("inpaint", "seed", "negative"): "seed must be between 0 and 4294967295",
    ("inpaint", "seed", "10^30"): "seed must be between 0 and 4294967295",
}
# The editor draws on a canvas: the example has loaded once its preview shows.
BROWSER = BrowserRun(button="Inpaint", outputs={"Filled in": "img", "Classical: OpenCV Telea": "img"},
                     texts=("denoising network evaluations",),
                     loaded=("What the model sees", "img"))
