// A signage screen: slides rotate through languages; a tap at this terminal (pushed as a
// server-sent event) shows the visitor's language and needs for a while, then rotation resumes.
(function () {
  "use strict";
  var body = document.body;
  // An official alert in force here replaces the slides: its languages rotate instead.
  var sets = Array.prototype.slice.call(document.querySelectorAll(".alert-set"));
  if (sets.length) document.getElementById("rotation").hidden = true;
  else sets = Array.prototype.slice.call(document.querySelectorAll(".slide-set"));
  var rotation = document.getElementById("rotation");
  var tapped = document.getElementById("tapped");
  var slideMs = Number(body.dataset.slide) * 1000;
  var holdMs = Number(body.dataset.hold) * 1000;
  var current = 0;
  var holding = null;

  setInterval(function () {
    if (holding !== null || sets.length < 2) return;
    sets[current].hidden = true;
    current = (current + 1) % sets.length;
    sets[current].hidden = false;
  }, slideMs);

  function resume() {
    holding = null;
    tapped.hidden = true;
    tapped.innerHTML = "";
    rotation.hidden = false;
  }

  // A new alert for this area (or the end of one) reloads the screen within half a minute.
  if (body.dataset.alerts) {
    var known = body.dataset.alertIds;
    setInterval(function () {
      fetch(body.dataset.alerts, { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (found) {
        if (!found) return;
        var now = found.map(function (alert) { return alert.id; }).join(" ");
        if (now !== known) window.location.reload();
      }).catch(function () { /* offline: keep showing what is there */ });
    }, 30000);
  }

  var source = new EventSource(body.dataset.stream);
  source.addEventListener("tap", function (event) {
    var tap = JSON.parse(event.data);
    tapped.innerHTML = tap.html; // rendered and escaped by the server
    rotation.hidden = true;
    tapped.hidden = false;
    clearTimeout(holding);
    holding = setTimeout(resume, holdMs);
  });
})();
