"""Checks for what people type: search queries and zero-shot labels. No gradio, no torch."""

import re
import unicodedata

from shared.errors import UserError

MAX_QUERY_CHARS = 300
MAX_LABELS, MAX_LABEL_CHARS = 50, 100


def clean_text(text: str | None, what: str = "query", limit: int = MAX_QUERY_CHARS) -> str:
    """Normalised text (NFKC, no control or zero-width characters, single spaces), or a
    UserError that says what to type instead."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text
                   if unicodedata.category(c) != "Cf")  # Cf: zero-width and direction marks
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise UserError(f"The {what} is empty: type what to look for, e.g. 'a koala' or 'a cup of coffee'.")
    if len(text) > limit:
        raise UserError(f"The {what} is {len(text):,} characters long; the limit is {limit}. "
                        "Describe the picture in a short phrase, e.g. 'a red fish on a coral reef'.")
    if not any(c.isalnum() for c in text):
        raise UserError(f"The {what} {text!r} has no letters or digits: describe the picture in "
                        "words (emoji and symbols alone carry no meaning for the text encoder).")
    return text


def parse_labels(text: str | None) -> list[str]:
    """'cat, dog; car' (commas, semicolons or new lines) -> ['cat', 'dog', 'car']: cleaned,
    duplicates dropped, 2 to MAX_LABELS labels of at most MAX_LABEL_CHARS characters."""
    if not (text or "").strip():
        raise UserError("No labels: type at least two, separated by commas, e.g. 'cat, dog, car'.")
    labels, seen = [], set()
    for part in re.split(r"[,;\n]", text):
        if not part.strip():
            continue
        label = clean_text(part, "label", MAX_LABEL_CHARS)
        if label.lower() not in seen:
            seen.add(label.lower())
            labels.append(label)
    if len(labels) < 2:
        raise UserError("Zero-shot classification needs at least two different labels, separated by "
                        "commas, e.g. 'cat, dog, car'.")
    if len(labels) > MAX_LABELS:
        raise UserError(f"{len(labels)} labels; the limit is {MAX_LABELS}. Keep the ones you care about.")
    return labels
