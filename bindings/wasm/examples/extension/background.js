// The extension's service worker: the one place where replylint runs. Content scripts send
// the text of the editor the agent types in; the analysis happens here, in the extension's
// own process, so the help-desk page's main thread only draws the underlines.
//
// The .wasm is loaded from the extension bundle (no remote code); compiling it needs
// 'wasm-unsafe-eval' in content_security_policy.extension_pages (see manifest.json).
import init, { Analyzer } from "./replylint/replylint.js";

// Every built-in language: the analyzer matches each phrase in its own language, so a reply
// that mixes English and Russian gets both languages' findings. No top-level await in a
// service worker: the promise is kept and awaited per message.
const analyzer = init({ module_or_path: chrome.runtime.getURL("replylint/replylint_bg.wasm") }).then(
  () => new Analyzer(),
);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message?.type === "replylint.warm") {
    // Sent when the agent focuses an editor: a service worker that was stopped while idle
    // builds its analyzer then, not on the first keystroke.
    analyzer.then(
      (a) => sendResponse({ languages: a.languages }),
      (err) => sendResponse({ error: String(err?.message ?? err) }),
    );
    return true;
  }
  if (message?.type !== "replylint.analyze") return false;
  if (typeof message.text !== "string") {
    sendResponse({ error: `replylint.analyze: expected text as a string, got ${typeof message.text}` });
    return false;
  }
  analyzer.then(
    (a) => {
      const started = performance.now();
      const report = a.analyze(message.text);
      sendResponse({ findings: report.findings, analysisMs: performance.now() - started });
    },
    (err) => sendResponse({ error: `replylint could not start: ${err?.message ?? err}` }),
  );
  return true; // answered asynchronously
});

chrome.runtime.onInstalled.addListener(({ reason }) => {
  // Nothing is checked until the agent names the help desk's host.
  if (reason === "install") chrome.runtime.openOptionsPage();
});
