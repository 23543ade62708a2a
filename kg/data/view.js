(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var S = DATA.settings;
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== null && text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function row(box, key, value) {
    if (value === null || value === undefined || value === "") return;
    if (Array.isArray(value)) { if (!value.length) return; value = value.join("; "); }
    var p = el("div", null, "kg-row");
    p.appendChild(el("span", key + ": ", "kg-key"));
    p.appendChild(document.createTextNode(String(value)));
    box.appendChild(p);
  }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    u = u.trim();
    return /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
  }
  function nodeBox(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("div", n.label, "kg-head"));
    row(box, "type", n.type);
    row(box, "role", n.roles);
    row(box, "country", n.country);
    row(box, "also called", n.aliases);
    row(box, "events shown", n.events);
    return box;
  }
  function edgeBox(e, limit) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("div", byId[e.from].label + " \u2014 " + e.relation + " \u2014 " + byId[e.to].label, "kg-head"));
    var facts = e.facts, shown = limit ? facts.slice(0, limit) : facts;
    shown.forEach(function (f) {
      var item = el("div", null, "kg-fact");
      row(item, "date", f.date || "undated");
      row(item, "place", f.place);
      row(item, (S.edgeStyle[e.relation] || {}).object || "document", f.document);
      if (f.sentence) item.appendChild(el("blockquote", f.sentence, "kg-quote"));
      var src = el("div", null, "kg-row");
      src.appendChild(el("span", "article: ", "kg-key"));
      var name = (f.title ? f.title + " " : "") + "(" + (f.article || "unknown") + ")";
      var url = safeUrl(f.url);
      if (url) {
        var a = el("a", name);
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        src.appendChild(a);
      } else {
        src.appendChild(document.createTextNode(name + (f.url_text ? " " + f.url_text : "")));
      }
      item.appendChild(src);
      box.appendChild(item);
    });
    if (shown.length < facts.length)
      box.appendChild(el("div", "\u2026 and " + (facts.length - shown.length) + " more (click the edge)", "kg-more"));
    return box;
  }

  var maxDeg = 1;
  DATA.nodes.forEach(function (n) { if (n.degree > maxDeg) maxDeg = n.degree; });
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var st = S.nodeStyle[n.type] || S.nodeStyle.actor;
    return { id: n.id, label: n.label, shape: st.shape, value: n.degree + 1, title: nodeBox(n),
             color: { background: st.color, border: n.centre ? "#000000" : st.color,
                      highlight: { background: "#ffd166", border: "#000000" } },
             borderWidth: n.centre ? 3 : 1 };
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    var st = S.edgeStyle[e.relation] || { color: "#888888", dashes: false };
    var n = e.facts.length;
    return { id: e.id, from: e.from, to: e.to, relation: e.relation,
             label: S.edgeLabels ? (n > 1 ? e.relation + " \u00d7" + n : e.relation) : undefined,
             title: edgeBox(e, S.factsPerTooltip), width: Math.min(1 + Math.log2(n), 6),
             dashes: st.dashes, color: { color: st.color, highlight: "#000000" } };
  }));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { improvedLayout: S.improvedLayout, randomSeed: 7 },
    nodes: { scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 24 } }, font: { size: 13 } },
    edges: { smooth: false, font: { size: 10, align: "middle", color: "#444444", strokeWidth: 3 } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.edges.length > 1000 },
    physics: { solver: "barnesHut", stabilization: { enabled: true, iterations: S.iterations, updateInterval: 20 },
               barnesHut: { gravitationalConstant: -6000, springLength: 140, springConstant: 0.03,
                            damping: 0.4, avoidOverlap: 0.1 } }
  });
  // read-only handle for tests and the browser console (nothing reads it back)
  window.kgView = Object.freeze({ network: network, nodes: nodes, edges: edges, data: DATA });
  var status = document.getElementById("kg-status");
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    status.textContent = "";
  });

  var panel = document.getElementById("kg-details");
  function show(box) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    if (box) { panel.appendChild(box); panel.style.display = "block"; } else { panel.style.display = "none"; }
  }
  network.on("click", function (p) {
    if (p.nodes.length) show(nodeBox(byId[p.nodes[0]]));
    else if (p.edges.length) show(edgeBox(DATA.edges[p.edges[0]], 0));
    else show(null);
  });

  // search by label or alias
  var search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  var matches = [];
  function norm(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\u0131/g, "i"); }
  search.addEventListener("input", function () {
    var q = norm(search.value.trim());
    matches = !q ? [] : DATA.nodes.filter(function (n) {
      return [n.label].concat(n.aliases).some(function (s) { return norm(s).indexOf(q) >= 0; });
    }).map(function (n) { return n.id; });
    network.selectNodes(matches);
    found.textContent = q ? matches.length + " found" : "";
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) {
      network.focus(matches[0], { scale: 1.2, animation: { duration: 400 } });
      show(nodeBox(byId[matches[0]]));
    }
  });

  // one check box per relation
  var boxes = document.getElementById("kg-relations");
  var present = {};
  DATA.edges.forEach(function (e) { present[e.relation] = DATA.events[e.relation] || 0; });
  Object.keys(present).sort().forEach(function (rel) {
    var label = el("label", null, "kg-check"), input = el("input");
    input.type = "checkbox"; input.checked = true;
    input.addEventListener("change", function () {
      edges.update(DATA.edges.filter(function (e) { return e.relation === rel; })
        .map(function (e) { return { id: e.id, hidden: !input.checked }; }));
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + rel + " (" + present[rel] +
      (present[rel] === 1 ? " event)" : " events)")));
    boxes.appendChild(label);
  });
})();
