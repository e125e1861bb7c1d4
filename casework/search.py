"""Free-text search over cases: party names, ID numbers, phones, addresses, facts.

Chinese has no spaces, so words cannot be indexed. Each case's text is indexed twice
by SQLite FTS5: by the trigram tokenizer, which finds any substring of three or more
characters, and with every character as its own token, which finds one- and
two-character queries (a surname like 王, a name like 王伟) as phrases. Both indexes
read the text kept in ``search_text`` and follow it by triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

SCHEMA = (
    "CREATE VIRTUAL TABLE search_trigram USING fts5("
    "body, content='search_text', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE search_unigram USING fts5("
    "spaced, content='search_text', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_text_added AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_trigram (rowid, body) VALUES (new.id, new.body); "
    "INSERT INTO search_unigram (rowid, spaced) VALUES (new.id, new.spaced); END",
    "CREATE TRIGGER search_text_removed AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_trigram (search_trigram, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_unigram (search_unigram, rowid, spaced) "
    "VALUES ('delete', old.id, old.spaced); END",
    "CREATE TRIGGER search_text_changed AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_trigram (search_trigram, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_unigram (search_unigram, rowid, spaced) "
    "VALUES ('delete', old.id, old.spaced); "
    "INSERT INTO search_trigram (rowid, body) VALUES (new.id, new.body); "
    "INSERT INTO search_unigram (rowid, spaced) VALUES (new.id, new.spaced); END",
)
TEARDOWN = (
    "DROP TRIGGER search_text_changed",
    "DROP TRIGGER search_text_removed",
    "DROP TRIGGER search_text_added",
    "DROP TABLE search_unigram",
    "DROP TABLE search_trigram",
)
# Names of the FTS5 tables and the shadow tables SQLite makes for them.
TABLE_PREFIXES = ("search_trigram", "search_unigram")
_SEPARATORS = " -()（）"


def national_phone(stored: str) -> str:
    """The number as people dial it at home (0512… or 138…), from its E.164 form."""
    if not stored.startswith("+86"):
        return stored
    national = stored[3:]
    return national if national.startswith("1") else "0" + national


def body(facts: str, claims: str, parties: Iterable[Sequence[str]]) -> str:
    """The searchable text of a case; ``parties`` as (name, id number, phone, address)."""
    lines = [facts, claims]
    for name, id_number, phone, address in parties:
        lines += [name, id_number, national_phone(phone), address]
    return "\n".join(line for line in lines if line)


def spaced(text: str) -> str:
    """Every character a token of its own, for the one- and two-character index."""
    return " ".join(ch for ch in text if not ch.isspace())


def row(
    case_id: str, facts: str, claims: str, parties: Iterable[Sequence[str]]
) -> tuple[str, str, str]:
    """(case_id, body, spaced) for the search_text table."""
    text = body(facts, claims, parties)
    return case_id, text, spaced(text)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(word: str) -> str:
    # A phone typed with dashes or spaces is still the same number.
    if any(ch.isdigit() for ch in word):
        word = "".join(ch for ch in word if ch not in _SEPARATORS)
    return word


def conditions(query: str) -> list[tuple[str, str]]:
    """For each word of ``query``, an SQL condition on ``search_text.id`` and its
    parameter; a case matches when every word is found in its text."""
    found: list[tuple[str, str]] = []
    for word in (_term(w) for w in query.split()):
        if len(word) >= 3:
            found.append(
                ("id IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?)",
                 _quoted(word))
            )  # fmt: skip
        elif chars := [ch for ch in word if ch.isalnum()]:  # the index drops punctuation
            found.append(
                ("id IN (SELECT rowid FROM search_unigram WHERE search_unigram MATCH ?)",
                 _quoted(" ".join(chars)))
            )  # fmt: skip
    return found
