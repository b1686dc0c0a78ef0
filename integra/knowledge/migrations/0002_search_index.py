"""The full-text index beside knowledge_searchdocument, kept in step by the database itself.

SQLite: an FTS5 table with external content and three triggers. PostgreSQL: a tsvector column
set by a trigger from the row's text search configuration, with a GIN index.
(If a later migration makes SQLite rebuild knowledge_searchdocument, recreate the triggers.)
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE knowledge_search_fts USING fts5(title, body, content='knowledge_searchdocument',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER knowledge_search_ai AFTER INSERT ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER knowledge_search_ad AFTER DELETE ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER knowledge_search_au AFTER UPDATE ON knowledge_searchdocument BEGIN"
    " INSERT INTO knowledge_search_fts(knowledge_search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO knowledge_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO knowledge_search_fts(knowledge_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_search_ai",
    "DROP TRIGGER IF EXISTS knowledge_search_ad",
    "DROP TRIGGER IF EXISTS knowledge_search_au",
    "DROP TABLE IF EXISTS knowledge_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE knowledge_searchdocument ADD COLUMN vector tsvector",
    """CREATE FUNCTION knowledge_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.vector := setweight(to_tsvector(NEW.config::regconfig, coalesce(NEW.title, '')), 'A')
             || setweight(to_tsvector(NEW.config::regconfig, coalesce(NEW.body, '')), 'B');
  RETURN NEW;
END
$$ LANGUAGE plpgsql""",
    "CREATE TRIGGER knowledge_search_vector_update BEFORE INSERT OR UPDATE ON knowledge_searchdocument"
    " FOR EACH ROW EXECUTE FUNCTION knowledge_search_vector()",
    "UPDATE knowledge_searchdocument SET title = title",
    "CREATE INDEX knowledge_search_vector_gin ON knowledge_searchdocument USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS knowledge_search_vector_gin",
    "DROP TRIGGER IF EXISTS knowledge_search_vector_update ON knowledge_searchdocument",
    "DROP FUNCTION IF EXISTS knowledge_search_vector()",
    "ALTER TABLE knowledge_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
