"""Full-text search behind one small interface, shared by the knowledge base and the forum.

    from integra.knowledge import search
    search.index_documents([search.Document(kind="question", key="42", language="fa", title=…, body=…)])
    search.remove_documents(kind="question", keys=["42"])
    results = search.search("health insurance", kinds=["article"], language="en")
    for hit in results.hits: hit.kind, hit.key, hit.language, hit.title_html, hit.snippet_html

Documents live in the SearchDocument table; the database keeps its own index in step with it
(SQLite: an FTS5 table with triggers, migrations 0002-0003; PostgreSQL: a narrow matching table of id, kind,
language and tsvector, written by a trigger, migration 0004, with a GIN index of its lexemes prefixed by kind and
language, 0005). The backend is chosen by the database vendor. "Every language" is every language of
settings.LANGUAGES on PostgreSQL (documents' languages come from those choices). Callers index plain text only
what the public may see, and map hits back to their objects by (kind, key).

Any query is safe: words are extracted with a regular expression (at most MAX_TERMS, each cut to
MAX_TERM_LENGTH), so FTS5 and tsquery syntax typed by a visitor is never interpreted; a query with
no words answers with no hits. Highlighting wraps matches in <mark>; all other text is escaped.
"""

from __future__ import annotations

import html
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from integra.knowledge.models import SearchDocument

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
CANDIDATES = 1000  # matches ranked per query: the newest; `total` counts up to CANDIDATES + 1
WINDOW = 4 * CANDIDATES  # PostgreSQL: the newest documents of a kind and language searched first (× languages
# when every language is searched, so that a word of one language finds as many matches there)
MIN_PREFIX_LENGTH = 3  # shorter words match whole words only ("i" must not match every word starting with i)
START, STOP = "\x02", "\x03"  # match markers, removed from indexed text and replaced after escaping
_WORD = re.compile(r"[^\W_]+")
_MARKERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_ASCII_ALNUM = re.compile("[^a-zA-Z0-9]")
# A lexeme in a tsquery's text (quoted; the words of a query are letters and digits, so never a quote inside).
_TSQUERY_LEXEME = "'([^']*)'"

# PostgreSQL text search configurations: a stemmer where PostgreSQL has one, else 'simple'.
PG_CONFIGS = {"en": "english", "ru": "russian", "tr": "turkish", "ar": "arabic"}


@dataclass(frozen=True)
class Document:
    kind: str
    key: str
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    language: str
    title_html: SafeString
    snippet_html: SafeString
    rank: float


@dataclass
class Results:
    query: str
    terms: list[str]
    language: str | None
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    fell_back: bool = False  # nothing in the visitor's language, so every language was searched
    any_word: bool = False  # nothing had every word, so these results have some of them

    @property
    def is_empty_query(self) -> bool:
        return not self.terms


def terms(query: str | None) -> list[str]:
    """The words of a query, lower-cased, without any search syntax."""
    words = _WORD.findall((query or "")[:2000].lower())
    return [word[:MAX_TERM_LENGTH] for word in words[:MAX_TERMS]]


def _clean(text: str) -> str:
    return _MARKERS.sub(" ", text or "")


def _marked(text: str) -> SafeString:
    escaped = html.escape(text or "", quote=True)
    escaped = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    # A snippet cut in the middle of a match leaves a marker unbalanced: close it.
    if escaped.count("<mark>") > escaped.count("</mark>"):
        escaped += "</mark>"
    return mark_safe(escaped)  # noqa: S308 - everything but the <mark> tags is escaped just above


class SearchBackend(ABC):
    vendor = "generic"

    def config_for(self, language: str) -> str:
        return "simple"

    @abstractmethod
    def search(
        self, words: list[str], kinds: Sequence[str], language: str | None, limit: int, offset: int, every: bool
    ):
        """(hits, total) for documents containing every word (or, with every=False, any word)."""


def scope_prefix(kind: str, language: str) -> str:
    """What PostgreSQL's scoped index puts before a document's lexemes: migration 0005 makes the same in SQL."""
    return f"{_NOT_ASCII_ALNUM.sub('', kind).lower()}.{_NOT_ASCII_ALNUM.sub('', language).lower()}:"


def scope_token(kind: str, language: str | None = None) -> str:
    """The token the SQLite index holds for a kind (and language): migration 0003 makes the same in SQL."""
    token = "k" + re.sub(r"[-_]", "", kind.lower())
    return f"{token}x{language.lower()}" if language else token


class SqliteBackend(SearchBackend):
    """FTS5. Kind and language are tokens of the index's `scope` column, so one MATCH finds the documents
    of the kind and language that have the words, newest first, inside the full-text index: no join per
    match (migration 0003). Rows, highlights and snippets are fetched for the page of results only."""

    vendor = "sqlite"

    def search(self, words, kinds, language, limit, offset, every):
        phrases = (" " if every else " OR ").join(
            f'"{word}"*' if len(word) >= MIN_PREFIX_LENGTH else f'"{word}"' for word in words
        )
        scopes = " OR ".join(f'"{scope_token(kind, language)}"' for kind in kinds)
        # The visitor's words are looked for in the title and body only, never among the scope tokens.
        match = f"{{title body}} : ({phrases}) AND scope : ({scopes})"
        with connection.cursor() as cursor:
            # The newest CANDIDATES matches (FTS5 walks its index by rowid, newest first, and stops there),
            # ranked here; no COUNT(*) and no ranking of every match.
            cursor.execute(
                "SELECT rowid, bm25(knowledge_search_fts, 8.0, 1.0, 0.0) FROM knowledge_search_fts"
                " WHERE knowledge_search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
                [match, CANDIDATES + 1],
            )
            candidates = cursor.fetchall()
            if not candidates:
                return [], 0
            page = sorted(candidates, key=lambda row: (row[1], row[0]))[offset : offset + limit]
            found = {}
            if page:
                ids = [row[0] for row in page]
                placeholders = ",".join(["%s"] * len(ids))
                cursor.execute(
                    "SELECT d.id, d.kind, d.key, d.language,"  # noqa: S608 - placeholders only
                    " highlight(knowledge_search_fts, 0, char(2), char(3)),"
                    " snippet(knowledge_search_fts, 1, char(2), char(3), '…', 30)"
                    " FROM knowledge_search_fts CROSS JOIN knowledge_searchdocument d"
                    " ON d.id = knowledge_search_fts.rowid"
                    # A rowid range FTS5 walks once, then the page's ids as a plain filter ("+": not handed
                    # to FTS5, which would run the whole MATCH again for each id of an IN list).
                    " WHERE knowledge_search_fts MATCH %s AND knowledge_search_fts.rowid BETWEEN %s AND %s"
                    f" AND +knowledge_search_fts.rowid IN ({placeholders})",
                    [match, min(ids), max(ids), *ids],
                )
                found = {row[0]: row[1:] for row in cursor.fetchall()}
        hits = []
        for pk, score in page:
            if pk in found:
                kind, key, lang, title, snippet = found[pk]
                hits.append(Hit(kind, key, lang, _marked(title), _marked(snippet), -score))
        return hits, len(candidates)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    _available: frozenset[str] | None = None

    def available(self) -> frozenset[str]:
        if PostgresBackend._available is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT cfgname FROM pg_ts_config")
                PostgresBackend._available = frozenset(row[0] for row in cursor.fetchall())
        return PostgresBackend._available

    def config_for(self, language: str) -> str:
        config = PG_CONFIGS.get(language, "simple")
        return config if config in self.available() else "simple"

    def search(self, words, kinds, language, limit, offset, every):
        expression = (" & " if every else " | ").join(
            f"'{word}':*" if len(word) >= MIN_PREFIX_LENGTH else f"'{word}'" for word in words
        )
        configs = [self.config_for(language)] if language else sorted({"simple", *map(self.config_for, PG_CONFIGS)})
        query_sql = " || ".join(["to_tsquery(%s::regconfig, %s)"] * len(configs))
        query_params: list = [value for config in configs for value in (config, expression)]
        # Every configuration's query, ORed: ranked (and highlighted) with all of them, as before; matched with
        # each distinct one once (for a word of one alphabet most configurations make the same query, and the
        # index evaluates the whole query for each document it finds: half the time for a fallback search).
        tsqueries = "ARRAY[" + ", ".join(["to_tsquery(%s::regconfig, %s)"] * len(configs)) + "]"
        ranked = " || ".join(f"a.queries[{i}]" for i in range(1, len(configs) + 1))
        matched = (
            "a.queries[1]"
            if len(configs) == 1
            else "coalesce((SELECT string_agg(DISTINCT '(' || t::text || ')', ' | ') FROM unnest(a.queries) t"
            " WHERE numnode(t) > 0), '')::tsquery"
        )
        # The same query with its lexemes prefixed by each scope searched, for the scoped index (migration 0005):
        # the index reads only the postings of these kinds and languages.
        languages = [language] if language else [code for code, _name in settings.LANGUAGES]
        prefixes = sorted({scope_prefix(kind, code) for kind in kinds for code in languages})
        scoped_sql = " || ".join(["regexp_replace(r.text, %s, %s, 'g')::tsquery"] * len(prefixes))
        scoped_params: list = [value for prefix in prefixes for value in (_TSQUERY_LEXEME, f"'{prefix}\\1'")]
        scope = "m.kind IN (" + ",".join(["%s"] * len(kinds)) + ")" + (" AND m.language = %s" if language else "")
        scope_params: list = [*kinds, *([language] if language else [])]
        n, window = CANDIDATES + 1, WINDOW if language else WINDOW * len(settings.LANGUAGES)
        options = "StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', "
        with connection.cursor() as cursor:
            # One statement. Matching and ordering read only the narrow table (id, kind, language, vector;
            # migration 0004), ids only, through the index of lexemes prefixed with their kind and language
            # (0005). The index answers exactly, except for a phrase (a word the parser splits in several, rare):
            # it has no positions, so it is asked for the phrase's words anywhere (<-> becomes &), and
            # `vector @@ match` checks the phrase on each document found. The newest
            # CANDIDATES + 1 matches are looked for first among the newest WINDOW documents of the kind and
            # language (`bound`: the oldest of them, 0 when there are fewer), and among the older ones only when
            # the window had too few — the same matches as one pass over everything, but a common word reads
            # ~WINDOW rows, not one heap page per match. Only those candidates are ranked.
            matches = (
                "SELECT m.id FROM knowledge_searchmatch m, q, s WHERE"  # noqa: S608 - placeholders only
                " knowledge_search_scoped(m.vector, m.kind, m.language) @@ s.query"
                f" AND (q.plain OR m.vector @@ q.match) AND {scope}"
            )
            cursor.execute(
                f"WITH q AS (SELECT query, match, strpos(match::text, '<') = 0 AS plain FROM (SELECT {ranked} AS query,"  # noqa: S608
                f" {matched} AS match FROM (SELECT {tsqueries} AS queries) a) b), "
                f"s AS (SELECT ({scoped_sql}) AS query FROM"
                " (SELECT regexp_replace(q.match::text, '<[0-9-]+>', '&', 'g') AS text FROM q) r), "
                "bound AS (SELECT coalesce((SELECT m.id FROM knowledge_searchmatch m"
                f" WHERE {scope} ORDER BY m.id DESC OFFSET %s LIMIT 1), 0) AS id), "
                f"newest AS MATERIALIZED ({matches} AND m.id >= (SELECT id FROM bound) ORDER BY m.id DESC LIMIT %s), "
                f"older AS MATERIALIZED ({matches} AND m.id < (SELECT id FROM bound)"
                " AND (SELECT id FROM bound) > 0 AND (SELECT count(*) FROM newest) < %s ORDER BY m.id DESC LIMIT %s), "
                "c AS (SELECT id FROM newest UNION ALL SELECT id FROM older ORDER BY id DESC LIMIT %s) "
                "SELECT m.id, ts_rank(m.vector, q.query) FROM c JOIN knowledge_searchmatch m ON m.id = c.id, q",
                [*query_params, *scoped_params, *scope_params, window - 1] + [*scope_params, n, *scope_params, n, n, n],
            )
            candidates = cursor.fetchall()
            if not candidates:
                return [], 0
            page = sorted(candidates, key=lambda row: (-row[1], row[0]))[offset : offset + limit]
            rows = []
            if page:
                ranks = {pk: rank for pk, rank in page}
                cursor.execute(
                    f"WITH q AS (SELECT ({query_sql}) AS query) "  # noqa: S608 - no user text
                    "SELECT f.id, f.kind, f.key, f.language,"
                    f" ts_headline(f.config::regconfig, f.title, q.query, '{options}HighlightAll=true'),"
                    f" ts_headline(f.config::regconfig, f.body, q.query,"
                    f" '{options}MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"')"
                    " FROM knowledge_searchdocument f, q WHERE f.id = ANY(%s)",
                    [*query_params, list(ranks)],
                )
                by_id = {row[0]: row for row in cursor.fetchall()}
                rows = [(*by_id[pk][1:], ranks[pk]) for pk, _rank in page if pk in by_id]
        return [Hit(k, key, lang, _marked(t), _marked(s), rank) for k, key, lang, t, s, rank in rows], len(candidates)


class LikeBackend(SearchBackend):
    """Any other database: every word as a case-insensitive substring (slow, but it answers)."""

    def search(self, words, kinds, language, limit, offset, every):
        from django.db.models import Q

        documents = SearchDocument.objects.filter(kind__in=kinds)
        if language:
            documents = documents.filter(language=language)
        conditions = [Q(title__icontains=word) | Q(body__icontains=word) for word in words]
        if every:
            for condition in conditions:
                documents = documents.filter(condition)
        else:
            any_word = Q()
            for condition in conditions:
                any_word |= condition
            documents = documents.filter(any_word)
        total = documents.count()
        hits = [
            Hit(d.kind, d.key, d.language, _marked(d.title), _marked(d.body[:240]), 0.0)
            for d in documents.order_by("id")[offset : offset + limit]
        ]
        return hits, total


def get_backend() -> SearchBackend:
    if connection.vendor == "sqlite":
        return SqliteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return LikeBackend()


@transaction.atomic
def index_documents(documents: Iterable[Document]) -> None:
    """Add or replace documents (same kind, key and language replaces)."""
    backend = get_backend()
    for document in documents:
        SearchDocument.objects.update_or_create(
            kind=document.kind,
            key=str(document.key),
            language=document.language,
            defaults={
                "title": _clean(document.title),
                "body": _clean(document.body),
                "config": backend.config_for(document.language),
            },
        )


def index_document(document: Document) -> None:
    index_documents([document])


@transaction.atomic
def remove_documents(*, kind: str, keys: Iterable[str], language: str | None = None) -> None:
    documents = SearchDocument.objects.filter(kind=kind, key__in=[str(key) for key in keys])
    if language:
        documents = documents.filter(language=language)
    documents.delete()


def search(
    query: str | None,
    *,
    kinds: Sequence[str],
    language: str | None = None,
    fallback: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Documents of the given kinds in `language`; with no hit there, in every language (fell_back).

    Documents with every word come first; when none has them all, documents with any of the words
    (a visitor's question such as "how do I renew my permit" still finds the article on permits).
    """
    words = terms(query)
    results = Results(query=query or "", terms=words, language=language)
    if not words or not kinds:
        return results
    backend = get_backend()
    limit, offset = max(1, min(limit, 100)), max(0, min(offset, 10_000))
    attempts = [(language, True), (language, False)] if len(words) > 1 else [(language, True)]
    if language and fallback:
        attempts += [(None, every) for _language, every in attempts]
    for attempt_language, every in attempts:
        results.hits, results.total = backend.search(words, list(kinds), attempt_language, limit, offset, every)
        if results.total:
            results.fell_back = attempt_language != language
            results.any_word = not every
            break
    return results
