"""Translation catalogues: one module per language, a dict from the English text to its
translation (shared/i18n.py uses them; English needs none). See ru.py."""
