"""Full-text matching and ranking on each database, behind one interface.

Both backends index the analyzer's own terms (`analysis.document_tokens`),
never the raw text, and receive a query as a list of `Term`s: every term
must match, by any of its alternatives. The visibility rules are not theirs:
they narrow a queryset of documents that `query.visible_documents()` has
already restricted, and only add the text match and the rank.
"""

from itertools import combinations

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

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


def _safe(token):
    # Terms are letters and digits by construction; this keeps it so whatever changes upstream.
    return "".join(char for char in token if char.isalnum())


class SQLiteBackend(Backend):
    """FTS5 over the analyzer's terms, ranked by bm25 with per-column weights."""

    AND, OR = " AND ", " OR "

    def quote(self, token):
        return f'"{token}"'

    def match(self, documents, terms, *, all_but_one=False):
        return documents.extra(
            tables=["releases_search_fts"],
            where=["releases_search_fts.rowid = releases_searchdocument.id", "releases_search_fts MATCH %s"],
            params=[self.expression(terms, all_but_one=all_but_one)],
            select={"score": f"-bm25(releases_search_fts, {HEADLINE_WEIGHT}, {ENTITY_WEIGHT}, {BODY_WEIGHT})"},
        )


class PostgreSQLBackend(Backend):
    """A generated tsvector (the `simple` configuration over our terms), a GIN index and ts_rank_cd."""

    # ts_rank_cd's weights are listed D, C, B, A; the headline is A, names B, the body D.
    WEIGHTS = "{%s, 0, %s, %s}" % (BODY_WEIGHT / HEADLINE_WEIGHT, ENTITY_WEIGHT / HEADLINE_WEIGHT, 1.0)

    AND, OR = " & ", " | "

    def quote(self, token):
        return f"'{token}'"

    def match(self, documents, terms, *, all_but_one=False):
        query = self.expression(terms, all_but_one=all_but_one)
        return documents.filter(
            RawSQL("releases_searchdocument.vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField())
        ).annotate(
            score=RawSQL(
                "ts_rank_cd(%s, releases_searchdocument.vector, to_tsquery('simple', %s), 1)",
                [self.WEIGHTS, query], output_field=FloatField(),
            )
        )


BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}


def backend():
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {connection.vendor}.") from None
