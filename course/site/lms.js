/*
 * The course's link to a learning platform (LMS) that launches it as a SCORM package (course/scorm/).
 * JupyterLab's page of the site loads it (course/site/build.py, PAGE_SCRIPTS). It decides nothing: the learner's
 * kernel computes what to report (course/learner/lms.py) and posts it on the BroadcastChannel CHANNEL after each
 * write of the learner's file; this script names it in the LMS's version of SCORM and sends it.
 *
 * - It looks for the LMS's API as the standard says: in this window and up to 7 parents (to the top), then in the
 *   window that opened it and its parents: API_1484_11 (SCORM 2004) first, then API (SCORM 1.2).
 * - Found: it initializes the session once, sets the status to "incomplete" on the first launch (a status the LMS
 *   already holds is kept) and then says, once, in a French notice, what the platform receives; it hands the progress the LMS kept (suspend data) to the kernel, as the file
 *   mes-donnees/reprise-plateforme.json of the site's drive, which the next read of the learner's file merges.
 * - Each report: completion and progress, the final test's score and passed/failed against the LMS's pass mark
 *   (the manifest's, else the report's default), one interaction per final-test question, the suspend data;
 *   only what changed is written, then committed. When the learner leaves the page: the session's time, exit
 *   "suspend" (the LMS keeps the suspend data for the next launch), commit, terminate.
 * - Not found (the site opened directly): it does nothing and shows nothing.
 * - An LMS that answers "false", an error code or throws never breaks the page: every call is caught, the
 *   learner's progress stays in the browser, and a French notice says the platform did not record it; what was
 *   refused is sent again with the next report.
 */
(function () {
  "use strict";

  var MAX_PARENTS = 7;
  var CHANNEL = "cours-plateforme";
  var RESUME_FOLDER = "mes-donnees";
  var RESUME_FILE = RESUME_FOLDER + "/reprise-plateforme.json";
  var NOT_RECORDED = "La plateforme de formation n’a pas enregistré votre progression. Vous pouvez continuer\u00a0: " +
    "elle reste enregistrée dans ce navigateur, et le cours la transmettra de nouveau à la plateforme quand vous " +
    "avancerez.";
  var NOT_TRACKED = "La plateforme de formation n’a pas ouvert le suivi de cette session\u00a0: votre progression " +
    "reste enregistrée dans ce navigateur, mais la plateforme ne la recevra pas. Pour qu’elle la reçoive, fermez " +
    "le cours et rouvrez-le depuis la plateforme.";
  var TRACKED = "Vous avez ouvert ce cours depuis votre plateforme de formation\u00a0: elle reçoit votre progression " +
    "(vos réponses comprises) et le résultat du test final, pour le suivi de votre formation. Le reste de vos " +
    "données demeure dans ce navigateur.";
  var RUNTIMES = [
    {
      api: "API_1484_11", initialize: "Initialize", getValue: "GetValue", setValue: "SetValue", commit: "Commit",
      terminate: "Terminate", status: "cmi.completion_status", firstLaunch: ["unknown", "not attempted", ""],
      sessionTime: "cmi.session_time", duration: isoDuration, suspend: "cmi.suspend_data", exit: "cmi.exit",
      passMark: "cmi.scaled_passing_score", passScale: 100, values: values2004,
      interaction: {response: "learner_response", separator: "[,]", incorrect: "incorrect", description: true}
    },
    {
      api: "API", initialize: "LMSInitialize", getValue: "LMSGetValue", setValue: "LMSSetValue", commit: "LMSCommit",
      terminate: "LMSFinish", status: "cmi.core.lesson_status", firstLaunch: ["not attempted", ""],
      sessionTime: "cmi.core.session_time", duration: scorm12Timespan, suspend: "cmi.suspend_data",
      exit: "cmi.core.exit", passMark: "cmi.student_data.mastery_score", passScale: 1, values: values12,
      interaction: {response: "student_response", separator: ",", incorrect: "wrong", description: false}
    }
  ];
  var DONE = ["completed", "passed"];  // a status the course never takes back

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

  /** SCORM 1.2 has one status for completion and success: failed once the final test is under the pass mark,
   *  passed once it is over with every step done, incomplete before. */
  function values12(report, passed) {
    var status = passed === false ? "failed" : passed && report.completed ? "passed" :
      report.completed ? "completed" : "incomplete";
    var pairs = [["cmi.core.lesson_status", status]];
    if (report.score !== null) {
      pairs.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(report.score)]);
    }
    return pairs;
  }

  /** SCORM 2004 keeps completion (every step done) and success (the final test's pass mark) apart. */
  function values2004(report, passed) {
    var pairs = [["cmi.completion_status", report.completed ? "completed" : "incomplete"],
                 ["cmi.progress_measure", String(report.progress)]];
    if (report.score !== null) {
      pairs.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(report.score)],
                 ["cmi.score.scaled", String(Math.round(report.score * 100) / 10000)],
                 ["cmi.success_status", passed ? "passed" : "failed"]);
    }
    return pairs;
  }

  /** The elements of one interaction record, in the order SCORM 2004 needs (its type before its response). */
  function interactionValues(runtime, index, record) {
    var form = runtime.interaction;
    var prefix = "cmi.interactions." + index + ".";
    var pairs = [[prefix + "id", record.id], [prefix + "type", record.type],
                 [prefix + "weighting", String(record.weighting)]];
    if (record.response.length) {
      pairs.push([prefix + form.response, record.response.join(form.separator)]);
    }
    pairs.push([prefix + "result", record.result === "incorrect" ? form.incorrect : String(record.result)]);
    if (form.description) {
      pairs.push([prefix + "description", "{lang=fr}" + record.description]);
    }
    return pairs;
  }

  var lms = null;
  var started = 0;
  var finished = false;
  var sent = {};  // element -> the value the LMS accepted
  var passMark = null;  // the LMS's, in % of the maximum, when it has one
  var reports = null;  // the channel the kernel's reports come by

  /** api.method(args…) as a string, "" when it throws. */
  function call(method) {
    try {
      return String(lms.api[lms.runtime[method]].apply(lms.api, Array.prototype.slice.call(arguments, 1)));
    } catch (error) {
      return "";
    }
  }

  /** A French notice at the foot of the page, once per text, that the learner can close. */
  function notice(text) {
    if (!document.body) {
      document.addEventListener("DOMContentLoaded", function () { notice(text); });
      return;
    }
    var shown = document.getElementById("cours-plateforme-avis");
    if (shown && shown.getAttribute("data-texte") === text) {
      shown.style.display = "flex";
      return;
    }
    if (shown) {
      shown.parentNode.removeChild(shown);
    }
    var box = document.createElement("div");
    box.id = "cours-plateforme-avis";
    box.setAttribute("role", "status");
    box.setAttribute("data-texte", text);
    box.style.cssText = "position:fixed;left:1em;right:1em;bottom:2.5em;z-index:10000;max-width:52em;margin:0 auto;" +
      "padding:.75em 1em;border:2px solid #8a6100;border-radius:4px;background:#fff8e1;color:#1a1a1a;" +
      "font:15px/1.4 system-ui,sans-serif;display:flex;gap:1em;align-items:flex-start";
    var message = document.createElement("p");
    message.style.margin = "0";
    message.style.flex = "1";
    message.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Fermer";
    close.style.cssText = "font:inherit;padding:.25em .75em;cursor:pointer";
    close.addEventListener("click", function () { box.style.display = "none"; });
    box.appendChild(message);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  /** Each pair whose value the LMS does not hold yet, written; false if the LMS refused one. */
  function write(pairs) {
    var accepted = true;
    for (var i = 0; i < pairs.length; i++) {
      var element = pairs[i][0], value = pairs[i][1];
      if (sent[element] === value) {
        continue;
      }
      if (call("setValue", element, value) === "true") {
        sent[element] = value;
      } else {
        accepted = false;
      }
    }
    return accepted;
  }

  /** One report of the kernel, sent to the LMS and committed if anything changed. */
  function send(report) {
    if (!lms || finished) {
      return;
    }
    var runtime = lms.runtime;
    var pass = passMark !== null ? passMark : report.pass_percent;
    var passed = report.score === null ? null : report.score >= pass;
    var pairs = runtime.values(report, passed).filter(function (pair) {
      return !(pair[0] === runtime.status && DONE.indexOf(sent[runtime.status]) >= 0 && pair[1] === "incomplete");
    });
    for (var n = 0; n < report.interactions.length; n++) {
      pairs = pairs.concat(interactionValues(runtime, n, report.interactions[n]));
    }
    pairs.push([runtime.suspend, report.suspend]);
    var before = JSON.stringify(sent);
    var accepted = write(pairs);
    if (JSON.stringify(sent) !== before && call("commit", "") !== "true") {
      sent = {};  // not kept: everything goes again with the next report
      accepted = false;
    }
    if (!accepted) {
      notice(NOT_RECORDED);
    }
  }

  /** The progress the LMS kept, written where the learner's kernel merges it (once JupyterLab's files are ready). */
  function handOver(suspended) {
    window.coursWhenApp(function (app) {
      var contents = app.serviceManager.contents;
      contents.get(RESUME_FOLDER, {content: false}).catch(function () {
        return contents.save(RESUME_FOLDER, {type: "directory"});
      }).then(function () {
        return contents.save(RESUME_FILE, {type: "file", format: "text", content: suspended});
      }).catch(function () {
        // The learner starts from this browser's progress; the LMS keeps its own for the next launch.
      });
    });
  }

  function start() {
    lms = findLms();
    if (!lms) {
      return;
    }
    if (call("initialize", "") !== "true") {
      lms = null;
      notice(NOT_TRACKED);
      return;
    }
    started = Date.now();
    var status = call("getValue", lms.runtime.status);
    if (lms.runtime.firstLaunch.indexOf(status) >= 0) {
      notice(write([[lms.runtime.status, "incomplete"]]) ? TRACKED : NOT_RECORDED);
    } else {
      sent[lms.runtime.status] = status;
    }
    var mark = parseFloat(call("getValue", lms.runtime.passMark));
    passMark = isNaN(mark) ? null : mark * lms.runtime.passScale;
    var suspended = call("getValue", lms.runtime.suspend);
    if (suspended) {
      sent[lms.runtime.suspend] = suspended;
      handOver(suspended);
    }
    if (typeof BroadcastChannel === "function") {
      reports = new BroadcastChannel(CHANNEL);
      reports.onmessage = function (event) {
        try {
          send(JSON.parse(event.data));
        } catch (error) {
          // A report this version cannot read: the next one may be.
        }
      };
    }
    window.addEventListener("beforeunload", save);
    window.addEventListener("pagehide", finish);
  }

  /** The session's time so far, committed: the learner may still stay (a page asking to confirm leaving it). */
  function save() {
    if (lms && !finished) {
      call("setValue", lms.runtime.sessionTime, lms.runtime.duration(Date.now() - started));
      call("setValue", lms.runtime.exit, "suspend");
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
