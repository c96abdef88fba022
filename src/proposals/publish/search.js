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
    var from = form.querySelector("#from"), to = form.querySelector("#to");
    to.selectedIndex = to.options.length - 1;
    form.addEventListener("submit", function () {
      var a = from.value, b = to.value, msg = form.querySelector(".compare-status");
      var key = a + "--" + b;
      if (pairs.indexOf(key) === -1 && pairs.indexOf(b + "--" + a) !== -1) key = b + "--" + a;
      if (pairs.indexOf(key) === -1) { msg.textContent = a === b ? "Choose two different versions." : "That comparison is not in this copy of the site; see All comparisons."; return false; }
      window.location.href = "../compare/" + form.getAttribute("data-part") + "/" + key + ".html";
      return false;
    });
  }
})();
