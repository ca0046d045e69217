// The browser side of a course question (course/widgets/view.py): native radio buttons or checkboxes in a
// fieldset, so that long options wrap, arrow keys move within a radio group (the browser's own behaviour),
// and screen readers announce the group. The kernel decides everything else (scores, feedback); this file
// only draws what the model says and tells the kernel which button was pressed.

let groups = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// JupyterLab would read arrow keys as « next cell » and « D D » as « delete this cell » while a question has
// focus. Lumino looks for this attribute from the focused element up to the first element its shortcut's
// selector matches, which is the focused element itself: so every element that can take focus carries it.
function keysStayHere(node) {
  node.setAttribute("data-lm-suppress-shortcuts", "true");
  return node;
}

function render({ model, el }) {
  const group = `cours-groupe-${++groups}`;
  const card = element("div", "cours-carte");

  const heading = element("div", "cours-entete");
  const history = element("div", "cours-parcours");
  const prompt = element("div", "cours-enonce");
  prompt.id = `${group}-enonce`;
  const fieldset = element("fieldset", "cours-options");
  fieldset.setAttribute("aria-labelledby", prompt.id);
  const actions = element("div", "cours-actions");
  const primary = keysStayHere(element("button", "cours-bouton cours-bouton--principal cours-valider"));
  const secondary = keysStayHere(element("button", "cours-bouton cours-reessayer"));
  primary.type = secondary.type = "button";
  actions.append(primary, secondary);
  const feedback = element("div", "cours-feedback"); // no suppression: Ctrl+S must still save from here
  feedback.tabIndex = -1; // focus lands here after « Valider », so the learner reads the verdict next
  card.append(heading, history, prompt, fieldset, actions, feedback);
  el.append(card);

  // Kernel-built HTML: bank text is escaped and learner text never reaches these fields.
  const html = (node, name) => {
    node.innerHTML = model.get(name);
    node.hidden = model.get(name) === "";
  };

  function drawOptions() {
    const kind = model.get("kind");
    const chosen = new Set(model.get("value"));
    const marks = model.get("marks");
    const disabled = model.get("disabled");
    fieldset.replaceChildren();
    fieldset.hidden = kind === "none";
    fieldset.className = `cours-options cours-options--${kind}`;
    for (const option of model.get("options")) {
      const label = element("label", "cours-option");
      const input = keysStayHere(element("input"));
      input.type = kind === "multiple" ? "checkbox" : "radio";
      input.name = group;
      input.value = option.id;
      input.checked = chosen.has(option.id);
      input.disabled = disabled;
      input.addEventListener("change", () => {
        const ticked = [...fieldset.querySelectorAll("input:checked")].map((box) => box.value);
        model.set("value", ticked);
        model.save_changes();
      });
      label.append(input, element("span", "cours-option-texte", option.label));
      const mark = marks[option.id];
      if (mark) {
        label.classList.add(`cours-option--${mark}`);
        // The verdict is said in words and by an icon, never by colour alone.
        const word = {juste: "✔ juste", faux: "✘ à revoir", attendue: "✔ bonne réponse"}[mark];
        label.append(element("span", "cours-marque", word));
      }
      fieldset.append(label);
    }
  }

  // A click or an arrow key changes the value here first: only the ticks follow, so focus stays put.
  function syncValue() {
    const chosen = new Set(model.get("value"));
    for (const input of fieldset.querySelectorAll("input")) input.checked = chosen.has(input.value);
  }

  function drawButtons() {
    for (const [button, name] of [[primary, "primary_label"], [secondary, "secondary_label"]]) {
      button.textContent = model.get(name);
      button.hidden = model.get(name) === "";
    }
    primary.disabled = model.get("disabled");
  }

  function draw() {
    html(heading, "heading");
    html(history, "history");
    html(prompt, "prompt");
    html(feedback, "feedback");
    drawOptions();
    drawButtons();
  }

  const redraw = {
    heading: () => html(heading, "heading"), history: () => html(history, "history"),
    prompt: () => html(prompt, "prompt"), feedback: () => html(feedback, "feedback"),
    options: drawOptions, kind: drawOptions, marks: drawOptions, value: syncValue,
    disabled: () => { drawOptions(); drawButtons(); },
    primary_label: drawButtons, secondary_label: drawButtons,
  };

  // The choice on screen goes with the click: « Valider » judges what the learner sees ticked, even if the last
  // change of value is still on its way to the kernel.
  primary.addEventListener("click", () => model.send({
    action: "primary", value: [...fieldset.querySelectorAll("input:checked")].map((box) => box.value) }));
  secondary.addEventListener("click", () => model.send({ action: "secondary" }));

  // The kernel asks for focus after it has drawn the answer to a click: the feedback, the last consequence
  // of a scenario, or the options again (after « Réessayer »).
  model.on("change:focus", () => setTimeout(() => {
    const target = model.get("focus").target;
    const node = target === "options" ? fieldset.querySelector("input")
      : target === "consequence" ? (history.querySelector(".cours-pas:last-child") || feedback)
      : feedback;
    if (!node) return;
    if (node.tagName !== "INPUT") node.tabIndex = -1;
    node.focus();
  }));

  for (const [name, update] of Object.entries(redraw)) model.on(`change:${name}`, update);
  draw();
  return () => card.remove();
}

export default { render };
