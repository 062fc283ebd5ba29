"""Russian for the teach tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
    "tab|Teach": "Обучить",
    "**Teach a CNN your own classes** (lecture: transfer learning). Collect photos of 2 to 10 "
    "classes (a zip with one folder per class, files or the webcam), then train: a frozen "
    "pretrained CNN turns each photo into a feature vector once, and only a linear layer on top "
    "learns, in seconds on a CPU. Watch the train and validation curves, compare with a "
    "nearest-neighbour baseline on the same features, see the features in 2-D and where the model "
    "errs. Then use it on a new photo, download it, or export it as your own Space.":
        "**Научите CNN своим классам** (лекция: перенос обучения). Соберите фото 2–10 классов "
        "(zip с папкой на каждый класс, файлы или веб-камера) и обучите: замороженная предобученная "
        "CNN один раз превращает каждое фото в вектор признаков, а учится только линейный слой поверх, "
        "за секунды на CPU. Смотрите на кривые обучения и валидации, сравните с методом ближайших "
        "соседей на тех же признаках, посмотрите на признаки в 2-D и на ошибки модели. Затем "
        "примените её к новому фото, скачайте или выгрузите как свой Space.",
    "Teach a CNN your own classes (lecture: transfer learning)":
        "Научите CNN своим классам (лекция: перенос обучения)",
    "Photos: a .zip with one folder per class": "Фото: .zip с папкой на каждый класс",
    "Example": "Пример",
    "Add photos to a class (files or webcam)": "Добавить фото в класс (файлы или веб-камера)",
    "Class name": "Название класса",
    "Photos": "Фото",
    "Webcam snapshot": "Снимок с веб-камеры",
    "Add to this class": "Добавить в этот класс",
    "Backbone (frozen)": "Основа (заморожена)",
    "Train": "Обучить",
    "Optimizer": "Оптимизатор",
    "SGD": "SGD",
    "SGD with momentum": "SGD с моментом",
    "Adam": "Adam",
    "Learning rate": "Скорость обучения",
    "Epochs": "Эпохи",
    "Augmentation: 2 mirrored or cropped copies of each training photo":
        "Аугментация: 2 отражённые или обрезанные копии каждого обучающего фото",
    "Validation share": "Доля валидации",
    "Seed": "Зерно (seed)",
    "Loss": "Функция потерь",
    "Accuracy": "Точность",
    "Features in 2-D (PCA)": "Признаки в 2-D (PCA)",
    "Confusion matrix (validation)": "Матрица ошибок (валидация)",
    "Your model (.safetensors)": "Ваша модель (.safetensors)",
    "Your Space (.zip)": "Ваш Space (.zip)",
    "Photo to classify": "Фото для классификации",
    "Classify with your model": "Классифицировать вашей моделью",
    "Your model says": "Ваша модель считает",
    "Your photos": "Ваши фото",
    # results and messages made while handling a request
    "train": "обучение",
    "validation": "валидация",
    "true \\ predicted": "истина \\ прогноз",
    "Photos per class: {photos}": "Фото по классам: {photos}",
    "Epoch {epoch} of {epochs}: validation accuracy {val}, train accuracy {train}":
        "Эпоха {epoch} из {epochs}: точность на валидации {val}, на обучении {train}",
    "Baseline, 3 nearest neighbours on the same features: validation accuracy {acc}":
        "Базовый метод, 3 ближайших соседа на тех же признаках: точность на валидации {acc}",
    "{n} classes, a linear head on {backbone} features": "{n} классов, линейный слой на признаках {backbone}",
    "Choose photos or take a snapshot first, then add them to the class.":
        "Сначала выберите фото или сделайте снимок, затем добавьте их в класс.",
    "Training": "Обучение",
    "Use fewer photos or epochs.": "Возьмите меньше фото или эпох.",
    "The class name is empty: type a name such as 'cat' first.":
        "Название класса пустое: сначала введите название, например 'кошка'.",
    "The class name {name} is too long; the limit is {limit} characters.":
        "Название класса {name} слишком длинное; предел — {limit} символов.",
    "The class name {name} has no letters or digits: use a word such as 'cat'.":
        "В названии класса {name} нет ни букв, ни цифр: используйте слово, например 'кошка'.",
    "No photos yet: upload a .zip with one folder per class, or add photos to two classes or more.":
        "Фото пока нет: загрузите .zip с папкой на каждый класс или добавьте фото в два класса или больше.",
    "The photos must be a .zip with one folder per class (cat/1.jpg, dog/1.jpg, ...).":
        "Фото должны быть в .zip с папкой на каждый класс (cat/1.jpg, dog/1.jpg, ...).",
    "skipped {count} photo(s) outside any class folder: put each class in its own folder":
        "пропущены фото вне папок классов ({count}): положите каждый класс в свою папку",
    "skipped {count} photo(s) that cannot be used: {first}":
        "пропущены фото, которые нельзя использовать ({count}): {first}",
    "only {width}x{height} pixels": "всего {width}x{height} пикселей",
    "Training needs at least {n} classes, one folder each{which}: add photos of another class.":
        "Для обучения нужно хотя бы {n} класса, по папке на каждый{which}: добавьте фото другого класса.",
    " (only {name})": " (есть только {name})",
    "{count} classes; the limit is {limit}. Keep fewer folders in the zip.":
        "Классов: {count}, а предел — {limit}. Оставьте в zip меньше папок.",
    "Each class needs at least {n} photos, one to train and one to check on; too few in {which}.":
        "В каждом классе нужно хотя бы {n} фото: одно для обучения и одно для проверки; мало в {which}.",
    "At most {n} photos per class; too many in {which}.":
        "Не больше {n} фото на класс; слишком много в {which}.",
    "{count} classes; the limit is {limit}. Add to a class you have.":
        "Классов: {count}, а предел — {limit}. Добавляйте в уже существующий класс.",
    "At most {n} photos per class; {name} would have {count}.":
        "Не больше {n} фото на класс; в {name} было бы {count}.",
    "No model file: train one above, or upload a .safetensors file the Teach tab exported.":
        "Нет файла модели: обучите модель выше или загрузите .safetensors, выгруженный вкладкой «Обучить».",
    "{name} is {size} MB: it is not a model file made by the Teach tab (those are under 1 MB).":
        "{name} весит {size} МБ: это не файл модели вкладки «Обучить» (они меньше 1 МБ).",
    "{name} is not a model file made by the Teach tab: export one from the Train step.":
        "{name} — не файл модели вкладки «Обучить»: выгрузите его на шаге обучения.",
    "{name} is not a model file made by the Teach tab: it is not a safetensors file.":
        "{name} — не файл модели вкладки «Обучить»: это не файл safetensors.",
    "{name} is not a model file made by the Teach tab: its backbone or classes are unknown.":
        "{name} — не файл модели вкладки «Обучить»: его основа или классы неизвестны.",
    "{name} is not a model file made by the Teach tab: its tensors do not match its {n} classes.":
        "{name} — не файл модели вкладки «Обучить»: его тензоры не соответствуют его {n} классам.",
    # space_app.py: the exported Space is English only; this is here for the test that finds messages
    "No image: upload a photo or take one with the webcam.":
        "Нет изображения: загрузите фото или сделайте снимок веб-камерой.",
}
