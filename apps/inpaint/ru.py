"""Russian for the inpaint tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
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
    "Filled in (diffusion; drag: your image | filled)": "Дорисовано (диффузия; потяните: ваше изображение | результат)",
    "Classical: OpenCV Telea (no learning)": "Классика: OpenCV Telea (без обучения)",
    "Reverse process: x_t from noise to image": "Обратный процесс: x_t от шума к изображению",
    "What the model sees (red = to fill)": "Что видит модель (красное — дорисовать)",
    "Filled image at your image's size (PNG)": "Дорисованное изображение в размере вашего (PNG)",
    "Examples (click one: it sets the image and a quick mask; then Inpaint)":
        "Примеры (выберите один: он задаст изображение и быструю маску; затем нажмите "
        "«Дорисовать»)",
    "latent diffusion, 512 px, text prompt, 50 steps; first use downloads about 2 GB; needs a GPU "
    "(15 minutes per image on a CPU)":
        "латентная диффузия, 512 px, текстовый запрос, 50 шагов; при первом использовании скачивается "
        "около 2 ГБ; нужен GPU (на CPU — 15 минут на изображение)",
    "the same model in 4 steps: the LCM-LoRA adapter and the TAESD tiny autoencoder; about 20-35 s "
    "per photo on a free 2-core CPU Space; first use downloads about 2.2 GB":
        "та же модель за 4 шага: адаптер LCM-LoRA и маленький автокодировщик TAESD; около 20–35 с на "
        "фото в бесплатном 2-ядерном CPU Space; при первом использовании скачивается около 2,2 ГБ",
    "with guidance 1 or less there is no classifier-free guidance, so the negative prompt is not used":
        "при guidance 1 и меньше нет classifier-free guidance, поэтому негативный запрос не используется",
    "3.7 M-parameter DDPM trained on Fashion-MNIST (32x32 grey items on black); works offline":
        "DDPM на 3.7 млн параметров, обученная на Fashion-MNIST (серые вещи 32x32 на чёрном "
        "фоне); работает офлайн",
    "**{seconds} s** for {evaluations} denoising network evaluations ({rate} it/s) on "
    "*{model}*, seed {seed}; it painted at {canvas_width}x{canvas_height} px (what the model sees, below), "
    "pasted into your {width}x{height} px image, whose other pixels are unchanged.":
        "**{seconds} с** на {evaluations} вызовов сети шумоподавления ({rate} it/s), *{model}*, "
        "seed {seed}; модель рисовала в {canvas_width}x{canvas_height} px («что видит модель», ниже), "
        "результат вставлен в ваше изображение {width}x{height} px, остальные пиксели не изменились.",
    "the embedded model only knows Fashion-MNIST items (white on black): it painted a 32x32 grey item, "
    "and what it paints will look like clothing; Telea's fill beside it works on any photo":
        "встроенная модель знает только вещи Fashion-MNIST (белые на чёрном): она дорисовала серую "
        "вещь 32x32, и дорисованное будет похоже на одежду; метод Telea рядом работает с любым фото",
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
    "negative prompt": "негативный запрос",
    # shared/layout.py: the lecture text folded into its first sentence
    "Inpainting with diffusion (lecture: denoising diffusion models, the reverse process)":
        "Дорисовка диффузионной моделью (лекция: диффузионные модели шумоподавления, обратный процесс)",
}
