"""Import and export of the office's plain-text releases.

- `parse`: reading one file, refusing bad ones with a clear message;
- `dateline`: the dateline's place, source and date, in any of the office's spellings;
- `linking`: recognising existing speakers, programmes and organisations in a text;
- `services`: `release_import`, which creates or completes a release;
- `sources`: which files to import, and how English files pair with Arabic ones;
- `export`: writing published releases back in the same form.
"""
