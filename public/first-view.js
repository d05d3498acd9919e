// Runs before the first paint, from the page's head. The page carries a static first view (the
// header and, for a first visit, the welcome) that shows while the app's module downloads.
// This decides what of it fits this visit, and sets the colour theme the way the app's theme
// switch will, so nothing changes colour when the app starts.
//
// When the app starts it removes the first view if the browser has recorded its largest paint;
// otherwise it marks it `retired` (ui::start), hidden at once but still in the page, and it is
// removed here once the paint is recorded (or after ten seconds). Taking it out before then
// can drop that record when the module arrives quickly, and the app's identical copy would
// then count as the largest paint.
(function () {
  var root = document.documentElement;
  var first = false;
  var theme = null;
  try {
    first = !localStorage.getItem("hatrack.workspace.v1") && /^(#\/?(incidents\/?)?)?$/.test(location.hash);
    theme = localStorage.getItem("hatrack.theme");
  } catch (e) {
    // Storage off: the app will say so; show only the header until then.
  }
  if (!first) root.classList.add("returning");
  if (theme !== "light" && theme !== "dark") {
    theme = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  root.setAttribute("data-theme", theme);

  // The largest text the first view shows: the welcome's lead for a first visit, else nothing
  // worth waiting for (the header is painted with the first frame either way).
  function largest() {
    var lead = document.querySelector("#first-view .welcome > p:not(.h2)");
    if (!lead || !lead.getClientRects().length) return 0;
    var box = lead.getBoundingClientRect();
    return box.width * box.height;
  }
  var painted = false;
  // Once the paint is recorded the app may remove the first view itself when it starts
  // (ui::start reads data-first-painted); if it started first, the view goes from here.
  function removeIfDone() {
    if (!painted) return;
    root.setAttribute("data-first-painted", "");
    var view = document.getElementById("first-view");
    if (view && view.classList.contains("retired")) view.remove();
  }
  try {
    new PerformanceObserver(function (list) {
      var want = largest() * 0.9;
      list.getEntries().forEach(function (entry) {
        if (entry.size >= want) painted = true;
      });
      removeIfDone();
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) {
    painted = true;
    removeIfDone();
  }
  setTimeout(function () {
    painted = true;
    removeIfDone();
  }, 10000);
})();
