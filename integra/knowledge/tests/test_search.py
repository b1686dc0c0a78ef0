"""The shared search interface, on whichever database the suite runs (SQLite FTS5 or PostgreSQL)."""

import pytest

from integra.knowledge import search, services
from integra.knowledge.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(publish):
    publish(
        "health-insurance",
        {
            "en": ("Health insurance", "Everyone who works pays health insurance contributions every month."),
            "bg": ("Здравно осигуряване", "Всеки, който работи, плаща здравноосигурителни вноски всеки месец."),
        },
    )
    publish(
        "bulgarian-courses",
        {"en": ("Bulgarian courses", "Free Bulgarian language courses for adults at the centres.")},
        topic="language-culture",
    )
    publish("only-farsi", {"fa": ("بیمه درمانی", "هر کسی که کار می‌کند حق بیمه می‌پردازد.")}, source="fa")


def test_it_finds_articles_in_the_visitors_language_with_the_match_highlighted(articles):
    results = search.search("insurance", kinds=[services.ARTICLE], language="en")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.language == "en"
    assert "<mark>" in hit.snippet_html
    assert "<mark>" in hit.title_html
    assert not results.fell_back


def test_word_beginnings_match_so_that_bulgarian_finds_longer_forms(articles):
    results = search.search("осигур", kinds=[services.ARTICLE], language="bg")
    assert [hit.language for hit in results.hits] == ["bg"]


def test_with_nothing_in_the_visitors_language_it_searches_every_language(articles):
    results = search.search("Здравно", kinds=[services.ARTICLE], language="en")
    assert results.fell_back
    assert [hit.language for hit in results.hits] == ["bg"]


def test_it_finds_right_to_left_text(articles):
    results = search.search("بیمه", kinds=[services.ARTICLE], language="fa")
    assert results.total == 1
    assert results.hits[0].language == "fa"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!.,;:-–()[]{}\"'*^~",
        'NEAR(a b) OR "unclosed AND title:x * -',
        "a" * 1000,
        ("insurance " * 100)[:1000],
        "\x00\x02\x03 insurance",
        "' & | ! <-> :* )(",
        "<script>alert(1)</script>",
    ],
)
def test_any_query_gets_an_answer_never_an_error(articles, query):
    results = search.search(query, kinds=[services.ARTICLE], language="en")
    assert results.total >= 0


def test_a_query_without_words_is_recognised_as_empty(articles):
    assert search.search("?!", kinds=[services.ARTICLE], language="en").is_empty_query


def test_markup_in_documents_is_escaped_and_only_mark_is_added(db):
    search.index_document(
        search.Document(kind="test", key="1", language="en", title="<b>Rights</b>", body="Your rights & duties < 5")
    )
    hit = search.search("rights", kinds=["test"], language="en").hits[0]
    assert "<mark>rights</mark> &amp; duties" in hit.snippet_html
    assert hit.title_html == "&lt;b&gt;<mark>Rights</mark>&lt;/b&gt;"
    assert "<mark>" in hit.snippet_html
    assert "<b>" not in hit.title_html


def test_other_kinds_of_document_can_be_indexed_updated_and_removed(db):
    document = search.Document(kind="question", key="7", language="ru", title="Вопрос о визе", body="Продлить визу?")
    search.index_document(document)
    assert search.search("визу", kinds=["question"], language="ru").total == 1
    assert search.search("визу", kinds=[services.ARTICLE], language="ru").total == 0
    search.index_document(search.Document(kind="question", key="7", language="ru", title="Вопрос", body="Работа"))
    assert search.search("визу", kinds=["question"], language="ru").total == 0
    assert search.search("работа", kinds=["question"], language="ru").total == 1
    search.remove_documents(kind="question", keys=["7"])
    assert search.search("работа", kinds=["question"], language="ru").total == 0


def test_unpublishing_removes_the_article_from_the_index(articles, staff):
    from integra.knowledge.models import ArticleTranslation

    translation = ArticleTranslation.objects.get(article__slug="bulgarian-courses", language="en")
    assert search.search("courses", kinds=[services.ARTICLE], language="en").total == 1
    services.translation_unpublish(translation=translation, user=staff["coordinator"])
    assert search.search("courses", kinds=[services.ARTICLE], language="en").total == 0


def test_results_are_paged(db):
    search.index_documents(
        search.Document(kind="test", key=str(i), language="en", title=f"Centre {i}", body="centre") for i in range(25)
    )
    first = search.search("centre", kinds=["test"], language="en", limit=20)
    second = search.search("centre", kinds=["test"], language="en", limit=20, offset=20)
    assert first.total == 25
    assert len(first.hits) == 20
    assert len(second.hits) == 5
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_a_question_in_plain_words_finds_articles_with_some_of_the_words(articles):
    results = search.search("how do I get free bulgarian courses", kinds=[services.ARTICLE], language="en")
    assert results.any_word
    assert results.hits[0].key == str(Article.objects.get(slug="bulgarian-courses").pk)


def test_very_short_words_match_whole_words_only(db):
    search.index_document(search.Document(kind="test", key="1", language="en", title="Insurance", body="income"))
    assert search.search("in", kinds=["test"], language="en").total == 0
    assert search.search("inc", kinds=["test"], language="en").total == 1


# Ordering of a few known queries (issue 16): a word in the title outranks the same word in the body,
# documents with more of the words come first, and ties are broken the same way every time.
@pytest.fixture
def ranked(db):
    search.index_documents(
        [
            search.Document(kind="test", key="body", language="en", title="Work", body="About the residence permit."),
            search.Document(kind="test", key="title", language="en", title="Residence permit", body="How to apply."),
            search.Document(kind="test", key="other", language="en", title="Health", body="Doctors and clinics."),
            search.Document(kind="test", key="one", language="en", title="Permit", body="Only one of the words."),
        ]
    )


def test_a_word_in_the_title_comes_before_the_same_word_in_the_body(ranked):
    keys = [hit.key for hit in search.search("residence", kinds=["test"], language="en").hits]
    assert keys == ["title", "body"]


def test_documents_with_every_word_come_before_those_with_some(ranked):
    results = search.search("residence permit", kinds=["test"], language="en")
    assert [hit.key for hit in results.hits] == ["title", "body"]
    results = search.search("residence clinics", kinds=["test"], language="en")
    assert results.any_word
    assert {hit.key for hit in results.hits} == {"title", "body", "other"}


def test_the_same_query_gives_the_same_order_on_every_page(db):
    search.index_documents(
        search.Document(kind="test", key=str(i), language="en", title="Centre", body="centre hours") for i in range(30)
    )
    first = [h.key for h in search.search("centre", kinds=["test"], language="en", limit=10).hits]
    again = [h.key for h in search.search("centre", kinds=["test"], language="en", limit=10).hits]
    rest = [h.key for h in search.search("centre", kinds=["test"], language="en", limit=10, offset=10).hits]
    assert first == again
    assert len(rest) == 10
    assert not set(first) & set(rest)


def test_a_query_in_another_language_than_the_interface_finds_the_document(articles):
    results = search.search("здравно осигуряване", kinds=[services.ARTICLE], language="en")
    assert results.fell_back
    assert [hit.language for hit in results.hits] == ["bg"]


def test_kind_and_language_filter_inside_the_index_keeps_other_kinds_and_languages_out(db):
    search.index_documents(
        [
            search.Document(kind="bench-forum", key="1", language="en", title="Visa", body="visa extension"),
            search.Document(kind="bench_article", key="2", language="en", title="Visa", body="visa extension"),
            search.Document(kind="bench-forum", key="3", language="bg", title="Visa", body="visa extension"),
        ]
    )
    assert [h.key for h in search.search("visa", kinds=["bench-forum"], language="en").hits] == ["1"]
    assert [h.key for h in search.search("visa", kinds=["bench_article"], language="en").hits] == ["2"]
    both = search.search("visa", kinds=["bench-forum", "bench_article"], language="en", fallback=False)
    assert {h.key for h in both.hits} == {"1", "2"}
    every_language = search.search("visa", kinds=["bench-forum"], language=None)
    assert {(h.key, h.language) for h in every_language.hits} == {("1", "en"), ("3", "bg")}


def test_a_visitor_cannot_match_the_index_own_kind_and_language_words(db):
    search.index_document(search.Document(kind="test", key="1", language="en", title="Centre", body="hours"))
    for query in ["ktest", "ktestxen", "ktes", "scope"]:
        assert search.search(query, kinds=["test"], language="en").hits == []
    results = search.search("ktestxen centre", kinds=["test"], language="en")
    assert results.any_word
    assert [h.key for h in results.hits] == ["1"]


def test_the_page_of_results_keeps_its_highlights_whatever_the_rank_order(db):
    search.index_documents(
        search.Document(kind="test", key=str(i), language="en", title="Centre" if i % 3 else "Other", body="centre")
        for i in range(40)
    )
    hits = search.search("centre", kinds=["test"], language="en", limit=10).hits
    assert len(hits) == 10
    assert all("<mark>centre</mark>" in hit.snippet_html.lower() for hit in hits)
    assert all(hit.title_html.startswith("<mark>") for hit in hits)  # title matches outrank body-only ones
