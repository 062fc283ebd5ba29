"""Russian for the UI and its messages: {English text: Russian text}. shared/i18n.py uses it.

The English text is the key, exactly as the code writes it: change one and change the other.
Entries with {placeholders} are templates for messages made at run time ("{model}: {ms} ms ...");
the values keep their place, and are translated too when they are entries themselves.
A key "context|text" tells apart two uses of one English text (t(text, context="tab")).
Grouped by where the text appears; tests/test_i18n.py finds what is missing.
"""

RU = {
    # --- app.py: the page, the System tab; shared/ui.py, shared/links.py: what every tab has -------
    "**Deep learning, live** · Core ideas of a deep-learning course, one tab each. Every tab works "
    "offline on embedded models; online it uses hub models.":
        "**Глубокое обучение вживую** · Ключевые идеи курса глубокого обучения, по вкладке на каждую. "
        "Все вкладки работают офлайн на встроенных моделях; при подключении к сети используются модели "
        "с Hugging Face Hub.",
    "Presenter mode": "Режим презентации",
    "Settings": "Настройки",
    "System": "Система",
    "Before a lecture without Wi-Fi, run `python app.py --prefetch` once with the network on: "
    "it caches every hub model, and afterwards the app serves them offline too.":
        "Перед лекцией без Wi-Fi один раз запустите `python app.py --prefetch` при подключении к "
        "сети: команда скачает в кэш все модели с хаба, и после этого приложение будет работать с "
        "ними и офлайн.",
    "Refresh": "Обновить",
    "Image": "Изображение",
    "Model": "Модель",
    "About these models": "Об этих моделях",
    "Examples": "Примеры",
    "Stop": "Остановить",
    "Copy link": "Скопировать ссылку",
    "**Offline mode**: using the embedded model *{model}*. Hub models work only if they are "
    "already in the local cache.":
        "**Офлайн-режим**: используется встроенная модель *{model}*. Модели с хаба работают, "
        "только если они уже есть в локальном кэше.",
    "**Offline mode**: *{model}* works only if it is already in the local cache.":
        "**Офлайн-режим**: *{model}* работает, только если она уже есть в локальном кэше.",
    "**Online**: using the embedded model *{model}*.":
        "**Онлайн**: используется встроенная модель *{model}*.",
    "**Online**: using *{model}* from the Hugging Face hub.":
        "**Онлайн**: используется *{model}* с Hugging Face Hub.",
    "*{model}*: a model you typed (a hub id), or one served remotely (APP_REMOTE).":
        "*{model}*: модель, которую вы ввели (id на хабе), или модель на удалённой машине (APP_REMOTE).",
    "{line} **Unavailable**: *{model}* ({reason}; tried again within {minutes} min).":
        "{line} **Недоступна**: *{model}* ({reason}; новая попытка — не позже чем через {minutes} "
        "мин).",
    "{model} (unavailable)": "{model} (недоступна)",

    # --- the "About these models" table (translated cell by cell) ----------------------------------
    "model": "модель",
    "source": "источник",
    "notes": "примечания",
    "embedded, works offline": "встроенная, работает офлайн",
    "hub: `{repo}`": "хаб: `{repo}`",
    "remote: {where}": "удалённо: {where}",
    "runs on another machine (`APP_REMOTE`)": "работает на другой машине (`APP_REMOTE`)",

    # --- System tab report (shared/system.py, shared/remote.py) ------------------------------------
    "**Mode**: {mode}": "**Режим**: {mode}",
    "offline (embedded models by default)": "офлайн (по умолчанию встроенные модели)",
    "online (hub models by default)": "онлайн (по умолчанию модели с хаба)",
    "**Device**: {device} · {threads} · {cores} cores · Python {python} on {system}":
        "**Устройство**: {device} · {threads} · ядер: {cores} · Python {python} на {system}",
    "{threads} CPU thread(s) per request (APP_CPU_THREADS)":
        "потоков CPU на запрос: {threads} (APP_CPU_THREADS)",
    "PyTorch threads follow the load (all cores for a lone request, shared while several run)":
        "потоки PyTorch следуют нагрузке (все ядра для одного запроса, поровну, когда их несколько)",
    "no: {files} not cached; run `python app.py --prefetch`":
        "нет: {files} нет в кэше; запустите `python app.py --prefetch`",
    "**Versions**: {versions}": "**Версии**: {versions}",
    "**Background work since start**:": "**Фоновая работа с момента запуска**:",
    "- {what}: ready": "- {what}: готово",
    "- {what}: failed: {error}": "- {what}: ошибка: {error}",
    "- {what}: {done} of {total}": "- {what}: {done} из {total}",
    "**Hub cache** `{path}`: {size} MiB in {count} repos":
        "**Кэш хаба** `{path}`: {size} МиБ, репозиториев: {count}",
    "tab": "вкладка",
    "works offline": "работает офлайн",
    "loaded": "загружена",
    "embedded": "встроенная",
    "yes": "да",
    "hub `{repo}`": "хаб `{repo}`",
    "yes (cached, {size} MiB)": "да (в кэше, {size} МиБ)",
    "no: run `python app.py --prefetch`": "нет: запустите `python app.py --prefetch`",
    "failed: {reason}": "ошибка: {reason}",
    "**Remote models**: none; set `APP_REMOTE` to serve a choice from another machine.":
        "**Удалённые модели**: нет; задайте `APP_REMOTE`, чтобы модель работала на другой машине.",
    "**Remote models** (`APP_REMOTE`): these choices run on another machine":
        "**Удалённые модели** (`APP_REMOTE`): эти модели работают на другой машине",
    "served by": "где работает",
    "remote model": "удалённая модель",

    # --- messages every tab may show (shared/) -----------------------------------------------------
    "No image: upload, paste or take a photo first.":
        "Нет изображения: сначала загрузите, вставьте или сделайте фото.",
    "animated image with {frames} frames: using the first frame":
        "анимированное изображение из {frames} кадров: используется первый кадр",
    "the image is only {width}x{height} pixels; it needs at least {min_width}x{min_height} to "
    "show anything.":
        "изображение всего {width}x{height} пикселей, а нужно хотя бы {min_width}x{min_height}, "
        "чтобы что-то показать.",
    "expected an HxW, HxWx3 or HxWx4 image array, got shape {shape}.":
        "ожидался массив изображения формы HxW, HxWx3 или HxWx4, получена форма {shape}.",
    "the image file is damaged (cut off or corrupt) and cannot be decoded: save or export it again.":
        "файл изображения повреждён (обрезан или испорчен) и не декодируется: сохраните или экспортируйте его заново.",
    "the image has too many pixels; the limit is {limit} MP.":
        "в изображении слишком много пикселей; предел — {limit} Мп.",
    "the image is {width}x{height} ({megapixels} MP); the limit is {limit} MP. Downscale it "
    "and try again.":
        "изображение {width}x{height} ({megapixels} Мп), а предел — {limit} Мп. Уменьшите его и "
        "попробуйте снова.",
    "the file is not an image we can read (corrupt, or not PNG/JPEG/WebP/GIF/BMP/TIFF).":
        "файл не удаётся прочитать как изображение (он повреждён или это не "
        "PNG/JPEG/WebP/GIF/BMP/TIFF).",
    "{filename} is missing in the local model folder {folder}":
        "в локальной папке модели {folder} нет файла {filename}",
    "'{repo}' is not in the local cache and the hub is unreachable (offline mode). Pick an "
    "embedded model, or run the app once with the network on to cache it.":
        "'{repo}' нет в локальном кэше, а хаб недоступен (офлайн-режим). Выберите встроенную "
        "модель или один раз запустите приложение при подключении к сети, чтобы сохранить модель "
        "в кэш.",
    "unknown model {name}; choose one of: {names}": "неизвестная модель {name}; выберите одну из: {names}",
    "model {name} could not be loaded ({reason}). Pick another model; the rest of the app "
    "keeps working.":
        "модель {name} не удалось загрузить ({reason}). Выберите другую модель; остальное "
        "приложение продолжает работать.",
    "Something went wrong ({error}: {detail}). The app is still running: try another input or "
    "model.":
        "Что-то пошло не так ({error}: {detail}). Приложение продолжает работать: попробуйте "
        "другие входные данные или другую модель.",
    "{name} must be between {low} and {high}, got {value}.":
        "{name}: допустимо от {low} до {high}, получено {value}.",
    "{name} must be a number between {low} and {high}.": "{name}: нужно число от {low} до {high}.",
    "{name} must be a number, got {value}.": "{name}: нужно число, получено {value}.",
    "{name} must be a finite number, got {value}.": "{name}: нужно конечное число, получено {value}.",
    "unknown {name} {value}; choose one of: {values}":
        "{name}: недопустимое значение {value}; выберите одно из: {values}",
    "{what}: cancelled.": "{what}: отменено.",
    "{what} stopped after {seconds} s, the time limit per job (APP_TIME_LIMIT={limit}). {fix}":
        "{what}: остановлено через {seconds} с — это предел времени на одну задачу "
        "(APP_TIME_LIMIT={limit}). {fix}",
    "{what} stopped after {seconds} s, the time limit per job (APP_TIME_LIMIT={limit}).":
        "{what}: остановлено через {seconds} с — это предел времени на одну задачу "
        "(APP_TIME_LIMIT={limit}).",
    "the link asks for example {example}; the {tab} tab has examples 1 to {count}.":
        "ссылка просит пример {example}, а на вкладке {tab} есть примеры с 1 по {count}.",
    "the link asks for model {model}, which the {tab} tab does not have.":
        "ссылка просит модель {model}, которой нет на вкладке {tab}.",
    "the link's seed {seed} is not a whole number.": "seed {seed} из ссылки — не целое число.",
    "the link names tab {tab}; the tabs are: {tabs}.":
        "ссылка называет вкладку {tab}, а есть такие вкладки: {tabs}.",
    "{where} (serving {model}) answered: {error}": "{where} (где работает {model}) ответил: {error}",
    "{where} gave no answer within {seconds} s for {model}. It may be busy or asleep: try "
    "again later, or pick another model.":
        "{where} не ответил за {seconds} с для {model}. Возможно, он занят или спит: попробуйте "
        "позже или выберите другую модель.",
    "{model} is served by {where}, which failed ({error}: {detail}). Check that it is "
    "running, or pick another model.":
        "{model} работает на {where}, и там произошёл сбой ({error}: {detail}). Проверьте, что "
        "сервер запущен, или выберите другую модель.",
    "{model} is served by Inference Providers, which have no task for /{api}; only {apis} can "
    "use it.":
        "{model} работает через Inference Providers, где нет задачи для /{api}; эту модель могут "
        "использовать только {apis}.",
    "{space} has no /{api} endpoint: is it running this app?":
        "у {space} нет эндпоинта /{api}: запущено ли там это приложение?",
    "{minutes} min": "{minutes} мин",
    "{seconds} s": "{seconds} с",
    # --- Inference Providers (shared/remote_providers.py)
    "No audio: upload a file or record some speech first.":
        "Нет аудио: сначала загрузите файл или запишите речь.",
    "type at least two labels, separated by commas: cat, dog, car":
        "введите хотя бы две метки через запятую: cat, dog, car",
    # --- the classifiers classify and gradcam share (shared/classifiers.py)
    "modern CNN (2022), ImageNet-12k pretraining":
        "современная свёрточная сеть (2022), предобучение на ImageNet-12k",
    "the classic residual CNN (2015)": "классическая остаточная свёрточная сеть (2015)",
    "vision transformer, 16x16 patches": "визуальный трансформер, патчи 16x16",
    "ImageNet-1k, mobile-sized, ships with pip, works offline":
        "ImageNet-1k, размер для мобильных устройств, ставится через pip, работает офлайн",
    "trained here in 40 s, 94.5% on Fashion-MNIST test, 10 clothing classes":
        "обучена здесь за 40 с, 94.5% на тестовой выборке Fashion-MNIST, 10 классов одежды",
    # shared/uploads.py: several files and zip archives (clip, teach)
    "skipped {count} file(s) that are not images: {names}":
        "пропущены файлы, которые не являются изображениями ({count}): {names}",
    "No images found in the upload{why}. Add JPEG, PNG, WebP, GIF, BMP or TIFF files, or a "
    ".zip of them.":
        "В загрузке не найдено изображений{why}. Добавьте файлы JPEG, PNG, WebP, GIF, BMP или "
        "TIFF либо zip-архив с ними.",
    "(found only {names})": "(найдено только: {names})",
    "{count} images: only the first {limit} are added (the limit per upload)":
        "изображений: {count}; добавлены только первые {limit} (предел на одну загрузку)",
    "{name} lists {count} files; the limit is {limit}. Zip fewer files.":
        "в архиве {name} файлов: {count}, а предел — {limit}. Упакуйте меньше файлов.",
    "{name} unpacks to {size} MB; the limit is {limit} MB. Split it into smaller archives.":
        "архив {name} распаковывается в {size} МБ, а предел — {limit} МБ. Разбейте его на архивы "
        "поменьше.",
    "{name} unpacks to {ratio} times its size, which photos never do: refused as a possible "
    "zip bomb.":
        "архив {name} при распаковке вырастает в {ratio} раз, чего с фотографиями не бывает: "
        "отклонён как возможная zip-бомба.",
    "{name} is {size} MB; an image may be at most {limit} MB.":
        "{name} весит {size} МБ, а изображение может весить не больше {limit} МБ.",
    "{name}: the zip archive is damaged or uses an unsupported format ({error}).":
        "{name}: zip-архив повреждён или в неподдерживаемом формате ({error}).",
    "{name} holds more data than the archive says: refused.":
        "в {name} больше данных, чем указано в архиве: отклонён.",
    # shared/classifiers.py, shared/hub.py: your own hub model (classify, gradcam, segment)
    "**Your own model**: type the hub id of a timm or transformers image classifier into the Model "
    "field, e.g. `timm/mobilenetv3_large_100.ra_in1k` (online; safetensors only, at most {mb} MB).":
        "**Своя модель**: введите в поле «Модель» id классификатора изображений timm или transformers "
        "на хабе, например `timm/mobilenetv3_large_100.ra_in1k` (онлайн; только safetensors, не больше {mb} МБ).",
    "{repo} is not an image classifier we can load: its config.json names neither a timm architecture "
    "nor a transformers model type with labels.":
        "{repo} — не классификатор изображений, который мы умеем загружать: в его config.json нет ни "
        "архитектуры timm, ни типа модели transformers с метками.",
    "{repo} is a path here, not a hub id: type owner/name from the hub.":
        "{repo} — путь на этой машине, а не id на хабе: введите владелец/имя с хаба.",
    "{repo} is not a model the hub shows us (a typo, or private?).":
        "{repo} — такой модели хаб не показывает (опечатка или закрытая модель?).",
    "{repo} has no {file}: only safetensors weights are loaded, never pickles. Pick a model that has them.":
        "У {repo} нет {file}: загружаются только веса safetensors, никогда pickle. "
        "Выберите модель, у которой они есть.",
    "{repo} has {size} MB of weights; the limit is {limit} MB (APP_OWN_MODEL_MB). Pick a smaller model.":
        "У {repo} {size} МБ весов; предел — {limit} МБ (APP_OWN_MODEL_MB). Выберите модель поменьше.",
    "{model}: Grad-CAM knows no target layer of a {family}; try a ResNet, ConvNeXt, EfficientNet, "
    "MobileNet or ViT.":
        "{model}: Grad-CAM не знает целевого слоя для {family}; попробуйте ResNet, ConvNeXt, "
        "EfficientNet, MobileNet или ViT.",
}
