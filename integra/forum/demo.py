"""Demo questions in several languages, most answered (loaded by `manage.py load_demo`; idempotent)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD, DEMO_TOTP_KEY
from integra.accounts.models import User
from integra.core.crypto import submission_hash
from integra.forum import services
from integra.forum.models import Question
from integra.topics.models import Topic

# (language, topic, title, body, answer or None)
QUESTIONS = [
    (
        "en",
        "healthcare",
        "How do I choose a GP?",
        "I have just got long-term residence. How do I register with a family doctor?",
        "Choose any GP who has free places and fill in a registration form at their practice. Bring your ID card.",
    ),
    (
        "en",
        "residence",
        "When should I renew my residence permit?",
        "My permit ends in two months.",
        "Apply at the Migration Directorate at least 14 days before the permit ends; better one month before.",
    ),
    (
        "en",
        "labour-market",
        "Do I need a work permit as a refugee?",
        "I have humanitarian status.",
        "No. People with refugee or humanitarian status can work without a work permit.",
    ),
    (
        "en",
        "education",
        "Can my child go to school without Bulgarian?",
        "We arrived last month.",
        "Yes. Schools must enrol your child; there are extra Bulgarian lessons. Contact the regional education office.",
    ),
    (
        "en",
        "social-insurance",
        "Who pays my health insurance?",
        "I work on a contract.",
        "Your employer withholds and pays the contributions. Check your status on the NRA website.",
    ),
    (
        "en",
        "housing",
        "Can the landlord keep my deposit?",
        "He says I damaged the flat, but I did not.",
        "Only for real damage described in the contract. Ask for a written list; our consultants can help.",
    ),
    (
        "en",
        "family",
        "How do I bring my wife to Bulgaria?",
        "I have a long-term permit.",
        "Apply for family reunification at the Migration Directorate; you need proof of income and housing.",
    ),
    (
        "en",
        "language-culture",
        "Where can I learn Bulgarian for free?",
        "I work during the day.",
        "The information centres run free evening courses. See the courses page or call the hotline.",
    ),
    ("en", "discrimination", "An office refused to serve me because of my accent", "What can I do?", None),
    (
        "bg",
        "healthcare",
        "Как да си избера личен лекар?",
        "Имам продължително пребиваване.",
        "Изберете лекар със свободни места и попълнете регистрационна карта при него. Носете лична карта.",
    ),
    (
        "bg",
        "residence",
        "Кога да подновя разрешението си за пребиваване?",
        "Изтича след два месеца.",
        "Подайте документи в дирекция „Миграция“ поне 14 дни преди изтичането; по-добре месец преди това.",
    ),
    (
        "bg",
        "labour-market",
        "Трябва ли ми разрешение за работа?",
        "Имам хуманитарен статут.",
        "Не. С хуманитарен статут можете да работите без разрешение за работа.",
    ),
    (
        "bg",
        "education",
        "Как да запиша детето си в детска градина?",
        "Живеем в Пловдив.",
        "Кандидатствайте в системата на общината; нужни са удостоверение за раждане и документ за самоличност.",
    ),
    (
        "ar",
        "healthcare",
        "كيف أختار طبيب العائلة؟",
        "حصلت على إقامة طويلة الأمد.",
        "اختر أي طبيب عام لديه أماكن شاغرة واملأ استمارة التسجيل في عيادته. أحضر بطاقة الهوية.",
    ),
    (
        "ar",
        "residence",
        "متى يجب أن أجدد تصريح الإقامة؟",
        "ينتهي تصريحي بعد شهرين.",
        "قدّم الطلب في مديرية الهجرة قبل 14 يوماً على الأقل من انتهاء التصريح.",
    ),
    (
        "ar",
        "labour-market",
        "هل أحتاج إلى تصريح عمل كلاجئ؟",
        "لدي وضع إنساني.",
        "لا. يمكن للاجئين وأصحاب الوضع الإنساني العمل دون تصريح عمل.",
    ),
    (
        "ar",
        "education",
        "هل يمكن لطفلي الذهاب إلى المدرسة دون معرفة البلغارية؟",
        "وصلنا الشهر الماضي.",
        "نعم. يجب على المدرسة تسجيل طفلك، وهناك دروس إضافية في اللغة البلغارية.",
    ),
    ("ar", "housing", "هل يحق للمالك الاحتفاظ بالتأمين؟", "يقول إنني أتلفت الشقة.", None),
    (
        "fa",
        "healthcare",
        "چگونه پزشک خانواده انتخاب کنم؟",
        "اقامت طولانی مدت گرفته‌ام.",
        "هر پزشک عمومی که جای خالی دارد را انتخاب کنید و فرم ثبت نام را در مطب پر کنید.",
    ),
    (
        "fa",
        "residence",
        "چه زمانی اجازه اقامتم را تمدید کنم؟",
        "اجازه من دو ماه دیگر تمام می‌شود.",
        "حداقل ۱۴ روز قبل از پایان اجازه در اداره مهاجرت درخواست دهید.",
    ),
    (
        "fa",
        "family",
        "چگونه همسرم را به بلغارستان بیاورم؟",
        "اجازه اقامت طولانی مدت دارم.",
        "برای پیوستن خانواده در اداره مهاجرت درخواست دهید؛ مدرک درآمد و مسکن لازم است.",
    ),
    (
        "ru",
        "healthcare",
        "Как выбрать семейного врача?",
        "У меня долгосрочный вид на жительство.",
        "Выберите врача со свободными местами и заполните регистрационную карту в его кабинете.",
    ),
    (
        "ru",
        "residence",
        "Когда продлевать вид на жительство?",
        "Срок истекает через два месяца.",
        "Подайте документы в дирекцию «Миграция» не позднее чем за 14 дней до окончания срока.",
    ),
    (
        "ru",
        "social-insurance",
        "Кто платит мою медицинскую страховку?",
        "Я работаю по трудовому договору.",
        "Работодатель удерживает и перечисляет взносы. Статус можно проверить на сайте НАП.",
    ),
    ("ru", "language-culture", "Где бесплатно выучить болгарский?", "Работаю днём.", None),
    (
        "uk",
        "residence",
        "Як отримати тимчасовий захист?",
        "Ми приїхали з Харкова.",
        "Зверніться до Державного агентства у справах біженців з паспортом; посвідчення видають у той же день.",
    ),
    (
        "uk",
        "healthcare",
        "Чи можу я звернутися до лікаря з тимчасовим захистом?",
        "У мене немає страховки.",
        "Так. Особи з тимчасовим захистом мають право на медичну допомогу як громадяни Болгарії.",
    ),
    (
        "uk",
        "education",
        "Як записати дитину до школи?",
        "Дитині 9 років.",
        "Зверніться до регіонального управління освіти; вони направлять вас до школи з вільними місцями.",
    ),
    (
        "uk",
        "labour-market",
        "Чи потрібен дозвіл на роботу?",
        "Маю тимчасовий захист.",
        "Ні. Особи з тимчасовим захистом можуть працювати без дозволу.",
    ),
    (
        "tr",
        "residence",
        "Oturma iznimi ne zaman yenilemeliyim?",
        "İznim iki ay sonra bitiyor.",
        "İzin bitmeden en az 14 gün önce Göç Müdürlüğüne başvurun.",
    ),
    (
        "tr",
        "healthcare",
        "Aile hekimi nasıl seçilir?",
        "Uzun süreli oturumum var.",
        "Boş yeri olan bir aile hekimini seçin ve muayenehanesinde kayıt formunu doldurun.",
    ),
    ("tr", "labour-market", "Çalışma iznine ihtiyacım var mı?", "AB vatandaşı değilim.", None),
    (
        "en",
        "other",
        "Can I get a Bulgarian driving licence?",
        "I have one from my country.",
        "It depends on the country. Ask at the traffic police (KAT) with your licence and a certified translation.",
    ),
    ("en", "residence", "Please call me back about my status", "My details are in the message.", "PENDING"),
]


def _expert() -> User:
    user = User.objects.filter(username="expert.demo").first()
    if user is None:
        user = User(
            username="expert.demo", email="expert.demo@integra.example", first_name="Elena", last_name="Petrova"
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.set(Group.objects.filter(name=roles.EXPERT))

    TOTPDevice.objects.get_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return User.objects.get(pk=user.pk)


def load() -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    if not topics:
        return
    expert = _expert()
    consultants = list(User.objects.filter(groups__name=roles.CONSULTANT).order_by("username")) or [expert]
    moderator = User.objects.filter(groups__name=roles.MODERATOR).order_by("username").first()
    now = timezone.now()
    for number, (language, topic, title, body, answer) in enumerate(QUESTIONS):
        key = f"demo-forum-{number}"
        if Question.objects.filter(submission_hash=submission_hash("forum-question", key)).exists():
            continue
        question, _token = services.question_submit(
            title=title,
            body=body,
            topic=topics.get(topic) or topics["other"],
            language=language,
            submission_key=key,
        )
        asked = now - timedelta(days=60 - number, hours=number % 7)
        Question.objects.filter(pk=question.pk).update(created_at=asked)
        if answer == "PENDING":
            continue
        services.question_moderate(question=question, by=moderator, action="publish")
        Question.objects.filter(pk=question.pk).update(published_at=asked + timedelta(hours=2))
        question.refresh_from_db()
        if answer:
            author = expert if number % 4 == 0 else consultants[number % len(consultants)]
            reply = services.answer_create(question=question, author=author, body=answer, show_name=author == expert)
            answered = asked + timedelta(hours=4 + (number * 7) % 80)
            Question.objects.filter(pk=question.pk).update(first_answered_at=answered)
            reply.__class__.objects.filter(pk=reply.pk).update(created_at=answered)
            if number % 3 == 0:
                services.answer_accept(answer=reply)
