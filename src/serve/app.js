// concord serve: results as you type on the search page. The page works without this
// script (the form submits); with it, each keystroke (debounced) asks /api/search and
// redraws the list. Corpus text only ever enters the DOM through textContent.
"use strict";
(function () {
  var form = document.getElementById("search");
  if (!form) return;
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var seq = 0;
  var timer = null;

  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (String(v).trim() !== "") p.append(k, v);
    });
    return p;
  }

  function draw(data) {
    list.textContent = "";
    if (data.error) {
      status.className = "error";
      status.textContent = data.error;
      return;
    }
    status.className = "muted";
    var n = data.hits.length;
    status.textContent = n === 1 ? "1 passage" : n + " passages";
    data.hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "pos";
      a.href = h.href;
      a.textContent = h.doc + ":" + h.line;
      li.appendChild(a);
      var title = document.createElement("span");
      title.className = "muted";
      title.textContent = " " + h.title;
      li.appendChild(title);
      var p = document.createElement("p");
      h.parts.forEach(function (part) {
        if (part.mark) {
          var m = document.createElement("mark");
          m.textContent = part.text;
          p.appendChild(m);
        } else {
          p.appendChild(document.createTextNode(part.text));
        }
      });
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function run() {
    var p = params();
    var mine = ++seq;
    if (!p.get("q")) {
      list.textContent = "";
      status.className = "muted";
      status.textContent = "Type to search the passages of every sheet.";
      history.replaceState(null, "", "/");
      return;
    }
    fetch("/api/search?" + p.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (mine !== seq) return;
        draw(data);
        history.replaceState(null, "", "/?" + p.toString());
      })
      .catch(function (e) {
        if (mine !== seq) return;
        status.className = "error";
        status.textContent = "search failed: " + e;
      });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
})();
