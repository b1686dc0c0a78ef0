"""The search index stays in step with the public content, and the way PostgreSQL walks it changes no result.

PostgreSQL matches in a narrow table (knowledge_searchmatch: id, kind, language, vector; migration 0004) that a
trigger on knowledge_searchdocument writes; SQLite in its FTS5 index, written by triggers too (0002, 0003). Every
publishing path below goes through the services, then checks the index row by row and through search().
"""

import pytest
from django.db import connection

from integra.forum import services as forum
from integra.forum.tests.helpers import make_question
from integra.knowledge import search, services
from integra.knowledge.models import ArticleTranslation, SearchDocument

pytestmark = pytest.mark.django_db


def assert_index_in_step():
    """Every search document, and nothing else, is in the matching index with its current text."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM knowledge_searchdocument d FULL JOIN knowledge_searchmatch m ON m.id = d.id"
                " WHERE m.id IS NULL OR d.id IS NULL OR m.kind <> d.kind OR m.language <> d.language OR m.vector <>"
                " setweight(to_tsvector(d.config::regconfig, d.title), 'A')"
                " || setweight(to_tsvector(d.config::regconfig, d.body), 'B')"
            )
            assert cursor.fetchone()[0] == 0
        elif connection.vendor == "sqlite":  # raises if the FTS5 index and its content disagree
            cursor.execute("INSERT INTO knowledge_search_fts(knowledge_search_fts) VALUES ('integrity-check')")


def found(word, kind, language="en"):
    return {hit.key for hit in search.search(word, kinds=[kind], language=language, fallback=False).hits}


def test_publishing_editing_and_unpublishing_articles_and_translations_keep_the_index_in_step(publish, staff):
    coordinator = staff["coordinator"]
    article = publish(
        "kindergarten",
        {"en": ("Kindergarten places", "Apply online in spring."), "bg": ("Детска градина", "Кандидатствайте онлайн.")},
    )
    key = str(article.pk)
    assert_index_in_step()
    assert found("kindergarten", services.ARTICLE) == {key}
    assert found("градина", services.ARTICLE, "bg") == {key}

    english = ArticleTranslation.objects.get(article=article, language="en")
    services.translation_save(
        article=article, language="en", user=coordinator, title="Nursery places", body="Apply by post."
    )
    assert found("nursery", services.ARTICLE) == set()  # a draft is not public: the published text still is
    assert found("kindergarten", services.ARTICLE) == {key}
    english.refresh_from_db()
    services.translation_submit(translation=english, user=coordinator)
    services.translation_approve(translation=english, user=coordinator)
    assert_index_in_step()
    assert found("nursery", services.ARTICLE) == {key}
    assert found("kindergarten", services.ARTICLE) == set()

    services.translation_unpublish(translation=english, user=coordinator)
    assert_index_in_step()
    assert found("nursery", services.ARTICLE) == set()
    assert found("градина", services.ARTICLE, "bg") == {key}  # the other language stays

    bulgarian = ArticleTranslation.objects.get(article=article, language="bg")
    services.translation_unpublish(translation=bulgarian, user=coordinator)
    assert_index_in_step()
    assert not SearchDocument.objects.filter(kind=services.ARTICLE, key=key).exists()
    assert found("градина", services.ARTICLE, "bg") == set()


def test_publishing_answering_editing_hiding_and_merging_questions_keep_the_index_in_step(staff):
    moderator = staff["coordinator"]
    question = make_question("Where can I find a pediatrician?", "My daughter is ill.", published=False)
    assert found("pediatrician", forum.KIND) == set()
    forum.question_moderate(question=question, by=moderator, action="publish")
    key = str(question.pk)
    assert_index_in_step()
    assert found("pediatrician", forum.KIND) == {key}

    forum.answer_create(question=question, author=moderator, body="Ask the polyclinic in your district.")
    assert_index_in_step()
    assert found("polyclinic", forum.KIND) == {key}

    forum.question_moderate(question=question, by=moderator, action="save", title="Where can I find a paediatrician?")
    assert_index_in_step()
    assert found("paediatrician", forum.KIND) == {key}
    assert found("pediatrician", forum.KIND) == set()

    forum.question_moderate(question=question, by=moderator, action="hide")
    assert_index_in_step()
    assert found("paediatrician", forum.KIND) == set()
    assert found("polyclinic", forum.KIND) == set()

    forum.question_moderate(question=question, by=moderator, action="publish")
    duplicate = make_question("A paediatrician near Sofia?", "Same question.")
    assert found("paediatrician", forum.KIND) == {key, str(duplicate.pk)}
    forum.question_moderate(question=duplicate, by=moderator, action="merge", into=question)
    assert_index_in_step()
    assert found("paediatrician", forum.KIND) == {key}


def test_deleting_search_documents_and_questions_keeps_the_index_in_step(staff):
    search.index_documents(
        search.Document(kind="test", key=str(i), language="en", title=f"Notary {i}", body="deeds") for i in range(5)
    )
    search.remove_documents(kind="test", keys=["0", "1"])
    SearchDocument.objects.filter(kind="test", key="2").delete()
    assert_index_in_step()
    assert found("notary", "test") == {"3", "4"}
    question = make_question("Which notary translates deeds?", "For a flat.")
    assert found("notary", forum.KIND) == {str(question.pk)}
    forum.question_moderate(question=question, by=staff["coordinator"], action="spam")
    assert_index_in_step()
    assert found("notary", forum.KIND) == set()


@pytest.fixture
def interleaved(db):
    """Twenty documents of one kind and language among others: which match which word is known."""
    documents = []
    for i in range(20):
        words = ["common"] + (["early"] if i < 3 else []) + (["late"] if i >= 17 else []) + (["even"] if i % 2 else [])
        title = "Rare word" if i in (1, 12) else "Notice"
        documents.append(search.Document(kind="test", key=str(i), language="en", title=title, body=" ".join(words)))
        documents.append(search.Document(kind="test", key=str(i), language="bg", title="Notice", body="common"))
        documents.append(search.Document(kind="other", key=str(i), language="en", title="Notice", body="common rare"))
    search.index_documents(documents)


@pytest.mark.parametrize("query", ["common", "early", "late", "even", "rare", "rare even", "early late", "nothing"])
@pytest.mark.parametrize("language", ["en", None])
def test_searching_the_newest_documents_first_gives_the_same_results_as_one_pass(
    interleaved, monkeypatch, query, language
):
    """PostgreSQL looks among the newest WINDOW documents of the kind and language first; however small the
    window, the results (the newest CANDIDATES + 1 matches, ranked) are the same as with one pass over all."""
    monkeypatch.setattr(search, "CANDIDATES", 4)

    def results(window):
        monkeypatch.setattr(search, "WINDOW", window)
        found = search.search(query, kinds=["test"], language=language, limit=3, fallback=False)
        more = search.search(query, kinds=["test"], language=language, limit=3, offset=3, fallback=False)
        return found.total, [(h.key, h.language) for h in found.hits + more.hits], found.any_word

    one_pass = results(10_000)
    for window in (1, 2, 6, 19):  # × 7 languages when every language is searched
        assert results(window) == one_pass


def test_the_newest_matches_are_the_ones_ranked(interleaved, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 4)
    monkeypatch.setattr(search, "WINDOW", 3)
    results = search.search("rare", kinds=["test"], language="en", fallback=False)
    assert results.total == 2 and {hit.key for hit in results.hits} == {"1", "12"}  # an old match is still found
    results = search.search("common", kinds=["test"], language="en", fallback=False)
    assert results.total == 5 and {hit.key for hit in results.hits} == {"15", "16", "17", "18", "19"}


# PostgreSQL's index holds each lexeme prefixed with its document's kind and language (migration 0005), so a search
# reads only its own scope's postings. What a search finds and how it ranks it must not change with that.
def reference_ranking(words, kind):
    """The documents of `kind` in any language that have every word, best first, ranked as before migration 0005:
    PostgreSQL matches and ranks the vector with every configuration's query, without any prefix; SQLite with
    FTS5's bm25 over the title and body (weights 8 and 1), without its scope tokens."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            backend = search.get_backend()
            configs = sorted({"simple", *map(backend.config_for, search.PG_CONFIGS)})
            expression = " & ".join(f"'{word}':*" for word in words)
            query = " || ".join(["to_tsquery(%s::regconfig, %s)"] * len(configs))
            cursor.execute(
                f"SELECT d.key, ts_rank(m.vector, {query}), d.id FROM knowledge_searchmatch m"  # noqa: S608
                f" JOIN knowledge_searchdocument d ON d.id = m.id WHERE m.vector @@ ({query}) AND m.kind = %s",
                [*[v for c in configs for v in (c, expression)]] * 2 + [kind],
            )
            rows = [(key, -rank, pk) for key, rank, pk in cursor.fetchall()]
        else:
            match = "{title body} : (" + " ".join(f'"{word}"*' for word in words) + ")"
            cursor.execute(
                "SELECT d.key, bm25(knowledge_search_fts, 8.0, 1.0, 0.0), d.id FROM knowledge_search_fts"
                " JOIN knowledge_searchdocument d ON d.id = knowledge_search_fts.rowid"
                " WHERE knowledge_search_fts MATCH %s AND d.kind = %s",
                [match, kind],
            )
            rows = [(key, score, pk) for key, score, pk in cursor.fetchall()]
    return [key for key, _score, _tie in sorted(rows, key=lambda row: (row[1], row[2]))]


@pytest.fixture
def several_languages(db):
    texts = {
        "en": ("Health insurance", "Everyone who works pays health insurance every month."),
        "bg": ("Здравно осигуряване", "Всеки, който работи, плаща здравно осигуряване всеки месец."),
        "ru": ("Медицинское страхование", "Здравно? Нет: медицинское страхование, осигуряване по-болгарски."),
        "uk": ("Медичне страхування", "Страхування здоров'я оплачує роботодавець."),
    }
    documents = []
    for i in range(12):
        for language, (title, body) in texts.items():
            # Some documents have the words in the title, some in the body only, some twice.
            title_here = title if i % 3 == 0 else "Notice"
            documents.append(
                search.Document(kind="test", key=f"{language}{i}", language=language, title=title_here, body=body)
            )
    documents.append(search.Document(kind="other", key="x", language="bg", title="Здравно", body="осигуряване"))
    search.index_documents(documents)


@pytest.mark.parametrize("query", ["здравно осигуряване", "страхование", "страхуван", "осигур", "здравно"])
def test_a_query_in_another_language_finds_and_ranks_through_the_fallback_as_before(several_languages, query):
    results = search.search(query, kinds=["test"], language="en", limit=100)
    assert results.fell_back and not results.any_word
    expected = reference_ranking(search.terms(query), "test")
    assert expected  # the query does find documents, in other languages than English
    assert [hit.key for hit in results.hits] == expected
    assert results.total == len(expected)
    every_language = search.search(query, kinds=["test"], language=None, limit=100)
    assert [(h.key, h.rank) for h in every_language.hits] == [(h.key, h.rank) for h in results.hits]


def test_the_fallback_tries_every_word_then_any_word_in_the_interface_language_before_other_languages(
    several_languages,
):
    # Some of the words in English: the interface's language answers, with some of the words.
    results = search.search("insurance осигуряване", kinds=["test"], language="en", limit=100)
    assert not results.fell_back and results.any_word
    assert {hit.key[:2] for hit in results.hits} == {"en"}
    # None in English, every word in Bulgarian (and Russian): every language, every word.
    results = search.search("здравно осигуряване", kinds=["test"], language="en", limit=100)
    assert results.fell_back and not results.any_word
    assert {hit.key[:2] for hit in results.hits} == {"bg", "ru"}
    # None in English, no document with every word: every language, any word — those with more words first.
    results = search.search("страхування осигуряване zzzqx", kinds=["test"], language="en", limit=100)
    assert results.fell_back and results.any_word
    assert {hit.key[:2] for hit in results.hits} == {"bg", "ru", "uk"}
    # Nowhere at all.
    results = search.search("zzzqx qqqzx", kinds=["test"], language="en")
    assert results.hits == [] and results.total == 0


def test_odd_kinds_long_words_and_split_words_are_indexed_and_found(db):
    long_word = "x" * 2040  # fits a tsvector, not with a prefix: left out of the scoped index only
    search.index_documents(
        [
            search.Document(kind="Help-Desk_2", key="1", language="en", title="Visa", body=f"{long_word} extension"),
            search.Document(kind="Help-Desk_2", key="2", language="bg", title="Виза", body="удължаване"),
            search.Document(kind="test", key="near", language="en", title="Note", body="foo bar"),
            search.Document(kind="test", key="apart", language="en", title="Note", body="bar and then foo"),
        ]
    )
    assert found("extension", "Help-Desk_2") == {"1"}
    assert found("удължаване", "Help-Desk_2", "bg") == {"2"}
    assert {h.key for h in search.search("виза", kinds=["Help-Desk_2"], language="en").hits} == {"2"}
    # PostgreSQL's parser splits "foo½bar" into the phrase foo <-> bar (the words next to each other): the
    # index has no positions, so the documents it finds are checked against the phrase.
    assert "apart" not in found("foo½bar", "test")
    if connection.vendor == "postgresql":
        assert found("foo½bar", "test") == {"near"}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT knowledge_search_scoped(m.vector, m.kind, m.language)::text FROM knowledge_searchmatch m"
                " JOIN knowledge_searchdocument d ON d.id = m.id WHERE d.kind = 'Help-Desk_2' AND d.key = '1'"
            )
            scoped = cursor.fetchone()[0]
            assert f"'{search.scope_prefix('Help-Desk_2', 'en')}extens'" in scoped and long_word not in scoped
            # A document whose prefixed lexemes would pass the 1 MB a tsvector holds keeps what fits.
            cursor.execute(
                "SELECT length(knowledge_search_scoped(array_to_tsvector(ARRAY(SELECT md5(i::text) || md5(i::text)"
                " FROM generate_series(1, 15000) i)), 'question', 'en'))"
            )
            assert 10_000 < cursor.fetchone()[0] < 15_000
