# ruff: noqa: E501 - long lines of demo article text
"""Demo articles (issue 4): plain, careful information on the seed's themes.

Facts that change (fees, amounts, deadlines) are deliberately left out; every article page and
leaflet adds "Rules change: check with a centre before you act" under the text. Each entry: slug, topic, {language: (title, summary, body)}.
"""

ARTICLES = [
    (
        "rights-and-obligations",
        "other",
        {
            "en": (
                "Your rights and obligations in Bulgaria",
                "What every foreign national living in Bulgaria should know about rights, duties and where to get help.",
                """<p>Everyone living in Bulgaria has the same basic rights: to be treated equally, to get information in a way they understand, and to turn to the institutions and the courts.</p>
<h2>Your obligations</h2>
<ul><li>Keep your identity and residence documents valid and carry them with you.</li><li>Report a change of address or of your personal details to the migration office within the time the law sets.</li><li>Pay the taxes and insurance contributions that apply to you.</li><li>Respect the laws of Bulgaria.</li></ul>
<h2>Where to get help</h2>
<p>Our centres give free, confidential consultations in your language. We explain your situation and help you to contact the right institution.</p>""",
            ),
            "bg": (
                "Вашите права и задължения в България",
                "Какво трябва да знае всеки чужденец, който живее в България, за правата, задълженията и къде да потърси помощ.",
                """<p>Всеки, който живее в България, има едни и същи основни права: да бъде третиран равноправно, да получава информация по разбираем за него начин и да се обръща към институциите и съда.</p>
<h2>Вашите задължения</h2>
<ul><li>Поддържайте документите си за самоличност и пребиваване валидни и ги носете със себе си.</li><li>Съобщавайте на миграционните служби за промяна на адреса или на личните данни в срока, определен от закона.</li><li>Плащайте данъците и осигурителните вноски, които се отнасят до вас.</li><li>Спазвайте законите на България.</li></ul>
<h2>Къде да потърсите помощ</h2>
<p>Нашите центрове дават безплатни и поверителни консултации на вашия език. Обясняваме ситуацията ви и ви помагаме да се свържете с правилната институция.</p>""",
            ),
        },
    ),
    (
        "healthcare",
        "healthcare",
        {
            "en": (
                "Healthcare in Bulgaria: how to see a doctor",
                "Your general practitioner, specialists, hospitals and what to do in an emergency.",
                """<p>In Bulgaria your first contact for health problems is a general practitioner (GP, "личен лекар"). You choose a GP and register with them. The GP treats you and, when needed, gives you a referral to a specialist or a hospital.</p>
<h2>In an emergency</h2>
<p>Call 112, the European emergency number. It is free and works from any phone. Emergency care is given to everyone.</p>
<h2>If you are not insured</h2>
<p>Without health insurance you may have to pay for visits, tests and treatment yourself. Ask a centre how you can become insured.</p>""",
            ),
            "bg": (
                "Здравеопазване в България: как да отидете на лекар",
                "Личен лекар, специалисти, болници и какво да правите при спешен случай.",
                """<p>В България първият ви контакт при здравословен проблем е личният лекар. Избирате личен лекар и се регистрирате при него. Той ви лекува и при нужда ви дава направление за специалист или болница.</p>
<h2>При спешен случай</h2>
<p>Обадете се на 112 – европейския номер за спешни повиквания. Обаждането е безплатно от всеки телефон. Спешна помощ се оказва на всеки.</p>
<h2>Ако нямате здравна осигуровка</h2>
<p>Без здравна осигуровка може да се наложи сами да платите прегледите, изследванията и лечението. Попитайте в някой от центровете как да се осигурите.</p>""",
            ),
        },
    ),
    (
        "health-insurance",
        "healthcare",
        {
            "en": (
                "Health insurance",
                "Who is insured, who pays the contributions, and how to check your status.",
                """<p>Health insurance in Bulgaria is run by the National Health Insurance Fund (NHIF). If you are insured, the Fund pays for many visits to your GP, specialists and hospital treatment.</p>
<p>If you work under an employment contract, your employer pays part of your contribution and deducts your part from your salary. If you are self-employed or do not work, you may have to pay the contributions yourself.</p>
<p>You can check your insurance status with the National Revenue Agency. Gaps in your payments can mean you have to pay for treatment.</p>""",
            ),
            "bg": (
                "Здравно осигуряване",
                "Кой е осигурен, кой плаща вноските и как да проверите статуса си.",
                """<p>Здравното осигуряване в България се управлява от Националната здравноосигурителна каса (НЗОК). Ако сте осигурени, касата заплаща много от прегледите при личния лекар, при специалисти и лечението в болница.</p>
<p>Ако работите по трудов договор, работодателят плаща част от вноската ви и удържа вашата част от заплатата. Ако сте самоосигуряващ се или не работите, може да се наложи сами да плащате вноските.</p>
<p>Можете да проверите здравноосигурителния си статус в Националната агенция за приходите. Прекъсване на плащанията може да означава, че ще трябва да платите лечението си.</p>""",
            ),
            "ar": (
                "التأمين الصحي",
                "من هو المؤمَّن عليه، ومن يدفع الاشتراكات، وكيف تتحقق من وضعك.",
                """<p>يدير التأمين الصحي في بلغاريا الصندوق الوطني للتأمين الصحي. إذا كنت مؤمَّناً عليك، يدفع الصندوق تكاليف كثير من زيارات طبيبك العام والأخصائيين والعلاج في المستشفى.</p>
<p>إذا كنت تعمل بعقد عمل، يدفع صاحب العمل جزءاً من اشتراكك ويقتطع جزءك من راتبك. إذا كنت تعمل لحسابك الخاص أو لا تعمل، فقد تحتاج إلى دفع الاشتراكات بنفسك.</p>
<p>يمكنك التحقق من وضعك التأميني لدى الوكالة الوطنية للإيرادات. قد يعني انقطاع الدفع أنك ستدفع تكاليف العلاج بنفسك.</p>""",
            ),
            "fa": (
                "بیمه درمانی",
                "چه کسی بیمه است، چه کسی حق بیمه را می‌پردازد و چگونه وضعیت خود را بررسی کنید.",
                """<p>بیمه درمانی در بلغارستان را صندوق ملی بیمه درمانی اداره می‌کند. اگر بیمه باشید، صندوق هزینه بسیاری از مراجعه‌ها به پزشک عمومی، متخصصان و درمان در بیمارستان را می‌پردازد.</p>
<p>اگر با قرارداد کار کار می‌کنید، کارفرما بخشی از حق بیمه شما را می‌پردازد و سهم شما را از حقوقتان کسر می‌کند. اگر خویش‌فرما هستید یا کار نمی‌کنید، ممکن است خودتان باید حق بیمه را بپردازید.</p>
<p>می‌توانید وضعیت بیمه خود را در آژانس ملی درآمد بررسی کنید. وقفه در پرداخت ممکن است به این معنا باشد که هزینه درمان را خودتان بپردازید.</p>""",
            ),
            "ru": (
                "Медицинское страхование",
                "Кто застрахован, кто платит взносы и как проверить свой статус.",
                """<p>Медицинским страхованием в Болгарии управляет Национальная касса медицинского страхования. Если вы застрахованы, касса оплачивает многие визиты к личному врачу, к специалистам и лечение в больнице.</p>
<p>Если вы работаете по трудовому договору, работодатель платит часть вашего взноса и удерживает вашу часть из зарплаты. Если вы самозанятый или не работаете, возможно, вам придётся платить взносы самостоятельно.</p>
<p>Проверить свой страховой статус можно в Национальном агентстве по доходам. Перерывы в оплате могут означать, что лечение придётся оплатить самому.</p>""",
            ),
            "uk": (
                "Медичне страхування",
                "Хто застрахований, хто сплачує внески і як перевірити свій статус.",
                """<p>Медичним страхуванням у Болгарії керує Національна каса медичного страхування. Якщо ви застраховані, каса оплачує багато візитів до особистого лікаря, до спеціалістів і лікування в лікарні.</p>
<p>Якщо ви працюєте за трудовим договором, роботодавець сплачує частину вашого внеску і утримує вашу частину із зарплати. Якщо ви самозайняті або не працюєте, можливо, вам доведеться сплачувати внески самостійно.</p>
<p>Перевірити свій страховий статус можна в Національному агентстві з доходів. Перерви в оплаті можуть означати, що лікування доведеться оплатити самому.</p>""",
            ),
            "tr": (
                "Sağlık sigortası",
                "Kimin sigortalı olduğu, primleri kimin ödediği ve durumunuzu nasıl kontrol edeceğiniz.",
                """<p>Bulgaristan'da sağlık sigortasını Ulusal Sağlık Sigortası Fonu yönetir. Sigortalıysanız, Fon aile hekiminize ve uzmanlara yapılan birçok ziyaretin ve hastane tedavisinin masraflarını karşılar.</p>
<p>İş sözleşmesiyle çalışıyorsanız, işvereniniz primin bir kısmını öder ve sizin payınızı maaşınızdan keser. Kendi hesabınıza çalışıyorsanız veya çalışmıyorsanız, primleri kendiniz ödemeniz gerekebilir.</p>
<p>Sigorta durumunuzu Ulusal Gelir İdaresi'nden kontrol edebilirsiniz. Ödemelerdeki kesintiler, tedavi masraflarını kendiniz ödemeniz anlamına gelebilir.</p>""",
            ),
        },
    ),
    (
        "social-insurance",
        "social-insurance",
        {
            "en": (
                "Social insurance: pensions, sick leave and maternity",
                "How social insurance works and why your contributions matter.",
                """<p>Social insurance in Bulgaria is run by the National Social Security Institute (NSSI). Contributions paid while you work give you rights to benefits, for example for sickness, maternity, unemployment and a pension.</p>
<p>Keep your employment contract and your pay slips. Check that your employer has registered your contract and pays your contributions: you can ask the National Revenue Agency.</p>
<p>If you have worked in another country, periods of insurance there may count in some cases. Ask a centre about your situation.</p>""",
            ),
            "bg": (
                "Социално осигуряване: пенсии, болнични и майчинство",
                "Как работи социалното осигуряване и защо вноските ви са важни.",
                """<p>Социалното осигуряване в България се управлява от Националния осигурителен институт (НОИ). Вноските, платени докато работите, ви дават права на обезщетения, например при болест, майчинство, безработица и пенсия.</p>
<p>Пазете трудовия си договор и фишовете за заплата. Проверете дали работодателят е регистрирал договора ви и плаща осигуровките ви: можете да попитате Националната агенция за приходите.</p>
<p>Ако сте работили в друга държава, осигурителният стаж там може в някои случаи да се зачете. Попитайте в някой от центровете за вашия случай.</p>""",
            ),
        },
    ),
    (
        "school-education",
        "education",
        {
            "en": (
                "School and education for children",
                "Education is compulsory for children in Bulgaria. How to enrol your child in a kindergarten or a school.",
                """<p>School education in Bulgaria is compulsory for children of school age, including children of foreign nationals. Education in state and municipal schools is free.</p>
<p>To enrol your child, contact the school or the regional department of education. Bring your child's identity and residence documents and, if you have them, documents about earlier education.</p>
<p>Children who do not speak Bulgarian well can get additional Bulgarian lessons. Ask the school.</p>""",
            ),
            "bg": (
                "Училище и образование за децата",
                "Образованието е задължително за децата в България. Как да запишете детето си в детска градина или училище.",
                """<p>Училищното образование в България е задължително за децата в училищна възраст, включително за децата на чужденци. Обучението в държавните и общинските училища е безплатно.</p>
<p>За да запишете детето си, се обърнете към училището или към регионалното управление на образованието. Носете документите за самоличност и пребиваване на детето и, ако имате, документи за предишното му обучение.</p>
<p>Децата, които не владеят добре български език, могат да получат допълнителни уроци по български. Попитайте в училището.</p>""",
            ),
        },
    ),
    (
        "finding-work",
        "labour-market",
        {
            "en": (
                "Finding work and your rights at work",
                "Where to look for a job, why you need a written contract, and who helps when something goes wrong.",
                """<p>Whether you may work in Bulgaria, and on what conditions, depends on your residence status. Check this first.</p>
<p>The Employment Agency and its local labour offices list vacancies and offer advice and training. Always ask for a written employment contract before you start: it protects your pay, your working hours and your insurance.</p>
<p>If you are not paid or your rights at work are not respected, you can turn to the labour inspectorate. Our centres can help you prepare the complaint.</p>""",
            ),
            "bg": (
                "Търсене на работа и права на работното място",
                "Къде да търсите работа, защо ви трябва писмен договор и кой помага, когато нещо се обърка.",
                """<p>Дали можете да работите в България и при какви условия зависи от статута ви на пребиваване. Проверете това първо.</p>
<p>Агенцията по заетостта и бюрата по труда публикуват свободни работни места и предлагат консултации и обучения. Винаги искайте писмен трудов договор, преди да започнете работа: той защитава заплатата, работното ви време и осигуровките ви.</p>
<p>Ако не ви плащат или правата ви на работното място не се спазват, можете да се обърнете към инспекцията по труда. Нашите центрове могат да ви помогнат да подготвите жалбата.</p>""",
            ),
        },
    ),
    (
        "residence-permits",
        "residence",
        {
            "en": (
                "Residence permits",
                "Kinds of residence, where to apply, and why you should apply for renewal in good time.",
                """<p>Foreign nationals who stay in Bulgaria longer than a short visit need a residence permit. There are different kinds, for example long-term and permanent residence, and the conditions differ for citizens of the European Union and their family members.</p>
<p>Applications are made at the Migration Directorate of the Ministry of Interior or its regional offices. Apply for renewal in good time before your document expires.</p>
<p>The documents you need depend on the reason for your stay (work, study, family, international protection). A centre can help you make a list for your case.</p>""",
            ),
            "bg": (
                "Разрешения за пребиваване",
                "Видове пребиваване, къде се подава заявление и защо трябва да подновите навреме.",
                """<p>Чужденците, които остават в България по-дълго от кратко посещение, се нуждаят от разрешение за пребиваване. Има различни видове, например продължително и постоянно пребиваване, като условията са различни за гражданите на Европейския съюз и членовете на техните семейства.</p>
<p>Заявленията се подават в дирекция „Миграция“ на Министерството на вътрешните работи или в нейните регионални звена. Подайте заявление за подновяване навреме, преди документът ви да изтече.</p>
<p>Нужните документи зависят от основанието за пребиваването (работа, обучение, семейство, международна закрила). Центърът може да ви помогне да направите списък за вашия случай.</p>""",
            ),
        },
    ),
    (
        "bulgarian-courses",
        "language-culture",
        {
            "en": (
                "Free Bulgarian language courses",
                "Learn Bulgarian at our centres: courses for beginners and for those who already speak some Bulgarian.",
                """<p>Our centres run free Bulgarian language courses for adults. Groups are small, and the courses start from the very beginning: the Cyrillic alphabet, everyday conversation, and the words you need at the doctor's, at school and at work.</p>
<p>At the end of a course you receive a certificate of attendance.</p>
<p>Ask at your nearest centre when the next group starts, or sign up online.</p>""",
            ),
            "bg": (
                "Безплатни курсове по български език",
                "Научете български в нашите центрове: курсове за начинаещи и за хора, които вече говорят малко български.",
                """<p>Нашите центрове организират безплатни курсове по български език за възрастни. Групите са малки и курсовете започват от самото начало: кирилицата, ежедневни разговори и думите, които ви трябват при лекаря, в училище и на работа.</p>
<p>В края на курса получавате удостоверение за участие.</p>
<p>Попитайте в най-близкия център кога започва следващата група или се запишете онлайн.</p>""",
            ),
        },
    ),
    (
        "computer-literacy",
        "language-culture",
        {
            "en": (
                "Free computer literacy courses",
                "E-mail, online forms, safe use of the internet: basic computer skills for everyday life and work.",
                """<p>Many services in Bulgaria are online: appointments, forms, job search. Our free computer courses teach the basics: using a computer and a phone, e-mail, filling in online forms and staying safe on the internet.</p>
<p>No previous experience is needed. Courses are given in small groups at the centres.</p>
<p>Ask at your nearest centre when the next course starts.</p>""",
            ),
            "bg": (
                "Безплатни курсове по компютърна грамотност",
                "Имейл, онлайн формуляри, безопасно използване на интернет: основни компютърни умения за ежедневието и работата.",
                """<p>Много услуги в България са онлайн: записване на час, формуляри, търсене на работа. Нашите безплатни компютърни курсове учат основите: работа с компютър и телефон, имейл, попълване на онлайн формуляри и безопасност в интернет.</p>
<p>Не е нужен предишен опит. Курсовете се провеждат в малки групи в центровете.</p>
<p>Попитайте в най-близкия център кога започва следващият курс.</p>""",
            ),
        },
    ),
    (
        "interpreting-in-healthcare",
        "healthcare",
        {
            "en": (
                "An interpreter at the doctor's",
                "Our mediators and interpreters can help you talk to doctors and hospital staff, in person or by phone.",
                """<p>Understanding your doctor is important for your health. Our cultural mediators and interpreters can help at a visit to a doctor or a hospital, in person or by telephone.</p>
<p>The service is free and confidential. Ask for it in good time before your appointment, through a centre or the hotline.</p>""",
            ),
            "bg": (
                "Преводач при лекаря",
                "Нашите медиатори и преводачи могат да ви помогнат да разговаряте с лекари и болничен персонал, на място или по телефона.",
                """<p>Да разбирате лекаря си е важно за здравето ви. Нашите културни медиатори и преводачи могат да помогнат при посещение при лекар или в болница, на място или по телефона.</p>
<p>Услугата е безплатна и поверителна. Поискайте я навреме преди часа си чрез някой от центровете или горещата линия.</p>""",
            ),
            "ar": (
                "مترجم عند الطبيب",
                "يمكن لوسطائنا ومترجمينا مساعدتك في التحدث مع الأطباء وموظفي المستشفى، حضورياً أو عبر الهاتف.",
                """<p>فهم طبيبك مهم لصحتك. يمكن لوسطائنا الثقافيين ومترجمينا المساعدة عند زيارة الطبيب أو المستشفى، حضورياً أو عبر الهاتف.</p>
<p>الخدمة مجانية وسرية. اطلبها قبل موعدك بوقت كافٍ عن طريق أحد المراكز أو الخط الساخن.</p>""",
            ),
            "fa": (
                "مترجم نزد پزشک",
                "میانجی‌ها و مترجمان ما می‌توانند به شما کمک کنند با پزشکان و کارکنان بیمارستان، حضوری یا تلفنی، صحبت کنید.",
                """<p>فهمیدن حرف پزشک برای سلامت شما مهم است. میانجی‌های فرهنگی و مترجمان ما می‌توانند هنگام مراجعه به پزشک یا بیمارستان، حضوری یا تلفنی، کمک کنند.</p>
<p>این خدمت رایگان و محرمانه است. آن را به‌موقع پیش از وقت ملاقات خود از طریق یکی از مراکز یا خط تلفن ویژه درخواست کنید.</p>""",
            ),
            "ru": (
                "Переводчик у врача",
                "Наши медиаторы и переводчики помогут вам поговорить с врачами и персоналом больницы лично или по телефону.",
                """<p>Понимать своего врача важно для вашего здоровья. Наши культурные медиаторы и переводчики могут помочь при визите к врачу или в больницу, лично или по телефону.</p>
<p>Услуга бесплатная и конфиденциальная. Попросите о ней заранее, до приёма, через один из центров или горячую линию.</p>""",
            ),
            "uk": (
                "Перекладач у лікаря",
                "Наші медіатори та перекладачі допоможуть вам поговорити з лікарями та персоналом лікарні особисто або телефоном.",
                """<p>Розуміти свого лікаря важливо для вашого здоров'я. Наші культурні медіатори та перекладачі можуть допомогти під час візиту до лікаря чи до лікарні, особисто або телефоном.</p>
<p>Послуга безкоштовна і конфіденційна. Попросіть про неї заздалегідь, до прийому, через один із центрів або гарячу лінію.</p>""",
            ),
            "tr": (
                "Doktorda tercüman",
                "Arabulucularımız ve tercümanlarımız, doktorlar ve hastane personeliyle yüz yüze veya telefonla konuşmanıza yardımcı olabilir.",
                """<p>Doktorunuzu anlamak sağlığınız için önemlidir. Kültürel arabulucularımız ve tercümanlarımız doktor veya hastane ziyaretinde, yüz yüze veya telefonla yardımcı olabilir.</p>
<p>Hizmet ücretsiz ve gizlidir. Randevunuzdan önce zamanında bir merkez veya yardım hattı aracılığıyla isteyin.</p>""",
            ),
        },
    ),
    (
        "report-a-violation",
        "discrimination",
        {
            "en": (
                "How to report a violation of your rights",
                "If you were treated unfairly or refused a service, you can tell us – with your name or anonymously.",
                """<p>If you were discriminated against, refused a service you have a right to, or treated unfairly by an institution or an employer, you can report it to us. You can do it with your name or anonymously.</p>
<p>A rights officer reads every report, answers you through a receipt code and, if you wish, helps you to turn to the competent body, for example the Commission for Protection against Discrimination or the Ombudsman.</p>
<p>In danger, call 112.</p>""",
            ),
            "bg": (
                "Как да сигнализирате за нарушение на правата си",
                "Ако сте били третирани несправедливо или ви е отказана услуга, можете да ни съобщите – с името си или анонимно.",
                """<p>Ако сте били дискриминирани, ако ви е отказана услуга, на която имате право, или ако институция или работодател са се отнесли несправедливо към вас, можете да ни сигнализирате. Можете да го направите с името си или анонимно.</p>
<p>Служител по правата чете всеки сигнал, отговаря ви чрез код за проследяване и, ако желаете, ви помага да се обърнете към компетентния орган, например Комисията за защита от дискриминация или омбудсмана.</p>
<p>При опасност се обадете на 112.</p>""",
            ),
            "ar": (
                "كيف تبلّغ عن انتهاك لحقوقك",
                "إذا عوملت بشكل غير عادل أو رُفض تقديم خدمة لك، يمكنك إخبارنا – باسمك أو دون ذكر اسمك.",
                """<p>إذا تعرضت للتمييز، أو رُفضت لك خدمة يحق لك الحصول عليها، أو عاملتك مؤسسة أو صاحب عمل بشكل غير عادل، يمكنك إبلاغنا بذلك. يمكنك فعل ذلك باسمك أو دون ذكر اسمك.</p>
<p>يقرأ موظف مختص بالحقوق كل بلاغ، ويرد عليك عبر رمز متابعة، ويساعدك إن رغبت في التوجه إلى الجهة المختصة، مثل لجنة الحماية من التمييز أو أمين المظالم.</p>
<p>في حالة الخطر، اتصل بالرقم 112.</p>""",
            ),
            "fa": (
                "چگونه نقض حقوق خود را گزارش کنید",
                "اگر با شما ناعادلانه رفتار شده یا خدمتی از شما دریغ شده است، می‌توانید به ما بگویید – با نام خود یا بدون نام.",
                """<p>اگر مورد تبعیض قرار گرفته‌اید، خدمتی که حق شماست از شما دریغ شده، یا یک نهاد یا کارفرما با شما ناعادلانه رفتار کرده است، می‌توانید آن را به ما گزارش دهید. این کار را می‌توانید با نام خود یا بدون نام انجام دهید.</p>
<p>یک کارشناس حقوق هر گزارش را می‌خواند، از طریق یک کد پیگیری به شما پاسخ می‌دهد و در صورت تمایل به شما کمک می‌کند به نهاد صالح، مانند کمیسیون حمایت در برابر تبعیض یا بازرس ملی (آمبودزمان)، مراجعه کنید.</p>
<p>در صورت خطر با ۱۱۲ تماس بگیرید.</p>""",
            ),
            "ru": (
                "Как сообщить о нарушении ваших прав",
                "Если с вами обошлись несправедливо или отказали в услуге, вы можете сообщить нам – под своим именем или анонимно.",
                """<p>Если вас дискриминировали, отказали в услуге, на которую вы имеете право, или учреждение либо работодатель обошлись с вами несправедливо, вы можете сообщить нам об этом. Это можно сделать под своим именем или анонимно.</p>
<p>Специалист по правам читает каждое сообщение, отвечает вам по коду отслеживания и, если вы хотите, помогает обратиться в компетентный орган, например в Комиссию по защите от дискриминации или к омбудсмену.</p>
<p>В случае опасности звоните 112.</p>""",
            ),
            "uk": (
                "Як повідомити про порушення ваших прав",
                "Якщо з вами повелися несправедливо або відмовили в послузі, ви можете повідомити нам – під своїм ім'ям або анонімно.",
                """<p>Якщо вас дискримінували, відмовили в послузі, на яку ви маєте право, або установа чи роботодавець повелися з вами несправедливо, ви можете повідомити нам про це. Це можна зробити під своїм ім'ям або анонімно.</p>
<p>Фахівець з прав читає кожне повідомлення, відповідає вам за кодом відстеження і, якщо ви бажаєте, допомагає звернутися до компетентного органу, наприклад до Комісії з захисту від дискримінації або до омбудсмена.</p>
<p>У разі небезпеки телефонуйте 112.</p>""",
            ),
            "tr": (
                "Haklarınızın ihlalini nasıl bildirirsiniz",
                "Size haksız davranıldıysa veya bir hizmet reddedildiyse, bize bildirebilirsiniz – adınızla veya isimsiz olarak.",
                """<p>Ayrımcılığa uğradıysanız, hakkınız olan bir hizmet size reddedildiyse veya bir kurum ya da işveren size haksız davrandıysa, bunu bize bildirebilirsiniz. Bunu adınızla veya isimsiz olarak yapabilirsiniz.</p>
<p>Bir hak görevlisi her bildirimi okur, size bir takip kodu aracılığıyla yanıt verir ve isterseniz Ayrımcılığa Karşı Koruma Komisyonu veya Ombudsman gibi yetkili kuruma başvurmanıza yardımcı olur.</p>
<p>Tehlike anında 112'yi arayın.</p>""",
            ),
        },
    ),
    (
        "the-centres",
        "other",
        {
            "en": (
                "Our information centres",
                "Four centres – in Sofia, Burgas, Plovdiv and Kardzhali – and a hotline give free help in your language.",
                """<p>The network has information centres in Sofia, Burgas, Plovdiv and Kardzhali. We give free, confidential consultations, help with institutions, Bulgarian and computer courses, interpreting and cultural mediation.</p>
<p>You can visit a centre, call the hotline or ask a question online. Opening hours and addresses are on the centres page.</p>""",
            ),
            "bg": (
                "Нашите информационни центрове",
                "Четири центъра – в София, Бургас, Пловдив и Кърджали – и гореща линия предлагат безплатна помощ на вашия език.",
                """<p>Мрежата има информационни центрове в София, Бургас, Пловдив и Кърджали. Предлагаме безплатни и поверителни консултации, съдействие пред институциите, курсове по български език и компютърна грамотност, устен превод и културно посредничество.</p>
<p>Можете да посетите център, да се обадите на горещата линия или да зададете въпрос онлайн. Работното време и адресите са на страницата на центровете.</p>""",
            ),
            "ar": (
                "مراكز المعلومات لدينا",
                "أربعة مراكز – في صوفيا وبورغاس وبلوفديف وكارجالي – وخط ساخن تقدم مساعدة مجانية بلغتك.",
                """<p>لدى الشبكة مراكز معلومات في صوفيا وبورغاس وبلوفديف وكارجالي. نقدم استشارات مجانية وسرية، والمساعدة في التعامل مع المؤسسات، ودورات في اللغة البلغارية والحاسوب، والترجمة الشفوية والوساطة الثقافية.</p>
<p>يمكنك زيارة أحد المراكز أو الاتصال بالخط الساخن أو طرح سؤال عبر الإنترنت. مواعيد العمل والعناوين موجودة في صفحة المراكز.</p>""",
            ),
            "fa": (
                "مراکز اطلاع‌رسانی ما",
                "چهار مرکز – در صوفیه، بورگاس، پلوودیف و کرجالی – و یک خط تلفن ویژه به زبان شما کمک رایگان ارائه می‌دهند.",
                """<p>این شبکه مراکز اطلاع‌رسانی در صوفیه، بورگاس، پلوودیف و کرجالی دارد. ما مشاوره رایگان و محرمانه، کمک در مراجعه به نهادها، دوره‌های زبان بلغاری و کامپیوتر، ترجمه شفاهی و میانجی‌گری فرهنگی ارائه می‌دهیم.</p>
<p>می‌توانید به یکی از مراکز بروید، با خط تلفن ویژه تماس بگیرید یا سؤال خود را آنلاین بپرسید. ساعات کار و نشانی‌ها در صفحه مراکز آمده است.</p>""",
            ),
            "ru": (
                "Наши информационные центры",
                "Четыре центра – в Софии, Бургасе, Пловдиве и Кырджали – и горячая линия бесплатно помогают на вашем языке.",
                """<p>У сети есть информационные центры в Софии, Бургасе, Пловдиве и Кырджали. Мы проводим бесплатные конфиденциальные консультации, помогаем в обращении в учреждения, проводим курсы болгарского языка и компьютерной грамотности, предоставляем устный перевод и культурное посредничество.</p>
<p>Вы можете прийти в центр, позвонить на горячую линию или задать вопрос онлайн. Часы работы и адреса – на странице центров.</p>""",
            ),
            "uk": (
                "Наші інформаційні центри",
                "Чотири центри – у Софії, Бургасі, Пловдиві та Кирджалі – і гаряча лінія безкоштовно допомагають вашою мовою.",
                """<p>Мережа має інформаційні центри в Софії, Бургасі, Пловдиві та Кирджалі. Ми проводимо безкоштовні конфіденційні консультації, допомагаємо у зверненні до установ, проводимо курси болгарської мови та комп'ютерної грамотності, надаємо усний переклад і культурне посередництво.</p>
<p>Ви можете прийти до центру, зателефонувати на гарячу лінію або поставити запитання онлайн. Години роботи та адреси – на сторінці центрів.</p>""",
            ),
            "tr": (
                "Bilgi merkezlerimiz",
                "Sofya, Burgaz, Filibe ve Kırcaali'deki dört merkez ve bir yardım hattı, kendi dilinizde ücretsiz yardım sunar.",
                """<p>Ağın Sofya, Burgaz, Filibe ve Kırcaali'de bilgi merkezleri vardır. Ücretsiz ve gizli danışmanlık, kurumlarla işlemlerde yardım, Bulgarca ve bilgisayar kursları, sözlü tercümanlık ve kültürel arabuluculuk sunuyoruz.</p>
<p>Bir merkezi ziyaret edebilir, yardım hattını arayabilir veya çevrimiçi soru sorabilirsiniz. Çalışma saatleri ve adresler merkezler sayfasındadır.</p>""",
            ),
        },
    ),
]

RELATED = [
    ("healthcare", "health-insurance"),
    ("healthcare", "interpreting-in-healthcare"),
    ("health-insurance", "social-insurance"),
    ("finding-work", "social-insurance"),
    ("residence-permits", "rights-and-obligations"),
    ("bulgarian-courses", "computer-literacy"),
    ("report-a-violation", "rights-and-obligations"),
    ("the-centres", "bulgarian-courses"),
]
