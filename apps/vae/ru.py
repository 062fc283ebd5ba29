"""Russian for the vae tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
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
    # shared/layout.py: the lecture text folded into its first sentence
    "Variational autoencoders (Kingma & Welling, 2014)": "Вариационные автокодировщики (Kingma & Welling, 2014)",
}
