/*
 * window.coursWhenApp(then): calls then(app) with JupyterLab's application once the page has it (window.jupyterapp,
 * exposeAppInBrowser in config/jupyter-lite.json), or never if it has not come within two minutes. JupyterLab's
 * page of the site loads it before its other scripts (lms.js, narrow.js; course/site/build.py, PAGE_SCRIPTS).
 */
(function () {
  "use strict";

  var WAIT_MS = 120000;
  var STEP_MS = 250;

  window.coursWhenApp = function (then) {
    var waited = 0;
    (function poll() {
      if (window.jupyterapp) {
        then(window.jupyterapp);
      } else if ((waited += STEP_MS) < WAIT_MS) {
        setTimeout(poll, STEP_MS);
      }
    })();
  };
})();
