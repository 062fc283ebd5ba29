"""RePaint (Lugmayr et al., 2022): inpainting with a DDPM that was never trained to inpaint.

The loop below is diffusers' RePaintPipeline.__call__, written out so the lesson is visible:

1. start from pure noise x_T;
2. at each step the UNet predicts the noise in x_t; the scheduler takes one reverse step to
   x_{t-1} for the unknown pixels, while the known pixels are simply the original image
   noised to the same level t-1 (so both halves always carry the same amount of noise);
3. every `jump_length` steps it jumps *forward* again (adds noise back, `undo_step`) and
   re-does those steps, `jump_n_sample` times in all: "resampling", which lets the filled
   region and the known one agree with each other instead of just touching at the seam.

Tensors: (N, 1, 32, 32) float32 in [-1, 1] (-1 = black); known: same shape, 1 = keep, 0 = fill.
"""

from typing import Callable

import numpy as np
import torch

MAX_EVALUATIONS = 1500  # UNet calls per request: ~1-2 min on one CPU thread at 32x32


def plan(scheduler_config: dict, steps: int, jump_length: int, jump_n_sample: int):
    """A RePaintScheduler with its timesteps set, and how many UNet calls they take."""
    from diffusers import RePaintScheduler

    scheduler = RePaintScheduler.from_config(scheduler_config)
    scheduler.set_timesteps(steps, jump_length, jump_n_sample)
    timesteps = scheduler.timesteps.tolist()
    evaluations = sum(1 for prev, t in zip([timesteps[0] + 1, *timesteps], timesteps) if t < prev)
    return scheduler, evaluations


def snapshot_indices(total: int, count: int = 8) -> set[int]:
    """`count` loop indices from the first to the last step, denser towards the end, where
    the picture emerges (until then x_t looks like noise)."""
    return {int(i) for i in (np.linspace(0, 1, min(count, total)) ** 0.7 * (total - 1)).round()}


@torch.no_grad()
def repaint_loop(unet, scheduler_config: dict, image: torch.Tensor, known: torch.Tensor,
                 seed: int = 0, steps: int = 50, jump_length: int = 5, jump_n_sample: int = 2,
                 eta: float = 1.0, on_step: Callable[[int, int], None] | None = None,
                 snapshots: int = 8) -> tuple[torch.Tensor, list[tuple[int, bool, torch.Tensor]], int]:
    """Fill the unknown pixels of `image`. Returns (x_0 in [-1, 1] on the CPU, frames,
    UNet calls). frames: (t, jumped_back, x_t on the CPU) at `snapshots` moments of the loop,
    t = the noise level x is at after that step. eta: 1 = DDPM's full noise at each step (as
    in the RePaint paper), 0 = DDIM-like. The same seed gives the same result: all noise comes
    from one CPU generator."""
    scheduler, evaluations = plan(scheduler_config, steps, jump_length, jump_n_sample)
    scheduler.eta = eta
    device = unet.device
    image, known = image.to(device), known.to(device)
    generator = torch.Generator("cpu").manual_seed(int(seed))
    x = torch.randn(image.shape, generator=generator).to(device)
    timesteps = scheduler.timesteps.tolist()
    keep = snapshot_indices(len(timesteps), snapshots)
    stride = scheduler.config.num_train_timesteps // scheduler.num_inference_steps
    frames = []
    t_last = timesteps[0] + 1
    for i, t in enumerate(timesteps):
        jumped_back = t >= t_last
        if not jumped_back:  # a reverse step x_t -> x_(t-stride): denoise the unknown part,
            noise = unet(x, t).sample  # noise the known part to the same level
            x = scheduler.step(noise, t, x, image, known, generator).prev_sample
        else:  # a jump forward in time, x_(t-stride) -> x_t: add noise, then redo the steps
            x = scheduler.undo_step(x, t_last, generator)
        if i in keep:  # the noise level x is at now
            frames.append((t if jumped_back else max(t - stride, 0), jumped_back, x.float().cpu()))
        t_last = t
        if on_step is not None:
            on_step(i + 1, len(timesteps))
    return x.clamp(-1, 1).float().cpu(), frames, evaluations
