"""Russian for the gradcam tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "**Where does the network look?** (lecture: interpreting CNNs). Class activation maps "
    "weight a layer's feature maps by how much each one raises the score of a class, then "
    "upsample the result onto the image. Compare methods (gradient-based GradCAM and its "
    "variants, gradient-free EigenCAM and ScoreCAM), explain a class other than the top-1 "
    "(where is the evidence for *coffee mug* in the espresso photo?), and move to earlier "
    "layers: sharper maps, less semantic ones. Built on the pytorch-grad-cam library.":
        "**Куда смотрит сеть?** (лекция: интерпретация свёрточных сетей). Карты активации классов "
        "(CAM) взвешивают карты признаков слоя по тому, насколько каждая из них повышает оценку "
        "класса, и растягивают результат на изображение. Сравните методы (градиентный GradCAM и "
        "его варианты, безградиентные EigenCAM и ScoreCAM), объясните не только самый вероятный "
        "класс (где свидетельства в пользу *coffee mug* на фото эспрессо?) и перейдите к более "
        "ранним слоям: карты станут чётче, но менее семантическими. Построено на библиотеке "
        "pytorch-grad-cam.",
    "Method": "Метод",
    "ScoreCAM runs one forward pass per channel it scores: here the 128 that vary most (Faster Score-CAM)":
        "ScoreCAM делает по прямому проходу на каждый оцениваемый канал: здесь на 128 самых изменчивых "
        "(Faster Score-CAM)",
    "Explain which class": "Какой класс объяснить",
    "the top-5 classes of the image, or type any class name":
        "топ-5 классов изображения или любое название класса (по-английски)",
    "Target layer": "Целевой слой",
    "later layers: more semantic, coarser maps": "чем дальше слой, тем семантичнее и грубее карта",
    "the model's default": "слой по умолчанию",
    "Explain": "Объяснить",
    "Heat map on the model's view": "Тепловая карта поверх входа модели",
    "Raw map": "Карта без наложения",
    "Top-5 classes": "Топ-5 классов",
    "Examples (click one, then Explain)": "Примеры (выберите один и нажмите «Объяснить»)",
    "{method} for class **{target}** at layer `{layer}`": "{method} для класса **{target}**, слой `{layer}`",
    "It scored the {scored} of {total} channels whose maps vary most (Faster Score-CAM); the others weigh 0.":
        "Оценены {scored} из {total} каналов с самыми изменчивыми картами (Faster Score-CAM); остальные "
        "получают вес 0.",
    "{layer} (default)": "{layer} (по умолчанию)",
    "unknown method {method}; choose one of: {methods}":
        "неизвестный метод {method}; выберите один из: {methods}",
    "unknown layer {layer}; choose one of: {layers}": "неизвестный слой {layer}; выберите один из: {layers}",
    "unknown class {target} for this model; pick one of the top-5 ({top}) or '{top1}'":
        "у этой модели нет класса {target}; выберите один из топ-5 ({top}) или '{top1}'",
    "ScoreCAM is the slow method: try GradCAM.": "ScoreCAM — медленный метод: попробуйте GradCAM.",
    # shared/layout.py: the lecture text folded into its first sentence
    "Where does the network look? (lecture: interpreting CNNs)":
        "Куда смотрит сеть? (лекция: интерпретация свёрточных сетей)",
}
