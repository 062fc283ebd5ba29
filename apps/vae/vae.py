"""The small convolutional VAE this repo trains on Fashion-MNIST (training/train_vae.py).

Plain PyTorch, no app imports, so the training script can load this file by path.
Images: float32 (N, 1, 28, 28) in [0, 1], white item on black (the Fashion-MNIST convention).
Latents: float32 (N, latent_dim); the prior is a standard normal N(0, I).
"""

import torch
from torch import nn
from torch.nn import functional as F


class ConvVAE(nn.Module):
    """Encoder 28x28 -> 14x14 -> 7x7 -> mean and log-variance of q(z|x);
    decoder z -> 7x7 -> 14x14 -> 28x28 logits of a Bernoulli p(x|z)."""

    def __init__(self, latent_dim: int = 2, width: int = 32, hidden: int = 256):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(
            nn.Conv2d(1, width, 4, stride=2, padding=1), nn.ReLU(),              # 14x14
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1), nn.ReLU(),      # 7x7
            nn.Flatten(), nn.Linear(2 * width * 7 * 7, hidden), nn.ReLU(),
        )
        self.to_mean = nn.Linear(hidden, latent_dim)
        self.to_logvar = nn.Linear(hidden, latent_dim)
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, 2 * width * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (2 * width, 7, 7)),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1), nn.ReLU(),  # 14x14
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1),                     # 28x28 logits
        )

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x (N,1,28,28) in [0,1] -> (mean, logvar), each (N, latent_dim)."""
        h = self.encoder(x)
        return self.to_mean(h), self.to_logvar(h)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """z (N, latent_dim) -> images (N,1,28,28) in [0,1] (the Bernoulli means)."""
        return torch.sigmoid(self.decoder(z))

    def forward(self, x: torch.Tensor):
        """Returns (logits of x given a sampled z, mean, logvar); sampling uses the
        reparameterisation z = mean + exp(logvar / 2) * eps, so gradients reach the encoder."""
        mean, logvar = self.encode(x)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)
        return self.decoder(z), mean, logvar


def vae_loss(logits, x, mean, logvar) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-image reconstruction term -log p(x|z) (Bernoulli, in nats) and KL(q(z|x) || N(0, I)).
    The negative ELBO is their sum. Both are (N,) tensors."""
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mean.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return reconstruction, kl
