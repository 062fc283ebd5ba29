"""Word error rate, the standard ASR metric, with a small text normaliser. No gradio here.

WER = (substitutions + deletions + insertions) / words in the reference, from the word-level
edit distance. It can exceed 1 (many inserted words). Before counting, both texts are
normalised so that only recognition errors count, not spelling conventions: lower case,
punctuation and hyphens removed, "ё" -> "е", numbers spelt out ("10" -> "ten"), "Mr" -> "mister".
"""

import re

ABBREVIATIONS = {"mr": "mister", "mrs": "missus", "dr": "doctor"}
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """0..999999 in English words ("42" -> "forty two"); larger numbers stay digits."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))
    return str(n)


def normalise(text: str) -> list[str]:
    """Text -> list of comparable words (works for Latin and Cyrillic scripts alike)."""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[-‐‑–—]", " ", text)  # "ill-disposed" and "ill disposed" are the same words
    text = re.sub(r"[^\w\s']", " ", text)
    words = []
    for word in text.split():
        word = word.strip("'")
        if word.isdigit():
            words += number_words(int(word)).split()
        elif word:
            words.append(ABBREVIATIONS.get(word, word))
    return words


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Fewest substitutions + deletions + insertions turning reference into hypothesis."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, hyp_word in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ref_word != hyp_word)))
        previous = current
    return previous[-1]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of one hypothesis against one reference (both raw text)."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


def corpus_wer(pairs: list[tuple[str, str]]) -> float:
    """WER over many (reference, hypothesis) pairs: total errors / total reference words."""
    errors = sum(edit_distance(normalise(r), normalise(h)) for r, h in pairs)
    words = sum(len(normalise(r)) for r, _ in pairs)
    return errors / words if words else 0.0
