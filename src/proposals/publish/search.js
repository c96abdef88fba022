// Client-side search over part titles and text, and the compare form: no server, works from files.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (input && window.PROPOSALS_INDEX) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var run = function () {
      var q = input.value.trim().toLowerCase();
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!q) { status.textContent = ""; return; }
      var words = q.split(/\s+/);
      var hits = window.PROPOSALS_INDEX.filter(function (e) {
        var hay = (e.title + " " + e.text).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) !== -1; });
      });
      status.textContent = hits.length + (hits.length === 1 ? " part matches" : " parts match");
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "parts/" + e.id + ".html";
        a.textContent = e.title;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" (" + e.status + ")"));
        list.appendChild(li);
      });
    };
    input.addEventListener("input", run);
    var m = /[#&]q=([^&]*)/.exec(window.location.hash);
    if (m) { input.value = decodeURIComponent(m[1]); run(); }
  }
  var form = document.querySelector("form.compare");
  if (form) {
    var pairs = JSON.parse(form.getAttribute("data-pairs"));
    var data = document.getElementById("versions");
    var versions = data ? JSON.parse(data.textContent) : null;
    var from = form.querySelector("#from"), to = form.querySelector("#to");
    var result = document.getElementById("compare-result");
    to.selectedIndex = to.options.length - 1;
    var compare = function () {
      var a = from.value, b = to.value, msg = form.querySelector(".compare-status");
      if (a === b) { msg.textContent = "Choose two different versions."; return false; }
      var key = a + "--" + b;
      if (pairs.indexOf(key) !== -1) {
        window.location.href = "../compare/" + form.getAttribute("data-part") + "/" + key + ".html";
      } else if (versions) {
        render(result, diff(versions[a], versions[b]));
        msg.textContent = a + " compared with " + b + " below: struck-through words were taken out, underlined words were added.";
      } else {
        msg.textContent = "That comparison is not in this copy of the site; see All comparisons.";
      }
      return false;
    };
    form.addEventListener("submit", compare);
    var h = /[#&]from=([^&]*)&to=([^&]*)/.exec(window.location.hash);
    if (h) { from.value = decodeURIComponent(h[1]); to.value = decodeURIComponent(h[2]); compare(); }
  }

  // The redline of two versions in the browser, for pairs without their own page: paragraphs
  // aligned first (a paragraph of 3+ words taken out in one place and added unchanged in another is
  // marked as moved), then word tokens diffed within each changed stretch.
  function lines(text) {
    return (text || "").split("\n").slice(1);  // the heading is the page's own
  }
  function tokens(text) {
    return text.match(/\s+|[\w\u00c0-\u024f'’]+|[^\s\w]/g) || [];
  }
  function lcs(a, b, emit) {
    var n = a.length, m = b.length, w = m + 1;
    if (n * m > 16000000) {  // too large to align in a phone's memory: whole blocks
      a.forEach(function (t) { emit("delete", t); });
      b.forEach(function (t) { emit("insert", t); });
      return;
    }
    var t = new Uint32Array((n + 1) * w);
    for (var i = n - 1; i >= 0; i--)
      for (var j = m - 1; j >= 0; j--)
        t[i * w + j] = a[i] === b[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    var x = 0, y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && a[x] === b[y]) { emit("equal", a[x]); x++; y++; }
      else if (y < m && (x === n || t[x * w + y + 1] >= t[(x + 1) * w + y])) { emit("insert", b[y]); y++; }
      else { emit("delete", a[x]); x++; }
    }
  }
  function diff(oldText, newText) {
    var ops = [], push = function (op, text, moved) {
      var last = ops[ops.length - 1];
      if (last && last[0] === op && !!last.moved === !!moved) last[1] += text;
      else { var o = [op, text]; if (moved) o.moved = true; ops.push(o); }
    };
    var words = function (s) { return (s.match(/[\w\u00c0-\u024f]+/g) || []).length; };
    var lineOps = [];
    lcs(lines(oldText), lines(newText), function (op, line) { lineOps.push([op, line]); });
    var gone = {}, came = {};
    lineOps.forEach(function (o) {
      if (o[0] === "delete") gone[o[1]] = (gone[o[1]] || 0) + 1;
      if (o[0] === "insert") came[o[1]] = (came[o[1]] || 0) + 1;
    });
    lineOps.forEach(function (o) {
      o.moved = o[0] !== "equal" && words(o[1]) >= 3 && gone[o[1]] && came[o[1]];
    });
    var dels = [], ins = [], first = true;
    var flush = function () {
      if (dels.length || ins.length) lcs(tokens(dels.join("\n")), tokens(ins.join("\n")), function (op, t) { push(op, t); });
      dels = []; ins = [];
    };
    lineOps.forEach(function (o) {
      var sep = first ? "" : "\n";
      first = false;
      if (o[0] === "equal") { flush(); push("equal", sep + o[1]); }
      else if (o.moved) { flush(); push("equal", sep); push(o[0], o[1], true); }
      else {
        if (!dels.length && !ins.length) push("equal", sep);
        (o[0] === "delete" ? dels : ins).push(o[1]);
      }
    });
    flush();
    return ops;
  }
  function render(target, ops) {
    while (target.firstChild) target.removeChild(target.firstChild);
    var p = document.createElement("p");
    target.appendChild(p);
    ops.forEach(function (op) {
      op[1].split("\n").forEach(function (piece, n) {
        if (n) { p = document.createElement("p"); target.appendChild(p); }
        if (!piece) return;
        if (op[0] === "equal") { p.appendChild(document.createTextNode(piece)); return; }
        var el = document.createElement(op[0] === "delete" ? "del" : "ins");
        if (op.moved) el.className = "moved";
        var label = op.moved ? (op[0] === "delete" ? "moved from here: " : "moved here: ")
          : (op[0] === "delete" ? "deleted: " : "added: ");
        var sr = document.createElement("span"); sr.className = "sr"; sr.textContent = "[" + label;
        var end = document.createElement("span"); end.className = "sr"; end.textContent = "]";
        el.appendChild(sr); el.appendChild(document.createTextNode(piece)); el.appendChild(end);
        p.appendChild(el);
      });
    });
    Array.prototype.slice.call(target.querySelectorAll("p")).forEach(function (q) {
      if (!q.firstChild) target.removeChild(q);
    });
  }
})();
