"""The record model and what every stage shares: records and partial dates, ids and
namespaces, the controlled vocabulary, and the located problems of bad input.

Nothing here imports another room of parley.
"""
