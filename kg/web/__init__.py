"""``parley serve``: the graph as a read-only SPARQL 1.1 endpoint and a web explorer."""
