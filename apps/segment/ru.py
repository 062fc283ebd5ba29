"""Russian for the segment tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "tab|Segment": "Сегментация",
    "**Semantic segmentation: a class for every pixel** (lecture: fully convolutional "
    "networks, encoder-decoders, U-Net). Online, SegFormer labels 150 kinds of things in "
    "indoor and outdoor scenes (or 19 in street scenes); offline, MediaPipe's tiny selfie "
    "model separates people from the background, and our own U-Net, trained on synthetic "
    "scenes of clothes and digits on real textures, shows the encoder-decoder at work: its "
    "feature maps shrink to coarse, semantic ones and grow back to a sharp mask.":
        "**Семантическая сегментация: класс для каждого пикселя** (лекция: полностью свёрточные "
        "сети, архитектура «кодировщик — декодировщик», U-Net). Онлайн SegFormer размечает 150 "
        "видов объектов в сценах в помещении и на улице (или 19 — в уличных сценах); офлайн "
        "крошечная модель MediaPipe для селфи отделяет людей от фона, а наша собственная U-Net, "
        "обученная на синтетических сценах с одеждой и цифрами на настоящих текстурах, показывает "
        "кодировщик и декодировщик в работе: её карты признаков сжимаются до грубых семантических "
        "и снова разворачиваются в чёткую маску.",
    "Segment": "Сегментировать",
    "Mask opacity": "Непрозрачность маски",
    "Segmentation (click a class to highlight it)": "Сегментация (щёлкните по классу, чтобы выделить его)",
    "Share of the image per class": "Доля изображения по классам",
    "U-Net feature maps (mean over channels), encoder to decoder":
        "Карты признаков U-Net (среднее по каналам), от кодировщика к декодировщику",
    "Examples (click one, then Segment)": "Примеры (выберите один и нажмите «Сегментировать»)",
    "3.7 M parameters, 150 indoor/outdoor classes":
        "3.7 млн параметров, 150 классов сцен в помещении и на улице",
    "larger: 27 M parameters, same 150 classes": "крупнее: 27 млн параметров, те же 150 классов",
    "another task: 19 street-scene classes": "другая задача: 19 классов уличных сцен",
    "person vs background, 250 KB, Apache-2.0, works offline":
        "человек или фон, 250 КБ, Apache-2.0, работает офлайн",
    "ours: 0.48 M parameters, 7 classes of clothes and digits, works offline":
        "наша: 0.48 млн параметров, 7 классов (одежда и цифры), работает офлайн",
    "{model}: {ms} ms for {width}x{height} px, {count} classes present. Click a class in the "
    "legend to highlight it.":
        "{model}: {ms} мс на {width}x{height} px, классов на изображении: {count}. Щёлкните по "
        "классу в легенде, чтобы выделить его.",
    # shared/layout.py: the lecture text folded into its first sentence
    "Semantic segmentation: a class for every pixel (lecture: fully convolutional networks, encoder-decoders, U-Net)":
        "Семантическая сегментация: класс для каждого пикселя (лекция: полностью свёрточные сети, архитектура «кодировщик — декодировщик», U-Net)",
    "**Your own model**: type the hub id of a SegFormer checkpoint into the Model field, e.g. "
    "`nvidia/segformer-b1-finetuned-ade-512-512` (online; safetensors only).":
        "**Своя модель**: введите в поле «Модель» id чекпойнта SegFormer на хабе, например "
        "`nvidia/segformer-b1-finetuned-ade-512-512` (онлайн; только safetensors).",
    "{repo} is a {kind} model, not a SegFormer: type the id of a SegFormer checkpoint, e.g. "
    "nvidia/segformer-b1-finetuned-ade-512-512.":
        "{repo} — модель {kind}, а не SegFormer: введите id чекпойнта SegFormer, например "
        "nvidia/segformer-b1-finetuned-ade-512-512.",
}
