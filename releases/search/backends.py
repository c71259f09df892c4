"""Full-text matching and ranking on each database, behind one interface.

Both backends index the analyzer's own terms (`analysis.document_tokens`),
never the raw text, and receive a query as a list of `Term`s: every term
must match, by any of its alternatives. A backend only ranks: `ranked()`
returns the best-scoring index rows of one language, and
`query.visible_documents()` then keeps those the public may see now.
"""

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

    def ranked(self, terms, *, language, limit, all_but_one=False):
        """[(document id, score)] of up to `limit` rows in `language` that match, best first."""
        with connection.cursor() as cursor:
            cursor.execute(self.SQL, self.parameters(self.expression(terms, all_but_one=all_but_one), language, limit))
            return cursor.fetchall()


def _safe(token):
    # Terms are letters and digits by construction; this keeps it so whatever changes upstream.
    return "".join(char for char in token if char.isalnum())


class SQLiteBackend(Backend):
    """FTS5 over the analyzer's terms, ranked by bm25 with per-column weights."""

    AND, OR = " AND ", " OR "
    SQL = (
        f"SELECT rowid, -bm25(releases_search_fts, {HEADLINE_WEIGHT}, {ENTITY_WEIGHT}, {BODY_WEIGHT}, 0) AS score "
        "FROM releases_search_fts WHERE releases_search_fts MATCH %s ORDER BY score DESC LIMIT %s"
    )

    def quote(self, token):
        return f'"{token}"'

    def parameters(self, expression, language, limit):
        return [f'({expression}) AND language:"{_safe(language)}"', limit]


class PostgreSQLBackend(Backend):
    """A generated tsvector (the `simple` configuration over our terms), a GIN index and ts_rank_cd."""

    AND, OR = " & ", " | "
    # ts_rank_cd's weights are listed D, C, B, A; the headline is A, names B, the body D.
    WEIGHTS = "{%s, 0, %s, %s}" % (BODY_WEIGHT / HEADLINE_WEIGHT, ENTITY_WEIGHT / HEADLINE_WEIGHT, 1.0)
    SQL = (
        "SELECT id, ts_rank_cd(%s, vector, query, 1) AS score "
        "FROM releases_searchdocument, to_tsquery('simple', %s) query "
        "WHERE language = %s AND vector @@ query ORDER BY score DESC, id DESC LIMIT %s"
    )

    def quote(self, token):
        return f"'{token}'"

    def parameters(self, expression, language, limit):
        return [self.WEIGHTS, expression, language, limit]


BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}


def backend():
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {connection.vendor}.") from None
