"""The shared taxonomy: loaded by `manage.py load_demo` (and safe to load in production)."""

from integra.topics.models import Topic

TOPICS = [
    (
        "healthcare",
        {
            "en": "Healthcare",
            "bg": "Здравеопазване",
            "ar": "الرعاية الصحية",
            "fa": "بهداشت و درمان",
            "ru": "Здравоохранение",
            "uk": "Охорона здоров'я",
            "tr": "Sağlık hizmetleri",
        },
    ),
    (
        "social-insurance",
        {
            "en": "Social insurance",
            "bg": "Социално осигуряване",
            "ar": "التأمين الاجتماعي",
            "fa": "بیمه اجتماعی",
            "ru": "Социальное страхование",
            "uk": "Соціальне страхування",
            "tr": "Sosyal sigorta",
        },
    ),
    (
        "education",
        {
            "en": "Education",
            "bg": "Образование",
            "ar": "التعليم",
            "fa": "آموزش و تحصیل",
            "ru": "Образование",
            "uk": "Освіта",
            "tr": "Eğitim",
        },
    ),
    (
        "labour-market",
        {
            "en": "Work and the labour market",
            "bg": "Работа и пазар на труда",
            "ar": "العمل وسوق العمل",
            "fa": "کار و بازار کار",
            "ru": "Работа и рынок труда",
            "uk": "Робота та ринок праці",
            "tr": "Çalışma ve iş piyasası",
        },
    ),
    (
        "residence",
        {
            "en": "Residence and documents",
            "bg": "Пребиваване и документи",
            "ar": "الإقامة والوثائق",
            "fa": "اقامت و مدارک",
            "ru": "Пребывание и документы",
            "uk": "Перебування та документи",
            "tr": "İkamet ve belgeler",
        },
    ),
    (
        "family",
        {
            "en": "Family",
            "bg": "Семейство",
            "ar": "الأسرة",
            "fa": "خانواده",
            "ru": "Семья",
            "uk": "Сім'я",
            "tr": "Aile",
        },
    ),
    (
        "housing",
        {"en": "Housing", "bg": "Жилище", "ar": "السكن", "fa": "مسکن", "ru": "Жильё", "uk": "Житло", "tr": "Konut"},
    ),
    (
        "language-culture",
        {
            "en": "Language and culture",
            "bg": "Език и култура",
            "ar": "اللغة والثقافة",
            "fa": "زبان و فرهنگ",
            "ru": "Язык и культура",
            "uk": "Мова та культура",
            "tr": "Dil ve kültür",
        },
    ),
    (
        "discrimination",
        {
            "en": "Discrimination",
            "bg": "Дискриминация",
            "ar": "التمييز",
            "fa": "تبعیض",
            "ru": "Дискриминация",
            "uk": "Дискримінація",
            "tr": "Ayrımcılık",
        },
    ),
    (
        "other",
        {"en": "Other", "bg": "Друго", "ar": "أخرى", "fa": "سایر موارد", "ru": "Другое", "uk": "Інше", "tr": "Diğer"},
    ),
]


def load() -> None:
    for position, (slug, name) in enumerate(TOPICS):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
