// Runs before the first paint, from the page's head. The page carries a static first view (the
// header and, for a first visit, the welcome) that shows while the app's module downloads.
// This decides what of it fits this visit, and sets the colour theme the way the app's theme
// switch will, so nothing changes colour when the app starts.
//
// When the app starts it marks the first view `retired` (ui::start), which hides it at once
// without taking it out of the page; it is removed here once the browser has recorded the
// largest paint (or after a few seconds). Taking it out at once can drop that record when the
// module arrives quickly, and the app's identical copy would then count as the largest paint.
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

  var painted = false;
  function removeIfDone() {
    var view = document.getElementById("first-view");
    if (view && painted && view.classList.contains("retired")) view.remove();
  }
  try {
    new PerformanceObserver(function () {
      painted = true;
      removeIfDone();
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) {
    painted = true;
  }
  setTimeout(function () {
    painted = true;
    removeIfDone();
  }, 3000);
  addEventListener("TrunkApplicationStarted", removeIfDone);
})();
