"""Records to RDF and the Oxigraph store: triples, loading, opening a built graph."""
