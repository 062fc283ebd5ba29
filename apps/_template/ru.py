"""Russian for the template tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "tab|Template: edges": "Шаблон: границы",
    "**Template demo**: edge detection as a convolution with fixed 3x3 kernels. "
    "`python scripts/new_tab.py <name>` makes a tab like this one.":
        "**Демо-шаблон**: поиск границ как свёртка с фиксированными ядрами 3x3. "
        "Команда `python scripts/new_tab.py <name>` создаёт такую же вкладку.",
    "Strength": "Сила",
    "Run": "Запустить",
    "Edges": "Границы",
    "gradient magnitude, two kernels": "модуль градиента, два ядра",
    "second derivative, one kernel": "вторая производная, одно ядро",
    # shared/layout.py: the lecture text folded into its first sentence
    "Template demo: edge detection as a convolution with fixed 3x3 kernels":
        "Демо-шаблон: поиск границ как свёртка с фиксированными ядрами 3x3",
}
