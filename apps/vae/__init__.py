"""Tab `vae`: a latent space you can walk (variational autoencoders)."""

from apps.vae.model import CHOICES
from apps.vae.sd_vae import SD_CHOICES
from apps.vae.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="vae",
    title="VAE latent space",
    description=(
        "**Variational autoencoders** (Kingma & Welling, 2014). The encoder maps an image to a "
        "Gaussian in latent space, the decoder maps any latent point back to an image, and the KL "
        "term keeps the codes close to N(0, I), so the whole space decodes to plausible items. "
        "With a **2-D latent** the space fits on screen: classes form regions, and walking between "
        "them morphs one garment into another. Sampling the prior gives new items; compare them "
        "with the diffusion model's in the *inpaint* tab."
    ),
    build_ui=build_ui,
    models=CHOICES + SD_CHOICES,  # every model the tab can use (the System tab lists them)
    examples=EXAMPLES,
)
