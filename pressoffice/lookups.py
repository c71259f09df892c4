"""Integer look-ups that can't overflow.

Django already turns `pk=99999999999999999999` into an empty result, but not
`pk__in=[...]`: SQLite raises OverflowError and PostgreSQL a DataError, so a
hostile number in a multiple-choice form field (the admin's permissions,
speakers, programmes) was a 500. A number outside the column's range matches
no row, so leaving it out of the IN list gives exactly the same answer.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class InWithinRange(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(InWithinRange)
