// A signage screen: slides rotate through languages; a tap at this terminal (pushed as a
// server-sent event) shows the visitor's language and needs for a while, then rotation resumes.
(function () {
  "use strict";
  var body = document.body;
  var sets = Array.prototype.slice.call(document.querySelectorAll(".slide-set"));
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
