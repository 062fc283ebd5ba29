"""Russian for the style tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
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
    "Fast result (drag: photo | stylised)": "Быстрый результат (потяните: фото | стилизация)",
    "Settings of the fast method": "Настройки быстрого способа",
    "Settings of the slow method": "Настройки медленного способа",
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
    "strength must be between 0 and 1, got {value}": "сила стиля должна быть от 0 до 1, получено {value}",
    "size must be between {low} and {high} pixels, got {value}":
        "размер должен быть от {low} до {high} пикселей, получено {value}",
    "content and style weights must be >= 0 and not both 0":
        "веса содержания и стиля должны быть >= 0 и не равны нулю одновременно",
    "iterations must be between 1 and {high}, got {value}":
        "число итераций должно быть от 1 до {high}, получено {value}",
    "Use fewer iterations or a smaller size.": "Уменьшите число итераций или размер.",
    # shared/layout.py: the lecture text folded into its first sentence
    "Neural style transfer, two ways (lecture: what CNN features encode; optimisation vs. learned feed-forward networks)":
        "Нейронный перенос стиля, два способа (лекция: что кодируют признаки свёрточных сетей; оптимизация против обученных сетей прямого распространения)",
}
