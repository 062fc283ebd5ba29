"""What the suite-wide tests need to know about this tab (tests/test_bad_inputs.py, tests/test_e2e.py,
tests/test_i18n.py read it): see apps/_template/cases.py for what each name means.
"""

from shared.spec import BrowserRun

from .ui import EXAMPLES, SD_EXAMPLE

VAE_16D = "Fashion-MNIST VAE · 16-D latent (this repo)"
API = {
    "vae": {"z1": ("number", 0.5), "z2": ("number", -1.0)},
    "vae_interpolate": {"image_a": ("image", EXAMPLES[0]), "image_b": ("image", EXAMPLES[1]),
                        "model": ("model", VAE_16D), "steps": ("number", 4)},
    "vae_sample": {"model": ("model", VAE_16D), "seed": ("seed", 0), "rows": ("number", 4)},
    "vae_sd": {"image": ("image", SD_EXAMPLE), "model": ("model", "Stable Diffusion VAE · sd-vae-ft-mse (hub)")},
}
HUB = {}
# vae_sd has only a hub model: offline, even a valid call is refused, clearly.
VALID_ANSWER = {"vae_sd": "not in the local cache and the hub is unreachable"}


def click_the_map(panel):
    """A click on the latent map moves the sliders to that point, which decodes it at once."""
    from playwright.sync_api import expect

    image = panel.locator("#vae-map img")
    box = image.bounding_box()  # upper right of the map, whatever its size on this screen
    image.click(position={"x": 0.7 * box["width"], "y": 0.2 * box["height"]})
    expect(panel.locator("#vae-z1 input[type=number]")).not_to_have_value("0")


BROWSER = BrowserRun(button="Interpolate", outputs={"Decodings along the line": "img >> nth=7"},
                     then=click_the_map)
