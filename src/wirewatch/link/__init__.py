"""Across articles: one entity per real actor (entities.py), articles grouped into stories and
the same event reported by several articles (stories.py)."""
