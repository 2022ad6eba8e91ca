"""SHACL validation of the union graph, in batches while the graph is built, reported in
the curator's terms."""
