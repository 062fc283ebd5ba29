"""Evaluate the shipped VAEs beyond their training metrics, and add the figures to metrics.json.

    python training/eval_vae.py --seed 0

For each of models/vae/latent2 and latent16: (1) reconstruction class agreement: the repo's
Fashion-MNIST CNN classifies the decoded latent means of the 10,000 test images, accuracy
against the true labels; (2) prior samples: 1000 decodings of z ~ N(0, I) scored with the
Fashion-CNN FID of training/fashion_fid.py, the same figure as the DDPM's model card.
"""

import argparse
import importlib.util
import json
from pathlib import Path

import torch
from safetensors.torch import load_file

import fashion_fid

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("vae", ROOT / "apps" / "vae" / "vae.py")
vae_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vae_module)


@torch.no_grad()
def evaluate(folder: Path, classifier, x_test, y_test, reference, seed: int) -> dict:
    config = json.loads((folder / "config.json").read_text())
    model = vae_module.ConvVAE(config["latent_dim"], config["width"], config["hidden"])
    model.load_state_dict(load_file(str(folder / "vae.safetensors")))
    model.eval()
    recon = torch.cat([model.decode(model.encode(x_test[i:i + 1000])[0]) for i in range(0, len(x_test), 1000)])
    _, probs = fashion_fid.features_and_probs(classifier, recon)
    samples = model.decode(torch.randn(1000, config["latent_dim"], generator=torch.Generator().manual_seed(seed)))
    return {"reconstruction_class_accuracy": round((probs.argmax(1).numpy() == y_test).mean().item(), 4),
            "prior_samples": fashion_fid.quality(classifier, samples, reference),
            "eval": f"Fashion-CNN accuracy on the decoded test means; 1000 prior samples, seed {seed}, "
                    "FID against the 10,000 test images in the Fashion-CNN's 128-d feature space"}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=fashion_fid.fashion.DEFAULT_DATA_DIR)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    images, y_test = fashion_fid.fashion.load_split(args.data, "t10k")
    x_test = torch.from_numpy(images.copy()).float().div(255).unsqueeze(1)
    classifier = fashion_fid.load_classifier("cpu")
    reference, probs = fashion_fid.features_and_probs(classifier, x_test)
    print("original images:", (probs.argmax(1).numpy() == y_test).mean())
    for name in ("latent2", "latent16"):
        path = ROOT / "models" / "vae" / name / "metrics.json"
        metrics = json.loads(path.read_text())
        metrics.update(evaluate(path.parent, classifier, x_test, y_test, reference, args.seed))
        path.write_text(json.dumps(metrics, indent=2) + "\n")
        print(name, json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
