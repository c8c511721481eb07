"""Plain-Python core: articles, taxonomies, marks, keys, scoring. Never imports Qt."""
