"""Text in a language other than the page's carries its own lang and dir (issue 11 item 7): institution names
and addresses falling back to English on Arabic, Farsi, Russian, Ukrainian and Turkish pages, forum questions
and answers in another language; centre and city names are written in every language's own way."""

import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from integra.centres import demo as centres_demo
from integra.centres.models import Centre, Institution
from integra.core.i18n import pick, pick_with_language
from integra.forum.models import Answer, Question
from integra.topics.models import Topic

LANGUAGES = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]
RTL = {"ar", "fa"}


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load integra %}" + source).render(Context(context))


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_pick_says_which_language_it_picked():
    name = {"en": "Employment Agency", "bg": "Агенция по заетостта"}
    assert pick_with_language(name, "ar") == ("Employment Agency", "en")
    assert pick_with_language(name, "bg") == ("Агенция по заетостта", "bg")
    assert pick_with_language({"ru": "Только по-русски"}, "tr") == ("Только по-русски", "ru")
    assert pick_with_language({}, "en") == ("", "")
    assert pick(name, "fa") == "Employment Agency"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("ar", '<span lang="en" dir="ltr">Employment Agency</span>'),
        ("uk", '<span lang="en" dir="ltr">Employment Agency</span>'),
        ("en", "Employment Agency"),
        ("bg", "Агенция по заетостта"),
    ],
)
def test_tr_marked_wraps_a_fallback_in_its_language(page, expected):
    name = {"en": "Employment Agency", "bg": "Агенция по заетостта"}
    assert render("{{ name|tr_marked }}", page, name=name) == expected


def test_marks_escape_the_text_and_a_right_to_left_fallback_reads_right_to_left():
    assert render("{{ name|tr_marked }}", "en", name={"fa": "<b>مرکز</b>"}) == (
        '<span lang="fa" dir="rtl">&lt;b&gt;مرکز&lt;/b&gt;</span>'
    )
    assert render("{{ name|tr_marked }}", "en", name={"en": "A & B"}) == "A &amp; B"
    assert render("{{ title|in_language:'ar' }}", "bg", title="سؤال") == '<span lang="ar" dir="rtl">سؤال</span>'
    assert render("{{ title|in_language:'bg' }}", "bg", title="Въпрос") == "Въпрос"
    assert render("<p{{ 'ru'|lang_attrs }}>", "uk") == '<p lang="ru" dir="ltr">'
    assert render("<p{{ 'uk'|lang_attrs }}>", "uk") == "<p>"


def test_the_demo_writes_every_centre_and_city_name_in_all_seven_languages():
    for centre in centres_demo.CENTRES:
        for field in ("name", "city", "address"):
            assert sorted(centre[field]) == sorted(LANGUAGES), (centre["slug"], field)
    for _slug, name in centres_demo.PLACES:
        assert sorted(name) == sorted(LANGUAGES)
    for institution in centres_demo.INSTITUTIONS:
        city = institution[3]
        assert sorted(city) == sorted(LANGUAGES), institution[0]
    assert centres_demo.SOFIA == {
        "bg": "София",
        "en": "Sofia",
        "ar": "صوفيا",
        "fa": "صوفیه",
        "ru": "София",
        "uk": "Софія",
        "tr": "Sofya",
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_centre_names_are_in_the_pages_language_without_a_mark(reference_data, client, lang):
    html = client.get(f"/{lang}/centres/").content.decode()
    for centre in Centre.objects.all():
        name = pick(centre.name, lang)
        assert name == centre.name[lang]
        assert f">{name}</a>" in html
    assert '<span lang="en" dir="ltr">' not in html and '<span lang="bg" dir="ltr">' not in html


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "uk", "tr"])
def test_institution_names_in_english_are_marked_english_and_the_city_is_in_the_pages_language(
    reference_data, client, lang
):
    html = client.get(f"/{lang}/institutions/", {"kind": Institution.Kind.EMPLOYMENT}).content.decode()
    direction = "rtl" if lang in RTL else "ltr"
    assert f'<html lang="{lang}" dir="{direction}"' in html
    assert '<h2><span lang="en" dir="ltr">Employment Agency</span></h2>' in html
    assert '<p><span lang="en" dir="ltr">3 Dondukov Blvd, Sofia</span></p>' in html
    assert f" · {centres_demo.SOFIA[lang]}</p>" in html
    assert '<span lang="bg">Агенция по заетостта</span>' in html


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_institution_names_in_the_pages_language_carry_no_mark(reference_data, client, lang):
    html = client.get(f"/{lang}/institutions/", {"kind": Institution.Kind.EMPLOYMENT}).content.decode()
    name = {"bg": "Агенция по заетостта", "en": "Employment Agency"}[lang]
    assert f"<h2>{name}</h2>" in html


def test_a_centre_without_its_name_in_the_pages_language_is_marked(reference_data, client):
    Centre.objects.filter(slug="burgas").update(
        name={"en": "Burgas centre", "bg": "Център Бургас"}, address={"bg": "ул. „Александровска“ 18"}
    )
    html = client.get("/fa/centres/burgas/").content.decode()
    assert '<h1><span lang="en" dir="ltr">Burgas centre</span></h1>' in html
    assert '<span lang="bg" dir="ltr">ул. „Александровска“ 18</span>' in html
    assert "<title>Burgas centre" in html  # a title cannot carry a mark: the plain text


def question(language: str, title: str, body: str, answer: str = "") -> Question:
    asked = timezone.now()
    created = Question.objects.create(
        title=title,
        body=body,
        topic=Topic.objects.get(slug="healthcare"),
        language=language,
        status=Question.Status.PUBLISHED,
        published_at=asked,
    )
    if answer:
        Answer.objects.create(question=created, author_role="expert", body=answer)
    return created


def test_a_question_in_another_language_is_marked_and_the_line_under_it_is_not(reference_data, client):
    asked = question("ru", "Как выбрать врача?", "Я только что приехал.", answer="Выберите любого врача.")
    html = client.get(f"/bg/questions/{asked.pk}/").content.decode()
    assert '<h1 lang="ru" dir="ltr">Как выбрать врача?</h1>' in html
    assert '<div class="question-body" lang="ru" dir="ltr"><p>Я только что приехал.</p></div>' in html
    assert '<div class="answer-body" lang="ru" dir="ltr"><p>Выберите любого врача.</p></div>' in html
    meta = re.search(r'<p class="meta">[^<]*<time', html)
    assert meta, "the topic and date line stands outside any element in Russian"
    article = html.split("<article>", 1)[1].split("</article>", 1)[0]
    assert 'lang="ru"' not in article.split("</h1>", 1)[1].split('<div class="question-body"', 1)[0]


def test_an_arabic_question_on_an_english_page_reads_right_to_left(reference_data, client):
    asked = question("ar", "كيف أختار طبيباً؟", "وصلت للتو.")
    html = client.get(f"/en/questions/{asked.pk}/").content.decode()
    assert '<h1 lang="ar" dir="rtl">كيف أختار طبيباً؟</h1>' in html


def test_a_question_in_the_pages_language_carries_no_mark(reference_data, client):
    asked = question("uk", "Як обрати лікаря?", "Я щойно приїхав.")
    html = client.get(f"/uk/questions/{asked.pk}/").content.decode()
    assert "<h1>Як обрати лікаря?</h1>" in html
    assert '<div class="question-body"><p>' in html
