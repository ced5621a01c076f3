// Authlab's only script besides go-app's: it applies the theme the visitor
// picked before the page is painted, and turns go-app's loading label into
// a progress bar. It reads nothing but its own localStorage entry.
(function () {
  try {
    var theme = localStorage.getItem("authlab-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {}

  function watch() {
    var loader = document.getElementById("app-wasm-loader");
    var label = document.getElementById("app-wasm-loader-label");
    if (!loader || !label) return;
    loader.setAttribute("role", "progressbar");
    loader.setAttribute("aria-label", "Loading the tools");
    loader.setAttribute("aria-valuemin", "0");
    loader.setAttribute("aria-valuemax", "100");
    var update = function () {
      var m = /(\d+)%/.exec(label.textContent || "");
      if (!m) return;
      loader.style.setProperty("--progress", Math.max(3, Math.min(100, +m[1])) + "%");
      loader.setAttribute("aria-valuenow", m[1]);
    };
    new MutationObserver(update).observe(label, { childList: true, characterData: true, subtree: true });
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
