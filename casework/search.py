"""Free-text search over cases: party names, ID numbers, phones, addresses, facts.

Chinese has no spaces, so words cannot be indexed. Each case's text is indexed twice
by SQLite FTS5: by the trigram tokenizer, which finds any substring of three or more
characters, and with every character as its own token, which finds one- and
two-character queries (a surname like 王, a name like 王伟) as phrases. Both indexes
read the text kept in ``search_text`` and follow it by triggers.

A case matches when every word of the query is found in its text. Quotes, brackets
and FTS5 operators typed in a query are never read as FTS5 syntax; a phone or ID
number is found however it is typed (dashes, spaces, a lower-case x).
"""

from __future__ import annotations

import sqlite3
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
_AROUND = "\"'“”‘’()（）[]【】《》<>,，.。;；:：!！?？*^+-、"
# Ends each field in the one-character index: a token no query holds (a private-use
# character, which Python does not count as alphanumeric), so that a phrase never
# runs from one field into the next (a name ending in 王 and the next one starting
# with 伟 are not 王伟).
_FIELD_END = "\ue000"


def national_phone(stored: str) -> str:
    """The number as people dial it at home (0512… or 138…), from its E.164 form."""
    if not stored.startswith("+86"):
        return stored
    national = stored[3:]
    return national if national.startswith("1") else "0" + national


def _compact(field: str) -> str:
    # Spaces typed inside a field (开弦弓村 12 组) are not what people search by.
    return "".join(field.split())


def body(facts: str, claims: str, parties: Iterable[Sequence[str]]) -> str:
    """The searchable text of a case, a field a line, without the spaces typed inside
    fields; ``parties`` as (name, id number, phone, address)."""
    lines = [facts, claims]
    for name, id_number, phone, address in parties:
        lines += [name, id_number, national_phone(phone), address]
    return "\n".join(field for field in map(_compact, lines) if field)


def spaced(text: str) -> str:
    """Every character a token of its own, for the one- and two-character index; each
    line of ``text`` (a field) ends with a mark no query holds."""
    fields = (" ".join(_compact(line)) for line in text.splitlines())
    return f" {_FIELD_END} ".join(field for field in fields if field)


def row(
    case_id: str, facts: str, claims: str, parties: Iterable[Sequence[str]]
) -> tuple[str, str, str]:
    """(case_id, body, spaced) for the search_text table."""
    text = body(facts, claims, parties)
    return case_id, text, spaced(text)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(word: str) -> str:
    # Quotes, brackets or a comma typed around a word are not part of it.
    word = word.removeprefix("+86").strip(_AROUND)
    # A phone typed with dashes is still the same number (the text holds numbers as
    # dialled at home, see national_phone).
    if any(ch.isdigit() for ch in word):
        word = "".join(ch for ch in word if ch not in _SEPARATORS)
    return word


def words(query: str) -> list[str]:
    """The words of a query, each to be found; a number typed in groups (138 1234
    5678, 0512 63981234) is one word."""
    found: list[str] = []
    for word in map(_term, query.split()):
        if word.isdigit() and found and found[-1].isdigit():
            found[-1] += word
        elif word:
            found.append(word)
    return found


def _phrases(query: str) -> list[tuple[str, str]]:
    """For each word of ``query``, the FTS5 table that finds it and the phrase to match;
    every phrase is quoted, so nothing typed is read as FTS5 syntax."""
    found: list[tuple[str, str]] = []
    typed = words(query)
    short = any(len(word) < 3 for word in typed)
    for word in typed:
        # A word of one or two characters needs the one-character index. A longer word
        # is found faster by trigrams, unless that index is asked anyway for a short
        # word: then one MATCH does both, several times faster than asking both
        # indexes. Not so for digits: ten tokens found in every case make slow phrases.
        joins_short = short and not any(ch.isdigit() for ch in word)
        if len(word) >= 3 and not joins_short:
            found.append(("search_trigram", _quoted(word)))
        elif chars := [ch for ch in word if ch.isalnum()]:  # the index drops punctuation
            found.append(("search_unigram", _quoted(" ".join(chars))))
    return found


def _select(table: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?"


def conditions(query: str) -> list[tuple[str, str]]:
    """For each word of ``query``, an SQL condition on ``search_text.id`` and its
    parameter; a case matches when every word is found in its text."""
    return [(f"id IN ({_select(table)})", phrase) for table, phrase in _phrases(query)]


def matching(query: str) -> tuple[str, list[str]] | None:
    """One SELECT of the ids of the ``search_text`` rows that hold every word of
    ``query``, and its parameters; None when the query has no word to look for.

    The words of each index are asked in one MATCH, so FTS5 intersects them itself.
    When both indexes are needed, the rows of one are kept if the other has them too:
    the unary ``+`` stops SQLite from handing that test to FTS5, which would run the
    whole MATCH again for each row (a hundred times slower than INTERSECT, and this
    way is faster still).
    """
    by_table: dict[str, list[str]] = {}
    for table, phrase in _phrases(query):
        by_table.setdefault(table, []).append(phrase)
    if not by_table:
        return None
    first, *other = [_select(table) for table in by_table]
    sql = f"{first} AND +rowid IN ({other[0]})" if other else first
    return sql, [" AND ".join(phrases) for phrases in by_table.values()]


def count(connection: sqlite3.Connection, query: str) -> int:
    """How many cases hold every word of ``query``: read from the indexes alone, as each
    case has exactly one ``search_text`` row."""
    found = matching(query)
    if found is None:  # nothing to look for: every case
        return int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])
    sql, params = found
    return int(connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
