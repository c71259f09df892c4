"""Full-text matching and ranking on each database, behind one interface.

Both backends index the analyzer's own terms (`analysis.document_tokens`),
never the raw text, and receive a query as a list of `Term`s: every term
must match, by any of its alternatives. A backend only ranks: `ranked()`
returns the best-scoring index rows of one language, and
`query.visible_documents()` then keeps those the public may see now.
"""

from contextlib import contextmanager
from itertools import combinations

from django.db import connection

# Headline above the speaker, programme and organisation names, both above the body.
HEADLINE_WEIGHT, ENTITY_WEIGHT, BODY_WEIGHT = 8.0, 3.0, 1.0


class Backend:
    AND = OR = None

    def quote(self, token):
        raise NotImplementedError

    def expression(self, terms, *, all_but_one=False):
        """Every term, or with `all_but_one` every term but any one; a term by any of its alternatives."""
        if all_but_one and len(terms) > 1:
            subsets = combinations(terms, len(terms) - 1)
            return self.OR.join(f"({self.expression(list(subset))})" for subset in subsets)
        return self.AND.join(
            "(" + self.OR.join(
                "(" + self.AND.join(self.quote(_safe(token)) for token in tokens) + ")" for tokens in term.alternatives
            ) + ")"
            for term in terms
        )

    @contextmanager
    def bulk_load(self):
        """Around a full rebuild: whatever makes writing every row at once fast, and reading it after."""
        yield

    def ranked(self, terms, *, language, limit, window, now, all_but_one=False):
        """([(document id, score)] best first, up to `limit`; whether more rows match than `window`).

        Only the newest `window` matching rows that are public by their own
        dates are ranked, so a word that half the archive contains costs no
        more than a rare one; the caller widens the window when it needs to.
        """
        expression = self.expression(terms, all_but_one=all_but_one)
        with connection.cursor() as cursor:
            # One row past the window says whether it was full.
            cursor.execute(self.SQL, self.parameters(expression, language, now, window + 1) + [limit])
            rows = cursor.fetchall()
        more = bool(rows) and rows[0][2] > window
        return [(pk, score) for pk, score, _count in rows], more


def _safe(token):
    # Terms are letters and digits by construction; this keeps it so whatever changes upstream.
    return "".join(char for char in token if char.isalnum())


class SQLiteBackend(Backend):
    """FTS5 over the analyzer's terms, ranked by bm25 with per-column weights."""

    AND, OR = " AND ", " OR "
    SQL = (
        "SELECT id, score, total FROM (SELECT id, score, COUNT(*) OVER () AS total FROM ("
        "SELECT f.rowid AS id, -bm25(releases_search_fts, %s, %s, %s, 0) AS score "
        "FROM releases_search_fts f JOIN releases_searchdocument d ON d.id = f.rowid "
        "WHERE releases_search_fts MATCH %%s AND d.public_from <= %%s "
        "AND (d.public_until IS NULL OR d.public_until > %%s) ORDER BY f.rowid DESC LIMIT %%s)) "
        "ORDER BY score DESC, id DESC LIMIT %%s"
    ) % (HEADLINE_WEIGHT, ENTITY_WEIGHT, BODY_WEIGHT)

    def quote(self, token):
        return f'"{token}"'

    @contextmanager
    def bulk_load(self):
        yield
        with connection.cursor() as cursor:
            # Merge the index's segments, as after any large load.
            cursor.execute("INSERT INTO releases_search_fts(releases_search_fts) VALUES ('optimize')")

    def parameters(self, expression, language, now, window):
        return [f'({expression}) AND language:"{_safe(language)}"', now, now, window]


class PostgreSQLBackend(Backend):
    """A generated tsvector (the `simple` configuration over our terms), a GIN index and ts_rank_cd.

    The vector also holds the lexeme `@<language>` (migration 0011), so that the
    GIN index alone narrows a search to one language: a word that is common in
    English but absent from the Arabic costs nothing in an Arabic search.

    PostgreSQL's planner can't know how many rows of one language match, and
    guesses badly both ways, so `ranked()` chooses itself: it first counts the
    matches through the GIN index, and stops after `window + 1` (`PROBE_SQL`,
    which reads no vector and ranks nothing). When they are fewer (a rare word),
    they are all ranked from the index (`SPARSE_SQL`). When there are more (a
    common word), reading the newest rows by id and testing each is cheaper, as
    in `SQL`.
    """

    AND, OR = " & ", " | "
    # ts_rank_cd's weights are listed D, C, B, A; the headline is A, names B, the body D.
    WEIGHTS = "{%s, 0, %s, %s}" % (BODY_WEIGHT / HEADLINE_WEIGHT, ENTITY_WEIGHT / HEADLINE_WEIGHT, 1.0)
    # The language is in the vector ('@ar'), so the GIN index alone narrows it: a test of the
    # language column would only make the planner AND in a scan of every row of that language.
    MATCH = ("vector @@ (to_tsquery('simple', %s) && %s::tsquery) AND public_from <= %s "
             "AND (public_until IS NULL OR public_until > %s)")
    # How many rows match, counted no further than the window: reads no vector, ranks nothing.
    PROBE_SQL = f"SELECT count(*) FROM (SELECT 1 FROM releases_searchdocument WHERE {MATCH} LIMIT %s) probe"
    # Many matches: the newest rows first (the planner usually reads them backwards by id, testing each).
    SQL = (
        "SELECT id, ts_rank_cd(%s, vector, query, 1) AS score, COUNT(*) OVER () AS total FROM ("
        "SELECT id, vector, query FROM releases_searchdocument, to_tsquery('simple', %s) query "
        "WHERE language = %s AND vector @@ query AND public_from <= %s "
        "AND (public_until IS NULL OR public_until > %s) ORDER BY id DESC LIMIT %s) w "
        "ORDER BY score DESC, id DESC LIMIT %s"
    )
    # A materialised CTE is read lazily through the index: LIMIT stops it after window + 1 matches.
    SPARSE_SQL = (
        f"WITH matches AS MATERIALIZED (SELECT id, vector FROM releases_searchdocument WHERE {MATCH}) "
        "SELECT id, ts_rank_cd(%s, vector, to_tsquery('simple', %s), 1) AS score, COUNT(*) OVER () AS total "
        "FROM (SELECT id, vector FROM matches LIMIT %s) w ORDER BY score DESC, id DESC LIMIT %s"
    )

    def ranked(self, terms, *, language, limit, window, now, all_but_one=False):
        expression = self.expression(terms, all_but_one=all_but_one)
        match = [expression, f"'@{_safe(language)}'", now, now]
        with connection.cursor() as cursor:
            cursor.execute(self.PROBE_SQL, match + [window + 1])
            if cursor.fetchone()[0] > window:
                cursor.execute(self.SQL, [self.WEIGHTS, expression, language, now, now, window + 1, limit])
            else:
                cursor.execute(self.SPARSE_SQL, match + [self.WEIGHTS, expression, window + 1, limit])
            rows = cursor.fetchall()
        more = bool(rows) and rows[0][2] > window
        return [(pk, score) for pk, score, _count in rows], more

    def quote(self, token):
        return f"'{token}'"

    @contextmanager
    def bulk_load(self):
        # A GIN index is much faster built once than updated row by row; searches in the meantime
        # are slower, never wrong. The index is made again even if the rebuild fails. Inside a
        # transaction (a test, a caller's atomic block) the index can't be rebuilt, and isn't.
        if connection.in_atomic_block:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS releases_searchdocument_vector")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("CREATE INDEX IF NOT EXISTS releases_searchdocument_vector "
                               "ON releases_searchdocument USING gin (vector)")
                cursor.execute("ANALYZE releases_searchdocument")



BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}


def backend():
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {connection.vendor}.") from None
