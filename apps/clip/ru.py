"""Russian for the clip tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "CLIP search": "Поиск с CLIP",
    "**Images and text in one space** (lecture: contrastive learning, CLIP, joint "
    "embeddings). Type a description and get the closest photos of the gallery, search by an "
    "image, or classify an image against labels you type (zero-shot: no training for your "
    "labels). Online this is OpenCLIP ViT-B/32, trained on 2 billion image-text pairs; its "
    "scores are cosines between vectors. Offline it is a bridge built in this repo from two "
    "networks that install with pip: your words become a mix of ImageNet's 1000 classes (a "
    "sentence encoder compares them with each class's name, definition and WordNet parents, so "
    "'a bird' reaches every bird), and a photo's score is the CNN's probability for that mix. "
    "Compare: the bridge finds koalas, birds and coffee cups, but not a rocket (ImageNet has no "
    "such class). Add your own photos (several files or a zip) and search them too.":
        "**Изображения и текст в одном пространстве** (лекция: контрастивное обучение, CLIP, "
        "совместные эмбеддинги). Введите описание и получите самые близкие фото из галереи, ищите "
        "по изображению или классифицируйте изображение по меткам, которые введёте сами "
        "(zero-shot: для ваших меток не нужно обучение). Онлайн "
        "это OpenCLIP ViT-B/32, обученный на 2 миллиардах пар «изображение — текст»; его оценки — "
        "косинусы углов между векторами. Офлайн — мост, построенный в этом репозитории из двух "
        "сетей, которые ставятся через pip: ваши слова становятся смесью 1000 классов ImageNet "
        "(кодировщик предложений сравнивает их с названием, определением и родительскими понятиями "
        "WordNet каждого класса, так что слово «птица» находит любую птицу), а оценка фото — "
        "вероятность этой смеси по мнению свёрточной сети. Сравните: мост находит коал, птиц и "
        "чашки кофе, но не ракету (в ImageNet нет такого класса). "
        "Добавьте свои фото (несколько файлов или zip-архив) и ищите и по ним. Запросы и метки "
        "пишите по-английски.",
    "Describe a picture (in English)": "Опишите картинку (по-английски)",
    "Search in": "Где искать",
    "Gallery": "Галерея",
    "My images": "Мои изображения",
    "Both": "Везде",
    "gallery": "галерея",
    "my images": "мои изображения",
    "both": "везде",
    "Results (top-k)": "Сколько результатов (top-k)",
    "Search": "Искать",
    "Image: find similar ones, or classify it": "Изображение: найти похожие или классифицировать",
    "Find similar images": "Найти похожие изображения",
    "Labels for zero-shot classification (comma-separated, in English)":
        "Метки для zero-shot классификации (через запятую, по-английски)",
    "Classify the image": "Классифицировать изображение",
    "Results": "Результаты",
    "Zero-shot classification": "Zero-shot классификация",
    "Your images (up to {count}, kept for this session only)":
        "Ваши изображения (до {count}, хранятся только в этом сеансе)",
    "Images, or a .zip of images": "Изображения или zip-архив с ними",
    "Add to my images": "Добавить к моим изображениям",
    "Clear my images": "Удалить мои изображения",
    "No images added yet.": "Изображения пока не добавлены.",
    "Examples (click one, then Search, Find similar or Classify)":
        "Примеры (выберите один и нажмите «Искать», «Найти похожие» или «Классифицировать»)",
    "CLIP trained on 2 billion image-text pairs; 66 % zero-shot ImageNet top-1; first use "
    "downloads 605 MB":
        "CLIP, обученный на 2 млрд пар «изображение — текст»; 66 % top-1 на ImageNet в режиме "
        "zero-shot; при первом использовании скачивается 605 МБ",
    "works offline: an ImageNet CNN's class probabilities + a sentence encoder, joined through "
    "each class's name, definition and WordNet parents; knows only ImageNet's 1000 visual concepts":
        "работает офлайн: вероятности классов свёрточной сети, обученной на ImageNet, и "
        "кодировщик предложений, связанные через название, определение и родительские понятия "
        "WordNet каждого класса; знает только 1000 визуальных понятий ImageNet",
    "**{count} results** for {what} in *{where}*, best first; scores are cosine similarities "
    "({ms} ms, model *{model}*).":
        "**Результатов: {count}**, запрос: {what}, где: *{where}*; лучшие сначала, оценки — "
        "косинусное сходство ({ms} мс, модель *{model}*).",
    "**{count} results** for {what} in *{where}*, best first; scores are the CNN's probability "
    "that the photo shows what you typed ({ms} ms, model *{model}*).":
        "**Результатов: {count}**, запрос: {what}, где: *{where}*; лучшие сначала, оценка — "
        "вероятность по мнению свёрточной сети, что на фото то, что вы написали ({ms} мс, модель "
        "*{model}*).",
    "No results for {what}.": "По запросу {what} ничего не найдено.",
    "your image": "ваше изображение",
    "embedding the gallery": "вычисление эмбеддингов галереи",
    "embedding your images": "вычисление эмбеддингов ваших изображений",
    "yours:": "ваше:",
    "unknown place to search {where}; choose one of: {places}":
        "неизвестное место поиска {where}; выберите одно из: {places}",
    "top-k must be between 1 and {high}, got {value}.": "top-k должно быть от 1 до {high}, получено {value}.",
    "You already added {count} images, the limit per session; clear them first to add others.":
        "Вы уже добавили изображений: {count}, это предел для сеанса; удалите их, чтобы добавить "
        "другие.",
    "only {room} more image(s) fit in this session (limit {limit})":
        "в этот сеанс поместится ещё изображений: {room} (предел {limit})",
    "None of the uploaded files is an image we can read: {reasons}":
        "Ни один из загруженных файлов не удалось прочитать как изображение: {reasons}",
    "You have not added any images yet: upload some under 'Your images' (several files or a "
    ".zip), or search the gallery.":
        "Вы ещё не добавили изображений: загрузите их в разделе «Ваши изображения» (несколько "
        "файлов или zip-архив) или ищите по галерее.",
    "The {what} is empty: type what to look for, e.g. 'a koala' or 'a cup of coffee'.":
        "Поле «{what}» пусто: введите, что искать, например 'a koala' или 'a cup of coffee'.",
    "The {what} is {length} characters long; the limit is {limit}. Describe the picture in a "
    "short phrase, e.g. 'a red fish on a coral reef'.":
        "В поле «{what}» {length} символов, а предел — {limit}. Опишите картинку короткой фразой, "
        "например 'a red fish on a coral reef'.",
    "The {what} {text} has no letters or digits: describe the picture in words (emoji and "
    "symbols alone carry no meaning for the text encoder).":
        "В поле «{what}» ({text}) нет ни букв, ни цифр: опишите картинку словами (эмодзи и "
        "символы сами по себе ничего не значат для текстового кодировщика).",
    "query": "запрос",
    "label": "метка",
    "prompt": "запрос",
    "No labels: type at least two, separated by commas, e.g. 'cat, dog, car'.":
        "Нет меток: введите хотя бы две через запятую, например 'cat, dog, car'.",
    "Zero-shot classification needs at least two different labels, separated by commas, e.g. "
    "'cat, dog, car'.":
        "Для zero-shot классификации нужны хотя бы две разные метки через запятую, например 'cat, "
        "dog, car'.",
    "{count} labels; the limit is {limit}. Keep the ones you care about.":
        "Меток: {count}, а предел — {limit}. Оставьте самые важные.",
    "Adding images": "Добавление изображений",
    "Searching": "Поиск",
    "Try again in a minute: the gallery is being embedded.":
        "Попробуйте через минуту: галерея ещё вычисляется.",
    "CLIP gallery for {model}": "Галерея CLIP для {model}",
    "images": "изображений",
    "Add fewer images at a time.": "Добавляйте меньше изображений за раз.",
    "added {count} image(s) ({cached} from the cache); {total} in total":
        "добавлено изображений: {count} (из кэша: {cached}); всего: {total}",
    # shared/layout.py: the lecture text folded into its first sentence
    "Images and text in one space (lecture: contrastive learning, CLIP, joint embeddings)":
        "Изображения и текст в одном пространстве (лекция: контрастивное обучение, CLIP, совместные эмбеддинги)",
}
