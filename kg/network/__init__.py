"""networkx projections of the graph and the measures over them."""
