"""Arabic-first public search: analyzer, index, backends and the query (see README, Search)."""
