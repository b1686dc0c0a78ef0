"""A narrow matching table for PostgreSQL search (issue 16 item 3).

knowledge_searchmatch holds, for every search document, only what matching and ordering need: the document's
id, kind and language and its tsvector (weighted title A, body B, as 0002 made it). Its GIN index has no
pending list (fastupdate off: every search would otherwise read the whole list, ~400 pages after a bulk
fill), and two btree indexes, (kind, language, id) and (kind, id), let a search take the newest documents of
a kind (and language) first. A trigger on knowledge_searchdocument keeps it in step on insert, update, delete
and truncate, whatever code writes the documents; the vector column, its trigger and its GIN index leave the
wide table (title and body stay there, read only for the page of results' highlights).
The backfill copies the existing vectors. SQLite is unchanged: its FTS5 index is already narrow (0003).
"""

from importlib import import_module

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector({row}.config::regconfig, coalesce({row}.title, '')), 'A')"
    " || setweight(to_tsvector({row}.config::regconfig, coalesce({row}.body, '')), 'B')"
)

POSTGRES_FORWARD = [
    "CREATE TABLE knowledge_searchmatch (id bigint PRIMARY KEY, kind varchar(32) NOT NULL,"
    " language varchar(8) NOT NULL, vector tsvector NOT NULL)",
    "INSERT INTO knowledge_searchmatch (id, kind, language, vector)"
    f" SELECT d.id, d.kind, d.language, coalesce(d.vector, {VECTOR.format(row='d')}) FROM knowledge_searchdocument d",
    "CREATE INDEX knowledge_searchmatch_vector ON knowledge_searchmatch USING GIN (vector) WITH (fastupdate = off)",
    "CREATE INDEX knowledge_searchmatch_kind_language_id ON knowledge_searchmatch (kind, language, id)",
    "CREATE INDEX knowledge_searchmatch_kind_id ON knowledge_searchmatch (kind, id)",
    f"""CREATE FUNCTION knowledge_search_match() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM knowledge_searchmatch WHERE id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.id, NEW.kind, NEW.language, NEW.config, NEW.title, NEW.body)
      IS NOT DISTINCT FROM (OLD.id, OLD.kind, OLD.language, OLD.config, OLD.title, OLD.body) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
    DELETE FROM knowledge_searchmatch WHERE id = OLD.id;
  END IF;
  INSERT INTO knowledge_searchmatch (id, kind, language, vector)
  VALUES (NEW.id, NEW.kind, NEW.language, {VECTOR.format(row="NEW")})
  ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, language = EXCLUDED.language, vector = EXCLUDED.vector;
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
    "CREATE TRIGGER knowledge_search_match_write AFTER INSERT OR UPDATE OR DELETE ON knowledge_searchdocument"
    " FOR EACH ROW EXECUTE FUNCTION knowledge_search_match()",
    """CREATE FUNCTION knowledge_search_match_truncate() RETURNS trigger AS $$
BEGIN
  TRUNCATE knowledge_searchmatch;
  RETURN NULL;
END
$$ LANGUAGE plpgsql""",
    "CREATE TRIGGER knowledge_search_match_truncate AFTER TRUNCATE ON knowledge_searchdocument"
    " FOR EACH STATEMENT EXECUTE FUNCTION knowledge_search_match_truncate()",
    "DROP TRIGGER IF EXISTS knowledge_search_vector_update ON knowledge_searchdocument",
    "DROP FUNCTION IF EXISTS knowledge_search_vector()",
    "DROP INDEX IF EXISTS knowledge_search_vector_gin",
    "ALTER TABLE knowledge_searchdocument DROP COLUMN IF EXISTS vector",
]
# Back to 0002's vector column on the wide table: drop the narrow table, then run 0002's statements again.
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_search_match_truncate ON knowledge_searchdocument",
    "DROP TRIGGER IF EXISTS knowledge_search_match_write ON knowledge_searchdocument",
    "DROP FUNCTION IF EXISTS knowledge_search_match_truncate()",
    "DROP FUNCTION IF EXISTS knowledge_search_match()",
    "DROP TABLE IF EXISTS knowledge_searchmatch",
    *import_module("integra.knowledge.migrations.0002_search_index").POSTGRES_FORWARD,
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_search_scope")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
