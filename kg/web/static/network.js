// The network view: the page's JSON drawn with sigma.js over a graphology graph.
// Node positions and sizes come from the server; the slider hides what began after a date.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var container = document.getElementById("network");
  document.querySelectorAll(".swatch").forEach(function (swatch) {
    swatch.style.backgroundColor = swatch.dataset.colour;
  });
  var graph = new graphology.Graph({ type: "undirected" });
  data.nodes.forEach(function (node) {
    graph.addNode(node.id, {
      x: node.x, y: node.y, size: node.size, label: node.label, color: node.color,
      first: node.dates.length ? node.dates[0] : "", value: node.value, type: "circle",
      forceLabel: node.centre, zIndex: node.centre ? 1 : 0
    });
  });
  var heaviest = data.edges.reduce(function (most, edge) { return Math.max(most, edge.weight); }, 1);
  data.edges.forEach(function (edge) {
    graph.addEdge(edge.source, edge.target, {
      size: 1 + 5 * edge.weight / heaviest, color: "#b8c2cc", first: edge.first, last: edge.last,
      weight: edge.weight, label: edge.weight + " shared (" + edge.first + " to " + edge.last + ")"
    });
  });
  var until = null;
  var hovered = null;
  function shown(first) { return until === null || !first || first <= until; }
  var renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: data.nodes.length <= 60 ? 0 : 7,
    labelDensity: 0.5,
    zIndex: true,
    nodeReducer: function (node, attributes) {
      var result = Object.assign({}, attributes);
      if (!shown(attributes.first)) { result.hidden = true; }
      if (hovered && node !== hovered && !graph.areNeighbors(node, hovered)) {
        result.color = "#e2e8f0"; result.label = "";
      }
      if (node === hovered) { result.highlighted = true; }
      return result;
    },
    edgeReducer: function (edge, attributes) {
      var result = Object.assign({}, attributes);
      if (!shown(attributes.first)) { result.hidden = true; }
      if (hovered && !graph.hasExtremity(edge, hovered)) { result.hidden = true; }
      return result;
    }
  });
  renderer.on("enterNode", function (event) { hovered = event.node; renderer.refresh(); });
  renderer.on("leaveNode", function () { hovered = null; renderer.refresh(); });
  renderer.on("clickNode", function (event) {
    window.location.href = document.querySelector(".brand").getAttribute("href") + "actor/" +
      encodeURIComponent(event.node);
  });
  var slider = document.getElementById("until");
  var output = document.getElementById("until-date");
  var count = document.getElementById("node-count");
  function visible() {
    return graph.filterNodes(function (node, attributes) { return shown(attributes.first); }).length;
  }
  if (slider && data.dates.length) {
    slider.addEventListener("input", function () {
      until = data.dates[Number(slider.value)];
      output.textContent = until;
      count.textContent = visible();
      renderer.refresh();
    });
  } else if (slider) {
    slider.disabled = true;
  }
  container.dataset.nodes = String(graph.order);
  container.dataset.edges = String(graph.size);
  window.parleyNetwork = { graph: graph, renderer: renderer, visible: visible };
})();
