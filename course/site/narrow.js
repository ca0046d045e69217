/*
 * The site on a phone (or in a narrow LMS frame). JupyterLab opens its file browser beside the module as the page
 * starts (JupyterLite shows the file opened by the address in the browser), which leaves the module about 50 px
 * wide on a phone. On a screen narrower than NARROW, the side panel is closed each time the page opens it, until
 * the learner first touches, clicks or types: from then on the folder icon on the left opens it as usual.
 * JupyterLab's page of the site loads this script after jupyterapp.js (course/site/build.py, PAGE_SCRIPTS).
 */
(function () {
  "use strict";

  var NARROW = "(max-width: 760px)";

  if (!window.matchMedia || !window.matchMedia(NARROW).matches) {
    return;
  }
  var learnerActed = false;
  ["pointerdown", "keydown"].forEach(function (type) {
    window.addEventListener(type, function () { learnerActed = true; }, {capture: true, once: true});
  });
  window.coursWhenApp(function (app) {
    function closeSidePanel() {
      if (!learnerActed && !app.shell.leftCollapsed) {
        app.shell.collapseLeft();
      }
    }
    app.restored.then(closeSidePanel);
    app.shell.layoutModified.connect(closeSidePanel);
  });
})();
