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
  // A result links to the section (a heading with an id) that holds most of its matches, not the page's top.
  function toSection(result) {
    var best = null;
    (result.sub_results || []).forEach(function (sub) {
      if (!best || (sub.locations || []).length > (best.locations || []).length) { best = sub; }
    });
    if (best && best.url) { result.url = best.url; }
    return result;
  }
  new PagefindUI({ element: "#search", bundlePath: bundle, baseUrl: base, showSubResults: false, showImages: false,
                   processResult: toSection });
})();
