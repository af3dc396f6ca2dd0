// Keeps "My pass" readable with no connection: the page and what it needs are cached when
// visited online; online, the network always wins so nothing stale is shown.
"use strict";
var CACHE = "omotenashi-pass-v2";
var ASSETS = ["/static/app.css", "/static/pass.js", "/static/phrasebook.js", "/static/vendor/qrcode-generator.js",
  "/static/vendor/htmx.min.js"];
// The pages themselves are personal: cached only from a signed-in visit, never here.
var KEEP = ["/pass", "/alerts"].concat(ASSETS);

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  // The phrasebook in each language is public and kept too, for a counter with no connection.
  var phrasebook = url.pathname.indexOf("/phrasebook/") === 0;
  if (KEEP.indexOf(url.pathname) < 0 && !phrasebook) return;
  event.respondWith(fetch(event.request).then(function (response) {
    // A page with a query carries a one-off notice ("card received"): not the copy to keep.
    if (response.ok && !response.redirected && !url.search) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(url.pathname);
  }));
});

// Official alerts pushed by the platform (RFC 8030/8291): shown at once, one per alert.
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  var title = data.notice ? "✕ " + (data.type || "") : (data.headline || "Omotenashi Cloud");
  var body = data.notice ? "" : [].concat(data.lines || [], data.action ? [data.action] : []).join("\n");
  event.waitUntil(self.registration.showNotification(title, {
    body: body,
    tag: data.alert_id || "omotenashi",
    renotify: true,
    requireInteraction: (data.severity || 0) >= 4,
    lang: data.language,
    data: { url: data.url || "/alerts" },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
