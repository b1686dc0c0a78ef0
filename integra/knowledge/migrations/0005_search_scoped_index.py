"""Kind and language inside PostgreSQL's full-text index (issue 16 item 3, the fallback to every language).

0004's GIN index on knowledge_searchmatch.vector holds each lexeme once for every document, whatever its kind
and language, so a search in one kind and language still reads, for each word (a prefix: 'insur':*), the
postings of every kind and language, and drops the others only afterwards. A query typed in another language
than the interface's paid that in full for nothing, once or twice, before falling back to every language.

This index replaces it: it holds each lexeme prefixed with its document's scope, "<kind>.<language>:"
('benchforum.en:insur'; kind and language keep their ASCII letters and digits, lower-cased;
search.scope_prefix makes the same in Python), so a search reads only its own kind and language's postings, and
a word that none of them has costs one look-up. It is an expression index: the table and its trigger are
unchanged, and `vector` keeps the lexemes with their positions and weights for ts_rank and for the exact
match. Only the lexemes go in the index (positions are not indexed anyway).

A lexeme that the prefix would make too long for a tsvector (2,047 bytes) is left out, and so are the
alphabetically last lexemes of a document whose prefixed lexemes would pass the 1 MB a tsvector holds: no
document that can be stored fails to be indexed. SQLite is unchanged (its FTS5 index has had scope tokens since
0003).
"""

from django.db import migrations

SCOPED = """CREATE FUNCTION knowledge_search_scoped(vector tsvector, kind text, language text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  prefix text := lower(regexp_replace(kind, '[^a-zA-Z0-9]', '', 'g')) || '.'
    || lower(regexp_replace(language, '[^a-zA-Z0-9]', '', 'g')) || ':';
  lexemes text[] := ARRAY(SELECT prefix || lexeme FROM unnest(tsvector_to_array(vector)) AS lexeme
    WHERE octet_length(prefix) + octet_length(lexeme) < 2047);
BEGIN
  IF octet_length(array_to_string(lexemes, '')) >= 1000000 THEN
    lexemes := ARRAY(SELECT capped.lexeme FROM (SELECT lexeme, sum(octet_length(lexeme)) OVER (ORDER BY n) AS size
      FROM unnest(lexemes) WITH ORDINALITY AS t(lexeme, n)) AS capped WHERE capped.size < 1000000);
  END IF;
  RETURN array_to_tsvector(lexemes);
END
$$"""

POSTGRES_FORWARD = [
    SCOPED,
    "CREATE INDEX knowledge_searchmatch_scoped ON knowledge_searchmatch"
    " USING GIN (knowledge_search_scoped(vector, kind, language)) WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS knowledge_searchmatch_vector",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS knowledge_searchmatch_vector ON knowledge_searchmatch"
    " USING GIN (vector) WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS knowledge_searchmatch_scoped",
    "DROP FUNCTION IF EXISTS knowledge_search_scoped(tsvector, text, text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_search_match_table")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
