// The phrasebook page registers the service worker, which keeps it for use with no connection.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" });
})();
