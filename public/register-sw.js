// Registers the service worker and, when a new deploy has been downloaded, offers a reload.
// The new version is only switched to when the user asks, so nobody is reloaded mid-edit.
(function () {
  if (!("serviceWorker" in navigator)) return;
  let reloading = false;
  function offer(worker) {
    if (document.getElementById("update-notice")) return;
    const box = document.createElement("div");
    box.id = "update-notice";
    box.className = "update-notice";
    box.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "A new version of Hatrack is available. ";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload to update";
    button.addEventListener("click", function () {
      reloading = true;
      worker.postMessage("skip-waiting");
    });
    box.append(text, button);
    document.body.append(box);
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
  });
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("./sw.js").then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", function () {
        const worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      });
    }).catch(function () { /* offline support is a bonus; the app works without it */ });
  });
})();
