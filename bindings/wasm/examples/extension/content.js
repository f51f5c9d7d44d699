// The content script: on the hosts the agent allowed (options page), it watches the textarea or
// contenteditable editor the agent types in, has the service worker analyse its text after a
// pause in typing, and draws an underline under each finding. The underlines live in an overlay
// (an open shadow root on <replylint-overlay>, a child of <html>), laid over the editor: the
// page's text and DOM are never touched.
//
// Spans come from the analyzer in UTF-16 units, which are DOM text offsets: a textarea's span
// is measured in a hidden mirror of it, a contenteditable's directly in its text nodes, both
// with Range.getClientRects().
(() => {
  const { CATEGORIES, hostAllowed, load } = globalThis.replylint;
  const CATEGORY = new Map(CATEGORIES.map((c) => [c.id, c]));
  // A pause this long ends a burst of typing; shorter and the worker analyses every keystroke.
  const DEBOUNCE_MS = 120;
  // Block elements end a line in a contenteditable's text, as they do on screen.
  const BLOCKS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE",
    "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV",
    "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL",
  ]);
  // What a mirror copies from its textarea, so that the text wraps at the same places.
  const MIRRORED = [
    "direction", "fontFamily", "fontSize", "fontStyle", "fontVariant", "fontWeight", "fontStretch",
    "fontFeatureSettings", "fontKerning", "lineHeight", "letterSpacing", "wordSpacing", "textAlign",
    "textIndent", "textTransform", "tabSize", "whiteSpace", "overflowWrap", "wordBreak",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
    "borderTopStyle", "borderRightStyle", "borderBottomStyle", "borderLeftStyle",
  ];
  const STYLE = `
    :host { all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible;
            z-index: 2147483646; pointer-events: none; }
    .clip { position: fixed; overflow: hidden; }
    .mirror { position: fixed; visibility: hidden; overflow: hidden; box-sizing: content-box;
              border-color: transparent; margin: 0; }
    .underline { position: absolute; box-sizing: border-box; border-bottom: 2px solid var(--c);
                 border-radius: 1px; }
    .underline.active { background: color-mix(in srgb, var(--c) 16%, transparent); }
    .card { position: fixed; z-index: 1; max-width: 22rem; padding: 0.6rem 0.75rem; border-radius: 8px;
            border-top: 4px solid var(--c); background: #fff; color: #1f2328;
            box-shadow: 0 6px 24px rgb(0 0 0 / 18%), 0 0 0 1px rgb(0 0 0 / 8%);
            font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; }
    .card[hidden] { display: none; }
    .card header { display: flex; gap: 0.5rem; justify-content: space-between; font-weight: 600;
                   color: var(--c); }
    .card header code { font: 11px ui-monospace, monospace; color: #59636e; }
    .card q { display: block; margin: 0.35rem 0; font-style: italic; }
    .card p { margin: 0.35rem 0 0; }
    .card .suggestion b { color: #1a7f37; }
  `;

  let settings = null;
  let active = false;
  let overlay = null; // { host, root, card }
  const editors = new Map(); // editor element → its state, below
  let frame = 0;

  // ---- settings -------------------------------------------------------------------------

  async function applySettings() {
    settings = await load();
    const allowed = hostAllowed(settings.hosts, location.hostname);
    if (allowed !== active) (allowed ? start : stop)();
    else if (active) scheduleLayout();
  }

  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === "sync") applySettings().catch(reportError);
  });
  applySettings().catch(reportError);

  function start() {
    active = true;
    document.addEventListener("focusin", onFocus, true);
    document.addEventListener("input", onInput, true);
    document.addEventListener("scroll", scheduleLayout, { capture: true, passive: true });
    document.addEventListener("mousemove", onMouseMove, { capture: true, passive: true });
    window.addEventListener("resize", scheduleLayout, { passive: true });
    const focused = editableRoot(document.activeElement);
    if (focused) watch(focused);
  }

  function stop() {
    active = false;
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("input", onInput, true);
    document.removeEventListener("scroll", scheduleLayout, { capture: true });
    document.removeEventListener("mousemove", onMouseMove, { capture: true });
    window.removeEventListener("resize", scheduleLayout);
    for (const state of editors.values()) forget(state);
    overlay?.host.remove();
    overlay = null;
  }

  function reportError(err) {
    // The extension was reloaded or removed under this page: this copy of the script is
    // orphaned and can only stop.
    if (String(err?.message).includes("Extension context invalidated")) return stop();
    console.warn("replylint:", err);
  }

  // ---- editors --------------------------------------------------------------------------

  /** The textarea or the contenteditable editing host that `el` is or lies in, else null. */
  function editableRoot(el) {
    if (!(el instanceof HTMLElement)) return null;
    if (el instanceof HTMLTextAreaElement) return el.readOnly || el.disabled ? null : el;
    if (!el.isContentEditable) return null;
    while (el.parentElement?.isContentEditable) el = el.parentElement;
    return el;
  }

  function onFocus(event) {
    const el = editableRoot(event.target);
    if (!el) return;
    // Chrome stops an idle service worker after 30 s; a restarted one needs half a second or
    // more to build its analyzer (docs/extension.md). Asking for it now, as the agent comes
    // back to the editor, takes that off the first keystroke.
    chrome.runtime.sendMessage({ type: "replylint.warm" }).catch(reportError);
    watch(el);
  }

  function onInput(event) {
    const state = editors.get(editableRoot(event.target));
    if (!state) return;
    state.layer.dataset.replylintState = "pending";
    // Keep the last findings that still match the text under the caret's edit until the new
    // ones arrive; the rest disappear at once.
    scheduleLayout();
    clearTimeout(state.timer);
    state.timer = setTimeout(() => analyze(state), DEBOUNCE_MS);
  }

  let nextEditor = 0;

  function watch(el) {
    if (editors.has(el)) return;
    const { root } = ensureOverlay();
    const layer = document.createElement("div");
    layer.className = "clip";
    layer.dataset.replylintEditor = String(nextEditor++);
    layer.dataset.replylintKind = el instanceof HTMLTextAreaElement ? "textarea" : "contenteditable";
    layer.dataset.replylintState = "pending";
    root.append(layer);
    const resized = new ResizeObserver(scheduleLayout);
    resized.observe(el);
    const state = { el, layer, mirror: null, resized, findings: [], analysed: null, seq: 0, timer: 0, hits: [] };
    if (el instanceof HTMLTextAreaElement) {
      state.mirror = document.createElement("div");
      state.mirror.className = "mirror";
      state.mirror.setAttribute("aria-hidden", "true");
      root.append(state.mirror);
    }
    editors.set(el, state);
    analyze(state);
  }

  /** Stops watching an editor (removed from the page, or the host no longer allowed). */
  function forget(state) {
    clearTimeout(state.timer);
    state.resized.disconnect();
    state.layer.remove();
    state.mirror?.remove();
    editors.delete(state.el);
  }

  function ensureOverlay() {
    if (overlay) return overlay;
    const host = document.createElement("replylint-overlay");
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const card = document.createElement("div");
    card.className = "card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    root.append(style, card);
    document.documentElement.append(host);
    overlay = { host, root, card };
    return overlay;
  }

  /**
   * The editor's text as the analyzer sees it. For a contenteditable, also where each text node
   * starts in it: `<br>` and block boundaries count as "\n" (as innerText has them), so words
   * of two paragraphs never run together into one phrase.
   */
  function readText(state) {
    if (state.mirror) return { text: state.el.value, nodes: null };
    let text = "";
    const nodes = [];
    const newline = () => {
      if (text && !text.endsWith("\n")) text += "\n";
    };
    const walk = (parent) => {
      for (const child of parent.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          nodes.push({ node: child, start: text.length });
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === "BR") {
            text += "\n";
            continue;
          }
          const block = BLOCKS.has(child.tagName);
          if (block) newline();
          walk(child);
          if (block) newline();
        }
      }
    };
    walk(state.el);
    return { text, nodes };
  }

  async function analyze(state) {
    const seq = ++state.seq;
    const { text } = readText(state);
    let response;
    try {
      response = await chrome.runtime.sendMessage({ type: "replylint.analyze", text });
    } catch (err) {
      return reportError(err);
    }
    if (seq !== state.seq || !editors.has(state.el)) return; // a newer analysis is under way
    if (response?.error) return reportError(new Error(response.error));
    state.findings = response.findings;
    state.analysed = text;
    // The worker's time, and (in layout) this page's, for scripts/bench-extension.mjs and
    // for anyone who inspects the overlay.
    state.layer.dataset.replylintAnalysisMs = response.analysisMs.toFixed(2);
    layout();
  }

  // ---- drawing --------------------------------------------------------------------------

  function scheduleLayout() {
    if (!frame) frame = requestAnimationFrame(layout);
  }

  function layout() {
    cancelAnimationFrame(frame);
    frame = 0;
    for (const state of editors.values()) {
      if (state.el.isConnected) {
        const started = performance.now();
        layoutEditor(state);
        state.layer.dataset.replylintLayoutMs = (performance.now() - started).toFixed(2);
      } else forget(state);
    }
    hideCard();
  }

  /** Draws one editor's underlines: one element per line box of each finding. */
  function layoutEditor(state) {
    const { el, layer } = state;
    const { text, nodes } = readText(state);
    const box = el.getBoundingClientRect();
    // The padding box: underlines of text scrolled out of the editor are cut off.
    const clip = { left: box.left + el.clientLeft, top: box.top + el.clientTop, width: el.clientWidth, height: el.clientHeight };
    Object.assign(layer.style, {
      left: `${clip.left}px`,
      top: `${clip.top}px`,
      width: `${clip.width}px`,
      height: `${clip.height}px`,
    });
    if (state.mirror) syncMirror(state, box, text);

    const disabled = new Set(settings.disabledCategories);
    const underlines = [];
    state.hits = [];
    state.findings.forEach((f, index) => {
      // A finding from an older text stays only while its phrase is still where it was.
      if (disabled.has(f.category) || text.slice(f.start, f.end) !== f.text) return;
      const colour = CATEGORY.get(f.category)?.colour ?? "#59636e";
      for (const rect of rangeRects(state, nodes, f.start, f.end)) {
        const u = document.createElement("div");
        u.className = "underline";
        u.style.cssText = `--c: ${colour}; left: ${rect.left - clip.left}px; top: ${rect.top - clip.top}px; width: ${rect.width}px; height: ${rect.height}px`;
        Object.assign(u.dataset, {
          replylintRule: f.ruleId,
          replylintCategory: f.category,
          replylintFinding: String(index),
          replylintStart: String(f.start),
          replylintEnd: String(f.end),
        });
        underlines.push(u);
        const visible = intersect(rect, clip);
        if (visible) state.hits.push({ rect: visible, index, underline: u });
      }
    });
    layer.replaceChildren(...underlines);
    layer.dataset.replylintState = text === state.analysed ? "fresh" : "pending";
  }

  /** Puts the textarea's mirror exactly over it, with its text, wrapped and scrolled alike. */
  function syncMirror(state, box, text) {
    const { el, mirror } = state;
    const computed = getComputedStyle(el);
    for (const property of MIRRORED) mirror.style[property] = computed[property];
    // Textarea text always wraps like pre-wrap; its content box excludes the scrollbar.
    if (computed.whiteSpace === "normal") mirror.style.whiteSpace = "pre-wrap";
    const padX = parseFloat(computed.paddingLeft) + parseFloat(computed.paddingRight);
    const padY = parseFloat(computed.paddingTop) + parseFloat(computed.paddingBottom);
    Object.assign(mirror.style, {
      left: `${box.left}px`,
      top: `${box.top}px`,
      width: `${el.clientWidth - padX}px`,
      height: `${el.clientHeight - padY}px`,
    });
    if (mirror.firstChild?.data !== text) {
      // The zero-width space after the text gives a trailing newline its line, as in the textarea.
      mirror.replaceChildren(document.createTextNode(text), document.createTextNode("\u200b"));
    }
    mirror.scrollTop = el.scrollTop;
    mirror.scrollLeft = el.scrollLeft;
  }

  /** The client rects (viewport coordinates) of the text from UTF-16 offset `start` to `end`. */
  function rangeRects(state, nodes, start, end) {
    const range = document.createRange();
    if (state.mirror) {
      const node = state.mirror.firstChild;
      range.setStart(node, start);
      range.setEnd(node, end);
    } else {
      const from = position(nodes, start, false);
      const to = position(nodes, end, true);
      if (!from || !to) return [];
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
    }
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  }

  /**
   * The text node and offset of a contenteditable's text offset. An offset on a "\n" that stands
   * for a block boundary goes to the next text node for a start and the previous one for an end.
   */
  function position(nodes, offset, isEnd) {
    let lo = 0;
    let hi = nodes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return nodes.length ? { node: nodes[0].node, offset: 0 } : null;
    const { node, start } = nodes[found];
    if (offset - start <= node.data.length) {
      if (isEnd || offset - start < node.data.length || found + 1 === nodes.length) {
        return { node, offset: offset - start };
      }
      return { node: nodes[found + 1].node, offset: 0 };
    }
    if (isEnd) return { node, offset: node.data.length };
    const next = nodes[found + 1];
    return next ? { node: next.node, offset: 0 } : { node, offset: node.data.length };
  }

  function intersect(rect, clip) {
    const left = Math.max(rect.left, clip.left);
    const top = Math.max(rect.top, clip.top);
    const right = Math.min(rect.right, clip.left + clip.width);
    const bottom = Math.min(rect.bottom, clip.top + clip.height);
    return right > left && bottom > top ? { left, top, right, bottom } : null;
  }

  // ---- the hover card -------------------------------------------------------------------

  // The underlines let every mouse event through to the editor (the caret and selection work as
  // usual), so the pointer is hit-tested against their rectangles instead.
  let shown = null; // { state, index }

  function onMouseMove(event) {
    const { clientX: x, clientY: y } = event;
    for (const state of editors.values()) {
      const hit = state.hits.find(({ rect }) => x >= rect.left && x < rect.right && y >= rect.top && y < rect.bottom);
      if (hit) {
        if (shown?.state !== state || shown.index !== hit.index) showCard(state, hit);
        return;
      }
    }
    if (shown) hideCard();
  }

  function showCard(state, hit) {
    const f = state.findings[hit.index];
    const { card } = overlay;
    const category = CATEGORY.get(f.category);
    const header = document.createElement("header");
    const label = document.createElement("span");
    label.textContent = category?.label ?? f.category;
    const rule = document.createElement("code");
    rule.textContent = `${f.ruleId} · ${f.language}`;
    header.append(label, rule);
    const quote = document.createElement("q");
    quote.textContent = f.text;
    const explanation = document.createElement("p");
    explanation.className = "explanation";
    explanation.textContent = f.explanation;
    const suggestion = document.createElement("p");
    suggestion.className = "suggestion";
    const instead = document.createElement("b");
    instead.textContent = category?.positive ? "Keep it: " : "Instead: ";
    suggestion.append(instead, f.suggestion);
    card.replaceChildren(header, quote, explanation, suggestion);
    card.style.setProperty("--c", category?.colour ?? "#59636e");
    card.dataset.replylintCardRule = f.ruleId; // not data-replylint-rule: that marks the underlines
    card.hidden = false;
    for (const { index, underline } of state.hits) underline.classList.toggle("active", index === hit.index);
    // Below the phrase, or above it when there is no room below; never over it.
    const margin = 8;
    const { width, height } = card.getBoundingClientRect();
    let top = hit.rect.bottom + 6;
    if (top + height > innerHeight - margin) top = Math.max(margin, hit.rect.top - height - 6);
    card.style.left = `${Math.max(margin, Math.min(hit.rect.left, innerWidth - width - margin))}px`;
    card.style.top = `${top}px`;
    shown = { state, index: hit.index };
  }

  function hideCard() {
    if (!overlay) return;
    overlay.card.hidden = true;
    delete overlay.card.dataset.replylintCardRule;
    for (const u of overlay.root.querySelectorAll(".underline.active")) u.classList.remove("active");
    shown = null;
  }
})();
