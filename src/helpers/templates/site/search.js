(function () {
  var box = document.getElementById("search");
  if (!box) { return; }
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") {
    box.textContent = box.getAttribute("data-file-notice");
    box.className += " notice";
    return;
  }
  // Result links relative to where the site is served (a sub-folder of a host works too).
  var script = document.querySelector("script[src$='pagefind/pagefind-ui.js']");
  var bundle = new URL(script.getAttribute("src").replace(/pagefind-ui\.js$/, ""), location.href).pathname;
  var base = bundle.replace(/pagefind\/$/, "");
  new PagefindUI({ element: "#search", bundlePath: bundle, baseUrl: base, showSubResults: false, showImages: false });
})();
