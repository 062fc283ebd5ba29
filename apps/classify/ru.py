"""Russian for the classify tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "tab|Classify": "Классификация",
    "**Image classification with a CNN** (lecture: convolutional networks, transfer "
    "learning). Upload a photo and compare models: a classic ResNet, a modern ConvNeXt, a "
    "Vision Transformer, a mobile EfficientNet that works offline, and a small CNN this repo "
    "trains on Fashion-MNIST. Look at *what the model sees* (the resized, cropped, normalised "
    "input) and, for the small CNN, at its first-layer feature maps: edge and blob detectors.":
        "**Классификация изображений свёрточной сетью** (лекция: свёрточные нейронные сети, "
        "перенос обучения). Загрузите фото и сравните модели: классическую ResNet, современную "
        "ConvNeXt, Vision Transformer, мобильную EfficientNet, которая работает офлайн, и "
        "небольшую свёрточную сеть, обученную в этом репозитории на Fashion-MNIST. Посмотрите, "
        "*что видит модель* (вход после масштабирования, обрезки и нормализации), а у маленькой "
        "сети — карты признаков первого слоя: детекторы границ и пятен.",
    "Classify": "Классифицировать",
    "How many classes to show (top-k)": "Сколько классов показать (top-k)",
    "Top classes": "Самые вероятные классы",
    "What the model sees (resized, cropped)": "Что видит модель (после масштабирования и обрезки)",
    "First-layer feature maps (small CNN)": "Карты признаков первого слоя (маленькая свёрточная сеть)",
    "Examples (click one, then Classify)": "Примеры (выберите один и нажмите «Классифицировать»)",
    "{model}: {ms} ms for preprocessing + forward pass": "{model}: {ms} мс на предобработку и прямой проход",
    # shared/layout.py: the lecture text folded into its first sentence
    "Image classification with a CNN (lecture: convolutional networks, transfer learning)":
        "Классификация изображений свёрточной сетью (лекция: свёрточные нейронные сети, перенос обучения)",
}
