// Runs before the first paint, from the page's head. The page carries a static first view (the
// header and, for a first visit, the welcome) that shows while the app's module downloads; the
// app removes it as it starts (ui::start). This decides what of it fits this visit, and sets the
// colour theme the way the app's theme switch will, so nothing changes colour when it starts.
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
})();
