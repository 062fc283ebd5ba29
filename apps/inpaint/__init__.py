from apps.inpaint.model import CHOICES
from apps.inpaint.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="inpaint",
    title="Inpainting",
    description=(
        "**Inpainting with diffusion** (lecture: denoising diffusion models, the reverse process). "
        "Paint over part of an image and let a diffusion model fill it in. Offline, *RePaint* uses "
        "this repo's small DDPM, which was only ever trained to make Fashion-MNIST items from "
        "noise: at every step of the reverse process the known pixels are put back, noised to "
        "the same level, and the model fills the rest so that both agree. Watch the gallery go "
        "from noise to a garment, and compare with OpenCV's *Telea* method beside it, which "
        "smears the border inwards and knows nothing about clothes. Online, *Stable Diffusion "
        "inpainting* does the same in a latent space, steered by your prompt."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
