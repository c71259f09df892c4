"""`manage.py bench`: the archive, gunicorn, a load generator, and the numbers (issue 9).

Nothing here runs in the test suite's timings; the suite tests the parts (parsing, the
staff loop) and the command prints what it measured.
"""
