// The audit page's tables and findings, drawn from the JSON blob a page at a time.
// Every string from a report goes through textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var t = data.t;
  var PAGE = { issuers: 100, figures: 100, findings: 50 };
  var state = { q: "", sev: "", sort: {}, page: { issuers: 0, figures: 0, findings: 0 }, all: false };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
      }
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(s, a, b) { return s.replace("{0}", a).replace("{1}", b); }
  function ratioText(r) {
    if (!r || r.value === null || r.value === undefined) return "—";
    return (r.value * 100).toFixed(1) + "%（" + r.numerator + "/" + r.denominator + "）";
  }
  // Ratios over few cases sort after all others: they are shown, not ranked.
  function ratioKey(r) {
    if (!r || r.value === null || r.value === undefined) return -2;
    return r.small_sample ? -1 : r.value;
  }
  function matches(f) {
    if (state.sev && !f.findings.some(function (d) { return d.severity === state.sev; })) return false;
    if (!state.q) return true;
    var q = state.q.toLowerCase();
    var hay = [f.path, f.issuer || ""].concat(f.findings.map(function (d) { return d.code; })).join(" ").toLowerCase();
    return hay.indexOf(q) >= 0;
  }
  function files() { return data.files.filter(matches); }

  // ---- hash state: #q=…&sev=…&sort=table:key:dir ----
  function readHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    state.q = ""; state.sev = ""; state.sort = {};
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) return;
      var k = kv.slice(0, i), v = kv.slice(i + 1);
      if (k === "q") state.q = v;
      if (k === "sev") state.sev = v;
      if (k === "sort") {
        var p = v.split(":");
        if (p.length === 3) state.sort[p[0]] = { key: p[1], dir: p[2] === "asc" ? 1 : -1 };
      }
    });
    document.getElementById("filter").value = state.q;
    document.getElementById("severity").value = state.sev;
  }
  function writeHash() {
    var parts = [];
    if (state.q) parts.push("q=" + state.q);
    if (state.sev) parts.push("sev=" + state.sev);
    for (var tb in state.sort) {
      if (Object.prototype.hasOwnProperty.call(state.sort, tb)) {
        parts.push("sort=" + tb + ":" + state.sort[tb].key + ":" + (state.sort[tb].dir > 0 ? "asc" : "desc"));
      }
    }
    history.replaceState(null, "", parts.length ? "#" + encodeURIComponent(parts.join("&")) : location.pathname);
  }

  // ---- a sortable table ----
  function drawTable(id, columns, rows) {
    var table = document.getElementById(id);
    var sort = state.sort[id];
    if (sort) {
      var col = columns.filter(function (c) { return c.key === sort.key; })[0];
      if (col) {
        rows.sort(function (a, b) {
          var x = col.sort(a), y = col.sort(b);
          if (x < y) return -sort.dir;
          if (x > y) return sort.dir;
          return 0;
        });
      }
    }
    var head = table.tHead;
    head.textContent = "";
    var hr = el("tr");
    columns.forEach(function (c) {
      var th = el("th", { "data-key": c.key, scope: "col" }, c.label);
      if (sort && sort.key === c.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      th.addEventListener("click", function () {
        var cur = state.sort[id];
        state.sort[id] = { key: c.key, dir: cur && cur.key === c.key ? -cur.dir : (c.numeric ? -1 : 1) };
        writeHash();
        draw();
      });
      hr.appendChild(th);
    });
    head.appendChild(hr);
    var body = table.tBodies[0];
    body.textContent = "";
    var size = state.all ? rows.length : PAGE[id];
    var page = Math.min(state.page[id], Math.max(0, Math.ceil(rows.length / size) - 1));
    state.page[id] = page;
    rows.slice(page * size, page * size + size).forEach(function (r) {
      var tr = el("tr");
      columns.forEach(function (c) {
        var td = el("td", c.numeric ? { "class": "num" } : null, c.text(r));
        if (c.cls) { var k = c.cls(r); if (k) td.className += " " + k; }
        if (c.title) { var ti = c.title(r); if (ti) td.title = ti; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    drawPager(id, rows.length, size);
  }

  function drawPager(id, n, size) {
    var pager = document.querySelector('.pager[data-for="' + id + '"]');
    pager.textContent = "";
    var pages = Math.max(1, Math.ceil(n / size));
    if (pages < 2) return;
    var prev = el("button", { type: "button" }, t.prev);
    var next = el("button", { type: "button" }, t.next);
    prev.disabled = state.page[id] === 0;
    next.disabled = state.page[id] >= pages - 1;
    prev.addEventListener("click", function () { state.page[id]--; draw(); });
    next.addEventListener("click", function () { state.page[id]++; draw(); });
    pager.appendChild(prev);
    pager.appendChild(el("span", null, fmt(t.page, state.page[id] + 1, pages)));
    pager.appendChild(next);
  }

  function grade(errors, warnings) {
    if (errors >= 5) return "grade-3";
    if (errors > 0) return "grade-2";
    if (warnings > 0) return "grade-1";
    return "grade-0";
  }

  function drawIssuers(list) {
    var years = {};
    var by = {};
    list.forEach(function (f) {
      var name = f.issuer || t.unknown;
      var y = f.year === null || f.year === undefined ? "?" : String(f.year);
      years[y] = true;
      var row = by[name] || (by[name] = { issuer: name, errors: 0, warnings: 0, years: {} });
      var cell = row.years[y] || (row.years[y] = { errors: 0, warnings: 0, files: 0 });
      cell.errors += f.errors; cell.warnings += f.warnings; cell.files += 1;
      row.errors += f.errors; row.warnings += f.warnings;
    });
    var ys = Object.keys(years).sort();
    var columns = [{ key: "issuer", label: t.issuer, text: function (r) { return r.issuer; }, sort: function (r) { return r.issuer; } }];
    ys.forEach(function (y) {
      columns.push({
        key: "y" + y, label: y, numeric: true,
        text: function (r) { var c = r.years[y]; return c ? c.errors + " / " + c.warnings : ""; },
        sort: function (r) { var c = r.years[y]; return c ? c.errors * 10000 + c.warnings : -1; },
        cls: function (r) { var c = r.years[y]; return c ? grade(c.errors, c.warnings) : ""; },
        title: function (r) { var c = r.years[y]; return c ? c.errors + " " + t.errors + ", " + c.warnings + " " + t.warnings : ""; }
      });
    });
    columns.push({ key: "errors", label: t.errors, numeric: true, text: function (r) { return r.errors; }, sort: function (r) { return r.errors; } });
    columns.push({ key: "warnings", label: t.warnings, numeric: true, text: function (r) { return r.warnings; }, sort: function (r) { return r.warnings; } });
    drawTable("issuers", columns, Object.keys(by).sort().map(function (k) { return by[k]; }));
  }

  function drawFigures(list) {
    function ratioCol(key, label) {
      return {
        key: key, label: label, numeric: true,
        text: function (f) { return ratioText(f.figures[key]); },
        sort: function (f) { return ratioKey(f.figures[key]); },
        cls: function (f) { var r = f.figures[key]; return r && r.small_sample && r.value !== null ? "small" : ""; },
        title: function (f) { var r = f.figures[key]; return r && r.small_sample && r.value !== null ? t.small : ""; }
      };
    }
    function num(v) { return v === null || v === undefined ? "—" : v; }
    var columns = [
      { key: "issuer", label: t.issuer, text: function (f) { return f.issuer || t.unknown; }, sort: function (f) { return f.issuer || ""; } },
      { key: "year", label: t.year, numeric: true, text: function (f) { return num(f.year); }, sort: function (f) { return f.year || 0; } },
      { key: "path", label: t.path, text: function (f) { return f.path; }, sort: function (f) { return f.path; } },
      { key: "requests", label: t.requests, numeric: true, text: function (f) { return num(f.figures.requests_new); }, sort: function (f) { return f.figures.requests_new === null ? -1 : f.figures.requests_new; } },
      {
        key: "change", label: t.change, numeric: true,
        text: function (f) { var c = f.figures.requests_change; return c === null || c === undefined ? "—" : (c > 0 ? "+" : "") + c; },
        sort: function (f) { var c = f.figures.requests_change; return c === null || c === undefined ? -1e15 : c; }
      },
      ratioCol("disclosure_rate", t.disclosure),
      ratioCol("review_correction_rate", t.review_rate),
      ratioCol("litigation_correction_rate", t.litigation_rate)
    ];
    drawTable("figures", columns, list.slice());
  }

  function drawFindings(list) {
    var box = document.getElementById("findings");
    box.textContent = "";
    var withFindings = list.filter(function (f) { return f.findings.length > 0; });
    if (withFindings.length === 0) box.appendChild(el("p", null, t.none));
    var size = state.all ? withFindings.length : PAGE.findings;
    var pages = Math.max(1, Math.ceil(withFindings.length / size));
    state.page.findings = Math.min(state.page.findings, pages - 1);
    withFindings.slice(state.page.findings * size, state.page.findings * size + size).forEach(function (f) {
      var div = el("div", { "class": "file", "data-path": f.path });
      div.appendChild(el("h3", null, f.path + (f.issuer ? "（" + f.issuer + (f.year ? "，" + f.year : "") + "）" : "")));
      f.findings.forEach(function (d) {
        if (state.sev && d.severity !== state.sev) return;
        var item = el("div", { "class": "finding", "data-code": d.code });
        var head = el("p");
        head.appendChild(el("span", { "class": "sev-" + d.severity }, "[" + d.severity + "] " + d.code));
        head.appendChild(document.createTextNode(" " + d.message + (d.line !== null ? "（" + d.line + (d.column ? ":" + d.column : "") + "）" : "")));
        item.appendChild(head);
        if (d.help) item.appendChild(el("p", { "class": "help" }, d.help));
        if (d.snippet) item.appendChild(el("pre", null, d.snippet));
        if (data.explain[d.code]) {
          var det = el("details", { "class": "explain" });
          det.appendChild(el("summary", null, t.explain + " " + d.code));
          det.appendChild(el("pre", null, data.explain[d.code]));
          item.appendChild(det);
        }
        div.appendChild(item);
      });
      box.appendChild(div);
    });
    drawPager("findings", withFindings.length, size);
  }

  function draw() {
    var list = files();
    drawIssuers(list);
    drawFigures(list);
    drawFindings(list);
    document.documentElement.setAttribute("data-shown", String(list.length));
  }

  document.getElementById("filter").addEventListener("input", function (e) {
    state.q = e.target.value.trim();
    state.page = { issuers: 0, figures: 0, findings: 0 };
    writeHash();
    draw();
  });
  document.getElementById("severity").addEventListener("change", function (e) {
    state.sev = e.target.value;
    state.page.findings = 0;
    writeHash();
    draw();
  });
  window.addEventListener("hashchange", function () { readHash(); draw(); });
  window.addEventListener("beforeprint", function () { state.all = true; draw(); });
  window.addEventListener("afterprint", function () { state.all = false; draw(); });
  readHash();
  draw();
  document.documentElement.setAttribute("data-ready", "1");
})();
