"""Demo data for centres, hotlines, outreach places and the institutions directory.

The four centres, the outreach towns and both hotline numbers come from the seed
document. Street addresses, centre phones and e-mails are illustrative.
"""

from datetime import time

from integra.centres.models import Centre, Hotline, Institution, OpeningHours, Place, Service
from integra.topics.models import Topic

SERVICES = [
    (
        "consultations",
        {
            "en": "Free individual consultations",
            "bg": "Безплатни индивидуални консултации",
            "ar": "استشارات فردية مجانية",
            "fa": "مشاوره فردی رایگان",
            "ru": "Бесплатные индивидуальные консультации",
            "uk": "Безкоштовні індивідуальні консультації",
            "tr": "Ücretsiz bireysel danışmanlık",
        },
        {
            "en": "Your rights and obligations, health care, social insurance, education and work.",
            "bg": "Вашите права и задължения, здравеопазване, социално осигуряване, образование и работа.",
            "ar": "حقوقك وواجباتك، الرعاية الصحية، التأمين الاجتماعي، التعليم والعمل.",
            "fa": "حقوق و وظایف شما، بهداشت و درمان، بیمه اجتماعی، آموزش و کار.",
            "ru": "Ваши права и обязанности, здравоохранение, социальное страхование, образование и работа.",
            "uk": "Ваші права та обов'язки, охорона здоров'я, соціальне страхування, освіта та робота.",
            "tr": "Hak ve yükümlülükleriniz, sağlık, sosyal sigorta, eğitim ve çalışma.",
        },
    ),
    (
        "institutions-access",
        {
            "en": "Help with public institutions",
            "bg": "Съдействие пред държавните институции",
            "ar": "المساعدة في التعامل مع المؤسسات الحكومية",
            "fa": "کمک در مراجعه به نهادهای دولتی",
            "ru": "Помощь в обращении в государственные учреждения",
            "uk": "Допомога у зверненні до державних установ",
            "tr": "Kamu kurumlarıyla işlemlerde yardım",
        },
        {},
    ),
    (
        "bulgarian-course",
        {
            "en": "Bulgarian language courses",
            "bg": "Курсове по български език",
            "ar": "دورات اللغة البلغارية",
            "fa": "دوره‌های زبان بلغاری",
            "ru": "Курсы болгарского языка",
            "uk": "Курси болгарської мови",
            "tr": "Bulgarca dil kursları",
        },
        {},
    ),
    (
        "computer-course",
        {
            "en": "Computer literacy courses",
            "bg": "Курсове по компютърна грамотност",
            "ar": "دورات محو الأمية الحاسوبية",
            "fa": "دوره‌های سواد رایانه",
            "ru": "Курсы компьютерной грамотности",
            "uk": "Курси комп'ютерної грамотності",
            "tr": "Bilgisayar okuryazarlığı kursları",
        },
        {},
    ),
    (
        "interpreting",
        {
            "en": "Interpreters and cultural mediators",
            "bg": "Преводачи и културни медиатори",
            "ar": "مترجمون ووسطاء ثقافيون",
            "fa": "مترجمان و میانجی‌های فرهنگی",
            "ru": "Переводчики и культурные медиаторы",
            "uk": "Перекладачі та культурні медіатори",
            "tr": "Tercümanlar ve kültürel arabulucular",
        },
        {},
    ),
    (
        "events",
        {
            "en": "Information days and multicultural meetings",
            "bg": "Информационни дни и мултикултурни срещи",
            "ar": "أيام إعلامية ولقاءات متعددة الثقافات",
            "fa": "روزهای اطلاع‌رسانی و دیدارهای چندفرهنگی",
            "ru": "Информационные дни и мультикультурные встречи",
            "uk": "Інформаційні дні та мультикультурні зустрічі",
            "tr": "Bilgilendirme günleri ve çok kültürlü buluşmalar",
        },
        {},
    ),
    (
        "violation-reports",
        {
            "en": "Reporting violations of your rights",
            "bg": "Сигнали за нарушени права",
            "ar": "الإبلاغ عن انتهاك حقوقك",
            "fa": "گزارش نقض حقوق شما",
            "ru": "Сообщения о нарушении ваших прав",
            "uk": "Повідомлення про порушення ваших прав",
            "tr": "Haklarınızın ihlalini bildirme",
        },
        {},
    ),
]

WEEKDAYS_9_TO_5 = [(day, time(9, 0), time(17, 30)) for day in range(5)]

CENTRES = [
    {
        "slug": "sofia",
        "name": {
            "en": "Information Centre for Immigrants – Sofia",
            "bg": "Информационен център за имигранти – София",
            "ar": "مركز معلومات المهاجرين – صوفيا",
            "fa": "مرکز اطلاع‌رسانی مهاجران – صوفیه",
            "ru": "Информационный центр для иммигрантов – София",
            "uk": "Інформаційний центр для іммігрантів – Софія",
            "tr": "Göçmenler için Bilgi Merkezi – Sofya",
        },
        "city": {
            "en": "Sofia",
            "bg": "София",
            "ar": "صوفيا",
            "fa": "صوفیه",
            "ru": "София",
            "uk": "Софія",
            "tr": "Sofya",
        },
        "address": {
            "en": "2 Gogol Street, Sofia",
            "bg": "ул. „Гогол“ 2, София",
            "ar": "2 شارع غوغول، صوفيا",
            "fa": "صوفیه، خیابان گوگول، شماره ۲",
            "ru": "ул. Гоголя 2, София",
            "uk": "вул. Гоголя 2, Софія",
            "tr": "Gogol Sokağı 2, Sofya",
        },
        "postcode": "1504",
        "phone": "+35929394774",
        "email": "sofia@integra.example",
        "languages": ["bg", "en", "ar", "fa", "ru", "uk", "tr"],
        "hours": WEEKDAYS_9_TO_5 + [(5, time(10, 0), time(13, 0))],
    },
    {
        "slug": "burgas",
        "name": {
            "en": "Information Centre for Immigrants – Burgas",
            "bg": "Информационен център за имигранти – Бургас",
            "ar": "مركز معلومات المهاجرين – بورغاس",
            "fa": "مرکز اطلاع‌رسانی مهاجران – بورگاس",
            "ru": "Информационный центр для иммигрантов – Бургас",
            "uk": "Інформаційний центр для іммігрантів – Бургас",
            "tr": "Göçmenler için Bilgi Merkezi – Burgaz",
        },
        "city": {
            "en": "Burgas",
            "bg": "Бургас",
            "ar": "بورغاس",
            "fa": "بورگاس",
            "ru": "Бургас",
            "uk": "Бургас",
            "tr": "Burgaz",
        },
        "address": {
            "en": "18 Aleksandrovska Street, Burgas",
            "bg": "ул. „Александровска“ 18, Бургас",
            "ar": "18 شارع ألكسندروفسكا، بورغاس",
            "fa": "بورگاس، خیابان الکساندروفسکا، شماره ۱۸",
            "ru": "ул. Александровская 18, Бургас",
            "uk": "вул. Александровська 18, Бургас",
            "tr": "Aleksandrovska Sokağı 18, Burgaz",
        },
        "postcode": "8000",
        "phone": "+35956800120",
        "email": "burgas@integra.example",
        "languages": ["bg", "en", "ru", "uk", "tr"],
        "hours": WEEKDAYS_9_TO_5,
    },
    {
        "slug": "plovdiv",
        "name": {
            "en": "Information Centre for Immigrants – Plovdiv",
            "bg": "Информационен център за имигранти – Пловдив",
            "ar": "مركز معلومات المهاجرين – بلوفديف",
            "fa": "مرکز اطلاع‌رسانی مهاجران – پلوودیف",
            "ru": "Информационный центр для иммигрантов – Пловдив",
            "uk": "Інформаційний центр для іммігрантів – Пловдив",
            "tr": "Göçmenler için Bilgi Merkezi – Filibe",
        },
        "city": {
            "en": "Plovdiv",
            "bg": "Пловдив",
            "ar": "بلوفديف",
            "fa": "پلوودیف",
            "ru": "Пловдив",
            "uk": "Пловдив",
            "tr": "Filibe",
        },
        "address": {
            "en": "5 Knyaz Aleksandar I Street, Plovdiv",
            "bg": "ул. „Княз Александър I“ 5, Пловдив",
            "ar": "5 شارع كنياز ألكسندر الأول، بلوفديف",
            "fa": "پلوودیف، خیابان کنیاز الکساندر اول، شماره ۵",
            "ru": "ул. Князя Александра I 5, Пловдив",
            "uk": "вул. Князя Олександра I 5, Пловдив",
            "tr": "Knyaz Aleksandır I Sokağı 5, Filibe",
        },
        "postcode": "4000",
        "phone": "+35932620130",
        "email": "plovdiv@integra.example",
        "languages": ["bg", "en", "ar", "ru"],
        "hours": WEEKDAYS_9_TO_5,
    },
    {
        "slug": "kardzhali",
        "name": {
            "en": "Information Centre for Immigrants – Kardzhali",
            "bg": "Информационен център за имигранти – Кърджали",
            "ar": "مركز معلومات المهاجرين – كارجالي",
            "fa": "مرکز اطلاع‌رسانی مهاجران – کرجالی",
            "ru": "Информационный центр для иммигрантов – Кырджали",
            "uk": "Інформаційний центр для іммігрантів – Кирджалі",
            "tr": "Göçmenler için Bilgi Merkezi – Kırcaali",
        },
        "city": {
            "en": "Kardzhali",
            "bg": "Кърджали",
            "ar": "كارجالي",
            "fa": "کرجالی",
            "ru": "Кырджали",
            "uk": "Кирджалі",
            "tr": "Kırcaali",
        },
        "address": {
            "en": "1 Bulgaria Boulevard, Kardzhali",
            "bg": "бул. „България“ 1, Кърджали",
            "ar": "1 بوليفار بلغاريا، كارجالي",
            "fa": "کرجالی، بلوار بلغارستان، شماره ۱",
            "ru": "бул. Болгария 1, Кырджали",
            "uk": "бул. Болгарія 1, Кирджалі",
            "tr": "Bulgaristan Bulvarı 1, Kırcaali",
        },
        "postcode": "6600",
        "phone": "+35936162140",
        "email": "kardzhali@integra.example",
        "languages": ["bg", "tr", "en"],
        "hours": [(day, time(9, 0), time(12, 30)) for day in range(5)]
        + [(day, time(13, 30), time(17, 0)) for day in range(5)],
    },
]

HOTLINES = [
    (
        {
            "en": "Information hotline for immigrants",
            "bg": "Информационна гореща линия за имигранти",
            "ar": "الخط الساخن لمعلومات المهاجرين",
            "fa": "خط تلفن اطلاع‌رسانی مهاجران",
            "ru": "Информационная горячая линия для иммигрантов",
            "uk": "Інформаційна гаряча лінія для іммігрантів",
            "tr": "Göçmenler için bilgi hattı",
        },
        "+35929394755",
    ),
    (
        {
            "en": "Immigrant integration hotline",
            "bg": "Гореща линия за интеграция на имигранти",
            "ar": "الخط الساخن لاندماج المهاجرين",
            "fa": "خط تلفن ادغام مهاجران",
            "ru": "Горячая линия по интеграции иммигрантов",
            "uk": "Гаряча лінія з інтеграції іммігрантів",
            "tr": "Göçmen uyum hattı",
        },
        "+35929394747",
    ),
]
HOTLINE_HOURS = {
    "en": "Monday to Friday, 9:00–17:30",
    "bg": "понеделник – петък, 9:00–17:30",
    "ar": "من الاثنين إلى الجمعة، 9:00–17:30",
    "fa": "دوشنبه تا جمعه، ۹:۰۰ تا ۱۷:۳۰",
    "ru": "с понедельника по пятницу, 9:00–17:30",
    "uk": "з понеділка по п'ятницю, 9:00–17:30",
    "tr": "Pazartesi–Cuma, 9:00–17:30",
}

PLACES = [
    (
        "shumen",
        {"en": "Shumen", "bg": "Шумен", "ar": "شومن", "fa": "شومن", "ru": "Шумен", "uk": "Шумен", "tr": "Şumnu"},
    ),
    (
        "varna",
        {"en": "Varna", "bg": "Варна", "ar": "فارنا", "fa": "وارنا", "ru": "Варна", "uk": "Варна", "tr": "Varna"},
    ),
    (
        "blagoevgrad",
        {
            "en": "Blagoevgrad",
            "bg": "Благоевград",
            "ar": "بلاغويفغراد",
            "fa": "بلاگویگراد",
            "ru": "Благоевград",
            "uk": "Благоєвград",
            "tr": "Yukarı Cuma",
        },
    ),
]

K = Institution.Kind
# City names as each language writes them (the centres' own, above): never "Sofia" in Latin letters on an Arabic page.
CITIES = {data["slug"]: data["city"] for data in CENTRES}
SOFIA, PLOVDIV, BURGAS, KARDZHALI = (CITIES[slug] for slug in ("sofia", "plovdiv", "burgas", "kardzhali"))
INSTITUTIONS = [
    (
        "nhif",
        K.HEALTH_INSURANCE,
        {"en": "National Health Insurance Fund", "bg": "Национална здравноосигурителна каса"},
        SOFIA,
        {"en": "1 Krichim Street, Sofia", "bg": "ул. „Кричим“ 1, София"},
        "+35929659301",
        "https://www.nhif.bg",
        ["healthcare", "social-insurance"],
    ),
    (
        "nssi",
        K.SOCIAL_SECURITY,
        {"en": "National Social Security Institute", "bg": "Национален осигурителен институт"},
        SOFIA,
        {"en": "62-64 Aleksandar Stamboliyski Blvd, Sofia", "bg": "бул. „Александър Стамболийски“ 62-64, София"},
        "+35929264444",
        "https://www.nssi.bg",
        ["social-insurance"],
    ),
    (
        "nra",
        K.SOCIAL_SECURITY,
        {"en": "National Revenue Agency", "bg": "Национална агенция за приходите"},
        SOFIA,
        {"en": "52 Knyaz Dondukov Blvd, Sofia", "bg": "бул. „Княз Дондуков“ 52, София"},
        "+35970018700",
        "https://nra.bg",
        ["social-insurance", "labour-market"],
    ),
    (
        "employment-agency",
        K.EMPLOYMENT,
        {"en": "Employment Agency", "bg": "Агенция по заетостта"},
        SOFIA,
        {"en": "3 Dondukov Blvd, Sofia", "bg": "бул. „Дондуков“ 3, София"},
        "+35929809946",
        "https://www.az.government.bg",
        ["labour-market"],
    ),
    (
        "migration-directorate",
        K.MIGRATION,
        {"en": "Migration Directorate, Ministry of Interior", "bg": "Дирекция „Миграция“ – МВР"},
        SOFIA,
        {"en": "48 Knyaz Aleksandar Dondukov Blvd, Sofia", "bg": "бул. „Княз Александър Дондуков“ 48, София"},
        "+35929824774",
        "https://www.mvr.bg/dm",
        ["residence"],
    ),
    (
        "state-agency-refugees",
        K.REFUGEES,
        {"en": "State Agency for Refugees", "bg": "Държавна агенция за бежанците"},
        SOFIA,
        {"en": "114B Montevideo Street, Sofia", "bg": "ул. „Монтевидео“ 114Б, София"},
        "+35928089100",
        "https://aref.government.bg",
        ["residence", "housing"],
    ),
    (
        "asa",
        K.SOCIAL_ASSISTANCE,
        {"en": "Social Assistance Agency", "bg": "Агенция за социално подпомагане"},
        SOFIA,
        {"en": "2 Triaditsa Street, Sofia", "bg": "ул. „Триадица“ 2, София"},
        "+35929350550",
        "https://asp.government.bg",
        ["family", "housing"],
    ),
    (
        "rue-sofia",
        K.EDUCATION,
        {"en": "Regional Education Office – Sofia City", "bg": "Регионално управление на образованието – София-град"},
        SOFIA,
        {"en": "7 Antim I Street, Sofia", "bg": "ул. „Антим I“ 7, София"},
        "+35929356050",
        "https://ruo-sofia-grad.com",
        ["education"],
    ),
    (
        "rue-plovdiv",
        K.EDUCATION,
        {"en": "Regional Education Office – Plovdiv", "bg": "Регионално управление на образованието – Пловдив"},
        PLOVDIV,
        {"en": "1 Stefan Stambolov Square, Plovdiv", "bg": "пл. „Стефан Стамболов“ 1, Пловдив"},
        "+35932630010",
        "https://ruoplovdiv.bg",
        ["education"],
    ),
    (
        "rue-burgas",
        K.EDUCATION,
        {"en": "Regional Education Office – Burgas", "bg": "Регионално управление на образованието – Бургас"},
        BURGAS,
        {"en": "20 Aleksandrovska Street, Burgas", "bg": "ул. „Александровска“ 20, Бургас"},
        "+35956805000",
        "https://ruobs.bg",
        ["education"],
    ),
    (
        "pirogov",
        K.HEALTHCARE,
        {"en": "Pirogov Emergency Hospital", "bg": "УМБАЛСМ „Н. И. Пирогов“"},
        SOFIA,
        {"en": "21 Totleben Blvd, Sofia", "bg": "бул. „Тотлебен“ 21, София"},
        "+35929154411",
        "https://pirogov.eu",
        ["healthcare"],
    ),
    (
        "hospital-burgas",
        K.HEALTHCARE,
        {"en": "University Hospital Burgas", "bg": "УМБАЛ Бургас"},
        BURGAS,
        {"en": "73 Stefan Stambolov Blvd, Burgas", "bg": "бул. „Стефан Стамболов“ 73, Бургас"},
        "+35956896000",
        "",
        ["healthcare"],
    ),
    (
        "hospital-kardzhali",
        K.HEALTHCARE,
        {"en": "Kardzhali Multi-profile Hospital", "bg": "МБАЛ „Д-р Атанас Дафовски“ – Кърджали"},
        KARDZHALI,
        {"en": "2 Belomorska Street, Kardzhali", "bg": "ул. „Беломорска“ 2, Кърджали"},
        "+35936160300",
        "",
        ["healthcare"],
    ),
    (
        "ombudsman",
        K.OMBUDSMAN,
        {"en": "Ombudsman of the Republic of Bulgaria", "bg": "Омбудсман на Република България"},
        SOFIA,
        {"en": "22 George Washington Street, Sofia", "bg": "ул. „Джордж Вашингтон“ 22, София"},
        "+35928109900",
        "https://www.ombudsman.bg",
        ["discrimination"],
    ),
    (
        "cpd",
        K.OMBUDSMAN,
        {"en": "Commission for Protection against Discrimination", "bg": "Комисия за защита от дискриминация"},
        SOFIA,
        {"en": "35 Petar Parchevich Street, Sofia", "bg": "ул. „Петър Парчевич“ 35, София"},
        "+35928073030",
        "https://www.kzd-nondiscrimination.com",
        ["discrimination", "labour-market"],
    ),
]


def load() -> None:
    services = {}
    for position, (slug, name, description) in enumerate(SERVICES):
        services[slug], _ = Service.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for data in CENTRES:
        centre, _ = Centre.objects.update_or_create(
            slug=data["slug"],
            defaults={key: data[key] for key in ("name", "city", "address", "postcode", "phone", "email", "languages")},
        )
        centre.services.set(services.values())
        if not centre.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(centre=centre, weekday=day, opens=opens, closes=closes)
                for day, opens, closes in data["hours"]
            )
    for position, (name, phone) in enumerate(HOTLINES):
        Hotline.objects.update_or_create(
            phone=phone,
            defaults={
                "name": name,
                "hours": HOTLINE_HOURS,
                "position": position,
                "languages": ["bg", "en", "ar", "fa", "ru", "uk", "tr"],
            },
        )
    for slug, name in PLACES:
        Place.objects.update_or_create(slug=slug, defaults={"name": name})
    topics = {t.slug: t for t in Topic.objects.all()}
    for slug, kind, name, city, address, phone, website, topic_slugs in INSTITUTIONS:
        institution, _ = Institution.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "name": name, "city": city, "address": address, "phone": phone, "website": website},
        )
        institution.topics.set([topics[t] for t in topic_slugs if t in topics])
