// A conversation at the counter, on either screen: phrases and text are posted with fetch,
// and what either side says arrives by server-sent events. The visitor's screen reads the
// staff's words aloud where the device has a voice for the language, and says so when not.
(function () {
  "use strict";
  var root = document.querySelector(".talk");
  if (!root) return;
  var side = root.dataset.side;
  var csrf = root.dataset.csrf;
  var said = root.querySelector("[data-said]");
  var speakers = {};
  var names = root.querySelector("template[data-speakers]");
  if (names) {
    names.content.querySelectorAll("[data-of]").forEach(function (el) {
      speakers[el.dataset.of] = el.textContent;
    });
  }

  // --- Speech: out loud on the visitor's screen, listening where the browser offers it ---
  var SPEECH_TAGS = { "zh-Hans": ["zh-CN", "zh-SG", "zh"], "zh-Hant": ["zh-TW", "zh-HK", "zh"],
    tl: ["fil", "tl"] };
  function tagsFor(code) { return SPEECH_TAGS[code] || [code]; }
  function voiceFor(code) {
    if (!("speechSynthesis" in window)) return null;
    var voices = window.speechSynthesis.getVoices();
    var tags = tagsFor(code).map(function (t) { return t.toLowerCase(); });
    for (var i = 0; i < tags.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        var lang = (voices[j].lang || "").toLowerCase().replace("_", "-");
        if (lang === tags[i] || lang.indexOf(tags[i] + "-") === 0) return voices[j];
      }
    }
    return null;
  }
  var voiceNote = root.querySelector("[data-voice]");
  function checkVoice() {
    if (side !== "visitor" || !voiceNote) return;
    voiceNote.textContent = root.dataset.noVoice;
    voiceNote.hidden = voiceFor(root.dataset.speech) !== null;
  }
  if ("speechSynthesis" in window) {
    window.speechSynthesis.addEventListener("voiceschanged", checkVoice);
  }
  checkVoice();
  function speak(text, code) {
    var voice = voiceFor(code);
    if (!voice) return;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    window.speechSynthesis.speak(utterance);
  }
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var listen = root.querySelector("[data-listen]");
  if (Recognition && listen) {
    listen.hidden = false;
    listen.addEventListener("click", function () {
      var recognition = new Recognition();
      recognition.lang = tagsFor(root.dataset.speech)[0];
      recognition.interimResults = false;
      var note = root.querySelector("[data-listening]");
      note.hidden = false;
      recognition.addEventListener("result", function (event) {
        var box = root.querySelector("[data-write] textarea");
        box.value = (box.value ? box.value + " " : "") + event.results[0][0].transcript;
        box.focus();
      });
      recognition.addEventListener("end", function () { note.hidden = true; });
      recognition.start();
    });
  }

  // --- Saying and writing --------------------------------------------------------------
  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "x-requested-with": "fetch", "x-csrf-token": csrf },
      credentials: "same-origin",
    });
  }
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-say], [data-write]")) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    post(form).then(function (response) {
      if (response.status === 404 || response.status === 403) { window.location.reload(); return; }
      if (response.ok) {
        form.querySelectorAll("input:not([type=hidden]), textarea").forEach(function (i) { i.value = ""; });
        form.removeAttribute("aria-invalid");
      } else {
        form.setAttribute("aria-invalid", "true");
      }
    }).catch(function () {
      form.setAttribute("aria-invalid", "true");
    }).then(function () { button.disabled = false; });
  });

  // --- What is said, live ---------------------------------------------------------------
  function add(line) {
    var item = document.createElement("li");
    item.className = "line from-" + line.speaker + (line.speaker === side ? " mine" : "");
    item.dataset.mark = line.mark;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = speakers[line.speaker] || "";
    var text = document.createElement("p");
    text.className = "text";
    text.lang = line.language;
    text.textContent = line.text;
    item.appendChild(who);
    item.appendChild(text);
    if (line.label) {
      var mark = document.createElement("span");
      mark.className = "mark";
      mark.textContent = line.label;
      item.appendChild(mark);
    }
    if (line.original) {
      var original = document.createElement("p");
      original.className = "original";
      original.lang = line.original_language;
      original.textContent = line.original;
      item.appendChild(original);
    }
    said.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
    if (side === "visitor" && line.speaker !== side) speak(line.text, line.language);
  }
  var events = new EventSource(root.dataset.stream);
  events.addEventListener("line", function (event) { add(JSON.parse(event.data)); });
  events.addEventListener("joined", function () {
    var joined = root.querySelector("[data-joined]");
    if (joined) joined.hidden = false;
  });
  events.addEventListener("ended", function () {
    events.close();
    window.location.assign(side === "clerk" ? "/counter" : "/talk");
  });

  // --- The join code on the counter's screen -------------------------------------------
  var box = root.querySelector("[data-invite]");
  function invite() {
    fetch(box.dataset.invite, {
      method: "POST",
      headers: { "x-requested-with": "fetch", "x-csrf-token": csrf },
      credentials: "same-origin",
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        box.dataset.joinUrl = answer.url;
        if (window.qrcode) {
          var qr = qrcode(0, "M");
          qr.addData(answer.url);
          qr.make();
          box.innerHTML = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
        }
        window.setTimeout(invite, Math.max(30, answer.seconds - 30) * 1000);
      });
  }
  if (box) invite();

  // --- A copy for the visitor, made on their own device --------------------------------
  var keep = root.querySelector("[data-keep]");
  if (keep) {
    keep.addEventListener("click", function () {
      var lines = Array.prototype.map.call(said.querySelectorAll("li"), function (li) {
        var who = li.querySelector(".who").textContent;
        var text = li.querySelector(".text").textContent;
        var original = li.querySelector(".original");
        return who + ": " + text + (original ? " (" + original.textContent + ")" : "");
      });
      var file = new Blob([lines.join("\n") + "\n"], { type: "text/plain;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = "conversation.txt";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  // The phrasebook page is kept for use offline by the service worker.
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" });
})();
