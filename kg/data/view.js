(function () {
  "use strict";
  // Every text from the data goes in through textContent or a text node, never as HTML.
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var S = DATA.settings, HAPS = DATA.happenings;
  var byId = {}, thingById = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  DATA.things.forEach(function (t) { thingById[t.id] = t; });

  function $(id) { return document.getElementById(id); }
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
  function source(f) {  // the article: a link only for an http(s) URL
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
    return src;
  }
  function factItem(f, relation, cls) {
    var item = el("div", null, cls || "kg-fact");
    row(item, "date", f.date || "undated");
    row(item, "place", f.place);
    row(item, (S.edgeStyle[relation] || {}).object || "document", f.document);
    if (f.sentence) item.appendChild(el("blockquote", f.sentence, "kg-quote"));
    item.appendChild(source(f));
    return item;
  }
  function nodeBox(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("div", n.label, "kg-head"));
    row(box, "type", n.type);
    row(box, "role", n.roles);
    row(box, "country", n.country);
    row(box, "also called", n.aliases);
    row(box, "events shown", n.events);
    if (n.plan_only) row(box, "note", "only in plans (nothing that happened)");
    return box;
  }
  function edgeBox(e, limit) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("div", byId[e.from].label + " \u2014 " + e.relation + " \u2014 " + byId[e.to].label, "kg-head"));
    var facts = e.facts, shown = limit ? facts.slice(0, limit) : facts;
    shown.forEach(function (f) { box.appendChild(factItem(f, e.relation)); });
    if (shown.length < facts.length)
      box.appendChild(el("div", "\u2026 and " + (facts.length - shown.length) + " more (click the edge)", "kg-more"));
    return box;
  }
  function others(h, me) {
    var names = h.actors.filter(function (a) { return a !== me; }).map(function (a) { return byId[a].label; });
    if (h.document) names.push(h.document);
    return names.join(", ") || "\u2014";
  }
  function timelineBox(n) {  // the actor's details, then one entry per event, by date
    var box = nodeBox(n);
    var mine = HAPS.filter(function (h) { return h.actors.indexOf(n.id) >= 0; });
    box.appendChild(el("div", "Timeline (" + mine.length + ")", "kg-head kg-timeline"));
    mine.forEach(function (h) {
      var entry = el("div", null, "kg-entry");
      var line = el("div");
      line.appendChild(el("span", h.date || "undated", "kg-when"));
      line.appendChild(el("span", h.relation, "kg-rel"));
      line.appendChild(document.createTextNode(" \u2014 "));
      line.appendChild(el("span", others(h, n.id), "kg-other"));
      entry.appendChild(line);
      if (h.place) row(entry, "place", h.place);
      if (h.sentence) entry.appendChild(el("blockquote", h.sentence, "kg-quote"));
      entry.appendChild(source(h));
      box.appendChild(entry);
    });
    return box;
  }
  function thingBox(t) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("div", t.label, "kg-head"));
    row(box, "type", t.type);
    HAPS.forEach(function (h) {
      if (h.things.indexOf(t.id) < 0) return;
      var item = factItem(h, h.relation);
      row(item, "who", h.actors.map(function (a) { return byId[a].label; }));
      box.appendChild(item);
    });
    return box;
  }
  function linkBox(l) {
    var box = el("div", null, "kg-tip"), h = HAPS[l.happening];
    box.appendChild(el("div", byId[l.from].label + " \u2014 " + l.relation + " \u2014 " + thingById[l.to].label, "kg-head"));
    box.appendChild(factItem(h, l.relation));
    return box;
  }

  // ------------------------------------------------------------------ the two networks
  var ranked = DATA.nodes.slice().sort(function (a, b) { return b.degree - a.degree || a.id - b.id; });
  var top = {};
  ranked.slice(0, S.labelTop).forEach(function (n) { top[n.id] = true; });
  var zoomedIn = S.labelZoom <= 0;
  function shownLabel(n) { return zoomedIn || top[n.id] ? n.label : ""; }
  function actorItem(n, events) {  // the event network may have its own layout (ex, ey)
    var st = S.nodeStyle[n.type] || S.nodeStyle.actor, own = events && n.ex !== undefined;
    return { id: n.id, name: n.label, label: shownLabel(n), x: own ? n.ex : n.x, y: own ? n.ey : n.y,
             shape: st.shape, value: n.degree + 1,
             color: { background: st.color, border: n.centre ? "#000000" : st.color,
                      highlight: { background: "#ffd166", border: "#000000" } },
             borderWidth: n.centre ? 3 : 1, hidden: true };
  }
  function edgeItem(e) {
    var st = S.edgeStyle[e.relation] || { color: "#888888", dashes: false }, n = e.facts.length;
    return { id: e.id, from: e.from, to: e.to, relation: e.relation, hidden: true,
             label: S.edgeLabels ? (n > 1 ? e.relation + " \u00d7" + n : e.relation) : undefined,
             width: Math.min(1 + Math.log2(n), 6), dashes: st.dashes, color: { color: st.color, highlight: "#000000" } };
  }
  function thingItem(t) {
    var st = S.thingStyle[t.type] || S.thingStyle.event;
    return { id: t.id, name: t.label, label: t.caption, x: t.x, y: t.y, shape: st.shape, hidden: true, size: 10,
             color: { background: st.color, border: "#806020" }, font: { size: 12 } };
  }
  function linkItem(l) {
    var st = S.edgeStyle[l.relation] || { color: "#888888", dashes: false };
    return { id: l.id, from: l.from, to: l.to, relation: l.relation, hidden: true, dashes: st.dashes,
             color: { color: st.color, highlight: "#000000" } };
  }
  var MODES = {
    actors: { nodes: new vis.DataSet(DATA.nodes.map(function (n) { return actorItem(n, false); })), edges: new vis.DataSet(DATA.edges.map(edgeItem)) },
    events: { nodes: new vis.DataSet(DATA.nodes.map(function (n) { return actorItem(n, true); })
                                       .concat(DATA.things.map(thingItem))),
              edges: new vis.DataSet(DATA.links.map(linkItem)) }
  };
  var cur = MODES.actors;

  // ------------------------------------------------------------------ filters
  var state = { mode: "actors", from: DATA.period.from, to: DATA.period.to, undated: true, relations: {},
                country: "*", kinds: {}, isolated: false, plans: false };
  Object.keys(DATA.counts.relation).forEach(function (r) { state.relations[r] = true; });
  DATA.edges.forEach(function (e) { state.relations[e.relation] = true; });
  Object.keys(DATA.counts.kind).forEach(function (k) { state.kinds[k] = true; });
  function inTime(d) {
    if (!d) return state.undated;
    d = d.slice(0, 10);
    return (!state.from || d >= state.from) && (!state.to || d <= state.to);
  }
  function actorPasses(n) { return !!state.kinds[n.type] && (state.country === "*" || (n.nation || "") === state.country); }
  function edgeVisible(e) {
    if (state.mode === "events") return !!state.relations[e.relation] && actorPasses(byId[e.from]) && inTime(HAPS[e.happening].date);
    return !!state.relations[e.relation] && actorPasses(byId[e.from]) && actorPasses(byId[e.to]) &&
      e.facts.some(function (f) { return inTime(f.date); });
  }
  var visible = { nodes: {}, edges: {} };
  function apply() {
    var list = state.mode === "events" ? DATA.links : DATA.edges, linked = {}, edges = {}, nodes = {};
    list.forEach(function (e) { if (edgeVisible(e)) { edges[e.id] = true; linked[e.from] = linked[e.to] = true; } });
    DATA.nodes.forEach(function (n) {
      var alone = n.plan_only ? state.plans : state.isolated;
      if (actorPasses(n) && (linked[n.id] || alone)) nodes[n.id] = true;
    });
    if (state.mode === "events") DATA.things.forEach(function (t) { if (linked[t.id]) nodes[t.id] = true; });
    cur.nodes.update(cur.nodes.getIds().filter(function (id) { return cur.nodes.get(id).hidden !== !nodes[id]; })
      .map(function (id) { return { id: id, hidden: !nodes[id] }; }));
    cur.edges.update(cur.edges.getIds().filter(function (id) { return cur.edges.get(id).hidden !== !edges[id]; })
      .map(function (id) { return { id: id, hidden: !edges[id] }; }));
    visible = { nodes: nodes, edges: edges };
    $("kg-shown").textContent = Object.keys(nodes).length + " nodes, " + Object.keys(edges).length + " edges shown";
  }

  // ------------------------------------------------------------------ the network
  apply();  // before the first paint: it shows only what passes the default filters
  var container = $("kg-network");
  var network = new vis.Network(container, { nodes: cur.nodes, edges: cur.edges }, {
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: false,
    nodes: { scaling: { min: 8, max: 40, label: { enabled: false } }, font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: false, font: { size: 14, align: "middle", color: "#333333", strokeWidth: 4, strokeColor: "#ffffff" } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.edges.length > 1000,
                   hideEdgesOnZoom: DATA.edges.length > 1000 }
  });
  network.on("beforeDrawing", function (ctx) {  // a white background, for the PNG too
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  var status = $("kg-status");
  network.once("afterDrawing", function () {
    window.kgPainted = performance.now();  // the first paint: positions are final, nothing moves after
    setTimeout(function () {  // tooltips after the first paint
      MODES.actors.nodes.update(DATA.nodes.map(function (n) { return { id: n.id, title: nodeBox(n) }; }));
      MODES.events.nodes.update(DATA.nodes.map(function (n) { return { id: n.id, title: nodeBox(n) }; })
        .concat(DATA.things.map(function (t) { return { id: t.id, title: thingBox(t) }; })));
      MODES.actors.edges.update(DATA.edges.map(function (e) { return { id: e.id, title: edgeBox(e, S.factsPerTooltip) }; }));
      MODES.events.edges.update(DATA.links.map(function (l) { return { id: l.id, title: linkBox(l) }; }));
      status.textContent = "";
    }, 0);
  });
  // Labels: the S.labelTop most connected actors always, every actor once zoomed in past S.labelZoom;
  // zoomed out, label fonts grow so that they stay at least 14 px on screen.
  var fontSize = 14;
  function sizeFor(scale) { return scale >= 1 ? 14 : Math.round(14 / Math.pow(2, Math.round(Math.log2(scale) * 4) / 4)); }
  function relabel() {
    var font = { size: fontSize };
    [MODES.actors.nodes, MODES.events.nodes].forEach(function (set) {
      set.update(DATA.nodes.map(function (n) { var l = shownLabel(n); return l ? { id: n.id, label: l, font: font } : { id: n.id, label: "" }; }));
    });
    MODES.events.nodes.update(DATA.things.map(function (t) { return { id: t.id, font: { size: Math.max(12, fontSize - 2) } }; }));
    if (S.edgeLabels) {
      MODES.actors.edges.update(DATA.edges.map(function (e) { return { id: e.id, font: font }; }));
    }
  }
  network.on("afterDrawing", function () {  // whatever changed the zoom: the wheel, the search, the API
    var scale = network.getScale(), z = S.labelZoom <= 0 || scale >= S.labelZoom, size = sizeFor(scale);
    if (z !== zoomedIn || size !== fontSize) { zoomedIn = z; fontSize = size; relabel(); }
  });

  var panel = $("kg-details");
  function show(box) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    if (box) { panel.appendChild(box); panel.style.display = "block"; } else { panel.style.display = "none"; }
  }
  network.on("click", function (p) {
    if (p.nodes.length) { var id = p.nodes[0]; show(byId[id] ? timelineBox(byId[id]) : thingBox(thingById[id])); }
    else if (p.edges.length) {
      var e = p.edges[0];
      show(state.mode === "events" ? linkBox(DATA.links[Number(String(e).slice(1))]) : edgeBox(DATA.edges[e], 0));
    } else show(null);
  });

  function setMode(mode) {
    if (!MODES[mode] || mode === state.mode) return;
    state.mode = mode; cur = MODES[mode];
    network.setData({ nodes: cur.nodes, edges: cur.edges });
    apply();
    network.fit({ animation: false });
    $("kg-mode").value = mode;
  }
  $("kg-mode").addEventListener("change", function () { setMode($("kg-mode").value); });

  // ------------------------------------------------------------------ search
  var search = $("kg-search"), found = $("kg-found"), matches = [];
  function norm(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\u0131/g, "i"); }
  search.addEventListener("input", function () {
    var q = norm(search.value.trim());
    matches = !q ? [] : DATA.nodes.filter(function (n) {
      return visible.nodes[n.id] && [n.label].concat(n.aliases).some(function (s) { return norm(s).indexOf(q) >= 0; });
    }).map(function (n) { return n.id; });
    network.selectNodes(matches);
    found.textContent = q ? matches.length + " found" : "";
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) {
      network.focus(matches[0], { scale: 1.2, animation: { duration: 400 } });
      show(timelineBox(byId[matches[0]]));
    }
  });

  // ------------------------------------------------------------------ filter controls
  function checkbox(box, text, checked, onChange) {
    var label = el("label", null, "kg-check"), input = el("input");
    input.type = "checkbox"; input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); apply(); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    box.appendChild(label);
    return input;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  Object.keys(state.relations).sort().forEach(function (rel) {
    var n = DATA.counts.relation[rel] || 0;
    checkbox($("kg-relations"), rel + " (" + plural(n, "event") + ")", true, function (on) { state.relations[rel] = on; })
      .dataset.relation = rel;
  });
  Object.keys(DATA.counts.kind).forEach(function (kind) {
    checkbox($("kg-kinds"), kind + " (" + DATA.counts.kind[kind] + ")", true, function (on) { state.kinds[kind] = on; })
      .dataset.kind = kind;
  });
  var country = $("kg-country");
  var all = el("option", "all countries (" + plural(DATA.nodes.length, "actor") + ")");
  all.value = "*"; country.appendChild(all);
  Object.keys(DATA.counts.country).forEach(function (c) {
    var o = el("option", (c || "(no country)") + " (" + DATA.counts.country[c] + ")");
    o.value = c; country.appendChild(o);
  });
  country.addEventListener("change", function () { state.country = country.value; apply(); });
  $("kg-isolated").addEventListener("change", function () { state.isolated = $("kg-isolated").checked; apply(); });
  $("kg-plans").addEventListener("change", function () { state.plans = $("kg-plans").checked; apply(); });
  $("kg-undated").addEventListener("change", function () { state.undated = $("kg-undated").checked; apply(); });

  // ------------------------------------------------------------------ time range and play
  var from = $("kg-from"), to = $("kg-to"), play = $("kg-play"), timer = null;
  [from, to].forEach(function (input) {
    if (DATA.period.from) { input.min = DATA.period.from; input.max = DATA.period.to; }
  });
  from.value = DATA.period.from || ""; to.value = DATA.period.to || "";
  function setRange(a, b) { state.from = a || null; state.to = b || null; from.value = a || ""; to.value = b || ""; apply(); }
  from.addEventListener("change", function () { setRange(from.value, to.value); });
  to.addEventListener("change", function () { setRange(from.value, to.value); });
  function day(d) { return Date.parse(d + "T00:00:00Z") / 864e5; }
  function iso(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }
  function stop() { clearInterval(timer); timer = null; play.textContent = "\u25b6 play"; }
  play.addEventListener("click", function () {
    if (timer) { stop(); return; }
    if (!DATA.period.from) return;
    var first = day(DATA.period.from), last = day(DATA.period.to), span = last - first;
    var width = state.from && state.to ? day(state.to) - day(state.from) : span;
    if (width >= span) width = Math.max(1, Math.ceil(span / 6));
    var step = Math.max(1, Math.ceil(width / 2)), start = first;
    setRange(iso(start), iso(start + width));
    play.textContent = "\u275a\u275a pause";
    timer = setInterval(function () {
      start += step;
      if (start > last) { stop(); setRange(DATA.period.from, DATA.period.to); return; }
      setRange(iso(start), iso(start + width));
    }, S.playMs);
  });

  // ------------------------------------------------------------------ exports
  var lastExport = null;
  function download(href, name, text) {
    var a = document.createElement("a");
    a.href = href; a.download = name; a.rel = "noopener";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    lastExport = { name: name, text: text, href: href.slice(0, 22) };
  }
  function cell(v) {  // a CSV cell: no formula for a spreadsheet to run, quoted when needed
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv() {
    var rows = [["from", "relation", "to", "date", "place", "document", "sentence", "article", "url"]];
    function add(a, rel, b, f) { rows.push([a, rel, b, f.date, f.place, f.document, f.sentence, f.article, f.url || f.url_text]); }
    if (state.mode === "events") {
      DATA.links.forEach(function (l) { if (visible.edges[l.id]) add(byId[l.from].label, l.relation, thingById[l.to].label, HAPS[l.happening]); });
    } else {
      DATA.edges.forEach(function (e) {
        if (!visible.edges[e.id]) return;
        e.facts.forEach(function (f) { if (inTime(f.date)) add(byId[e.from].label, e.relation, byId[e.to].label, f); });
      });
    }
    return rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }
  function png() { return container.querySelector("canvas").toDataURL("image/png"); }
  $("kg-png").addEventListener("click", function () { download(png(), "kg-view.png", null); });
  $("kg-csv").addEventListener("click", function () {
    var text = csv();
    download(URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), "kg-edges.csv", text);
  });

  // read-only handle for tests and the browser console (nothing reads it back)
  window.kgView = Object.freeze({
    network: network, data: DATA, setMode: setMode, csv: csv, png: png,
    get nodes() { return cur.nodes; }, get edges() { return cur.edges; },
    get mode() { return state.mode; }, get zoomedIn() { return zoomedIn; },
    visible: function () { return { nodes: Object.keys(visible.nodes), edges: Object.keys(visible.edges) }; },
    lastExport: function () { return lastExport; }
  });
})();
