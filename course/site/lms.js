/*
 * The course's link to a learning platform (LMS) that launches it as a SCORM package (course/scorm/, issue 23).
 * JupyterLab's page of the site loads it (course/site/build.py, link_lms); it needs nothing of JupyterLab.
 *
 * - It looks for the LMS's API as the standard says: in this window and up to 7 parents (to the top), then in the
 *   window that opened it and its parents: API_1484_11 (SCORM 2004) first, then API (SCORM 1.2).
 * - Found: it initializes the session once, sets the status to "incomplete" on the first launch (a status the LMS
 *   already holds, such as "completed", is kept), and when the learner leaves the page it reports the session's
 *   time, commits and terminates.
 * - Not found (the site opened directly): it does nothing and shows nothing.
 * - An LMS that answers "false", an error code or throws never breaks the page: every call is caught.
 *
 * Not yet: completion, score, interactions and suspend data (the next step of issue 23).
 */
(function () {
  "use strict";

  var MAX_PARENTS = 7;
  var RUNTIMES = [
    {
      api: "API_1484_11", initialize: "Initialize", getValue: "GetValue", setValue: "SetValue", commit: "Commit",
      terminate: "Terminate", status: "cmi.completion_status", firstLaunch: ["unknown", "not attempted", ""],
      sessionTime: "cmi.session_time", duration: isoDuration
    },
    {
      api: "API", initialize: "LMSInitialize", getValue: "LMSGetValue", setValue: "LMSSetValue", commit: "LMSCommit",
      terminate: "LMSFinish", status: "cmi.core.lesson_status", firstLaunch: ["not attempted", ""],
      sessionTime: "cmi.core.session_time", duration: scorm12Timespan
    }
  ];

  /** window[name], or null where it is absent or another origin's. */
  function property(win, name) {
    try {
      return win[name] || null;
    } catch (error) {
      return null;
    }
  }

  /** The API named name in win or one of its parents, up to MAX_PARENTS levels (the top at most). */
  function inFrames(win, name) {
    for (var level = 0; win && level <= MAX_PARENTS; level++) {
      var api = property(win, name);
      if (api) {
        return api;
      }
      var parent = property(win, "parent");
      if (!parent || parent === win) {
        return null;
      }
      win = parent;
    }
    return null;
  }

  /** {runtime, api} of the first LMS API found, or null. */
  function findLms() {
    var top = property(window, "top");
    var places = [window, property(window, "opener"), top && property(top, "opener")];
    for (var r = 0; r < RUNTIMES.length; r++) {
      for (var p = 0; p < places.length; p++) {
        var api = places[p] ? inFrames(places[p], RUNTIMES[r].api) : null;
        if (api && typeof api[RUNTIMES[r].initialize] === "function") {
          return {runtime: RUNTIMES[r], api: api};
        }
      }
    }
    return null;
  }

  /** "HHHH:MM:SS.SS" (SCORM 1.2's CMITimespan, two to four digits of hours). */
  function scorm12Timespan(milliseconds) {
    var centiseconds = Math.round(milliseconds / 10);
    var hours = Math.min(Math.floor(centiseconds / 360000), 9999);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = (centiseconds % 6000) / 100;
    function two(number) {
      return (number < 10 ? "0" : "") + number;
    }
    return two(hours) + ":" + two(minutes) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
  }

  /** "PT1H2M3.45S" (SCORM 2004's timeinterval, an ISO 8601 duration, to the hundredth of a second). */
  function isoDuration(milliseconds) {
    var centiseconds = Math.round(milliseconds / 10);
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = (centiseconds % 6000) / 100;
    return "PT" + (hours ? hours + "H" : "") + (hours || minutes ? minutes + "M" : "") + seconds.toFixed(2) + "S";
  }

  var lms = null;
  var started = 0;
  var finished = false;

  /** api.method(args…) as a string, "" when it throws. */
  function call(method) {
    try {
      return String(lms.api[lms.runtime[method]].apply(lms.api, Array.prototype.slice.call(arguments, 1)));
    } catch (error) {
      return "";
    }
  }

  function start() {
    lms = findLms();
    if (!lms || call("initialize", "") !== "true") {
      lms = null;
      return;
    }
    started = Date.now();
    if (lms.runtime.firstLaunch.indexOf(call("getValue", lms.runtime.status)) >= 0) {
      call("setValue", lms.runtime.status, "incomplete");
    }
    window.addEventListener("beforeunload", save);
    window.addEventListener("pagehide", finish);
  }

  /** The session's time so far, committed: the learner may still stay (a page asking to confirm leaving it). */
  function save() {
    if (lms && !finished) {
      call("setValue", lms.runtime.sessionTime, lms.runtime.duration(Date.now() - started));
      call("commit", "");
    }
  }

  /** The page is going: the session's time, committed, and the session terminated, once. */
  function finish() {
    if (lms && !finished) {
      save();
      finished = true;
      call("terminate", "");
    }
  }

  try {
    start();
  } catch (error) {
    lms = null;
  }
})();
