// Reads a GEXF file with graphology-gexf and prints what it found as JSON:
// nodes and edges with their attributes, and the spells of each (read with xmldom,
// since graphology keeps only static data).
const fs = require('fs');
const {DOMParser} = require('@xmldom/xmldom');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const text = fs.readFileSync(process.argv[2], 'utf-8');
const graph = gexf.parse(Graph, text);

function spellsOf(element) {
  const out = [];
  const spells = element.getElementsByTagName('spell');
  for (let i = 0; i < spells.length; i++)
    out.push([spells[i].getAttribute('start'), spells[i].getAttribute('end')]);
  return out;
}

const doc = new DOMParser().parseFromString(text, 'application/xml');
const nodeSpells = {};
const nodes = doc.getElementsByTagName('node');
for (let i = 0; i < nodes.length; i++) nodeSpells[nodes[i].getAttribute('id')] = spellsOf(nodes[i]);
const edgeSpells = {};
const edges = doc.getElementsByTagName('edge');
for (let i = 0; i < edges.length; i++)
  edgeSpells[edges[i].getAttribute('source') + '|' + edges[i].getAttribute('target')] = spellsOf(edges[i]);
const graphElement = doc.getElementsByTagName('graph')[0];

const result = {
  type: graph.type,
  mode: graphElement.getAttribute('mode'),
  timeformat: graphElement.getAttribute('timeformat'),
  order: graph.order,
  size: graph.size,
  nodes: graph.mapNodes((key, attributes) => ({key, attributes, spells: nodeSpells[key]})),
  edges: graph.mapEdges((key, attributes, source, target) =>
    ({source, target, attributes, spells: edgeSpells[source + '|' + target]})),
};
process.stdout.write(JSON.stringify(result));
