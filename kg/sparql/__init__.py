"""The SPARQL query library, safe parameters, and running queries on the local store or a
remote SPARQL 1.1 endpoint (and pushing the graph to one)."""
