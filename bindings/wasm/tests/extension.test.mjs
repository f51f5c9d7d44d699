// End to end: the example Manifest V3 extension (build/extension/unpacked, made by
// bindings/wasm/scripts/build-extension) loaded into headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core), on the demo help desk served from 127.0.0.1.
// Allows the host on the options page, types replies with sins in English and Russian into a
// textarea and a contenteditable composer, and checks the underlines (rule ids, categories,
// where they are), the hover card, that the page's text and DOM are left alone, that a clean
// reply gets none, that a category switched off disappears and that other hosts get nothing.
// Saves a screenshot to build/extension-screenshot.png.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { launch, saveHosts, waitForAnalysis } from "./extension-browser.mjs";
import { buildDir } from "./helpers.mjs";

const SCREENSHOT = path.join(buildDir, "extension-screenshot.png");

const QUICK_REPLY = "Dear valued customer, as I already said, it's company policy.\nЭто не ко мне.";
const QUICK_REPLY_FINDINGS = [
  ["en.dear-valued-customer", "robotic_opener", "Dear valued customer"],
  ["en.as-i-said", "argumentative", "as I already said"],
  ["en.company-policy", "policy_hiding", "it's company policy"],
  ["ru.not-my-department", "deflection", "Это не ко мне"],
];
// Typed as two paragraphs: the composer makes a block of the second.
const EMAIL = ["Как я уже говорил, таковы правила.", "Please be advised that this was escalated to L2."];
const EMAIL_FINDINGS = [
  ["ru.as-i-said", "argumentative", "Как я уже говорил"],
  ["ru.rules-are-rules", "policy_hiding", "таковы правила"],
  ["en.corporate-speak", "jargon", "Please be advised"],
  ["en.support-tiers", "jargon", "escalated to L2"],
];
// No problem; "I have refunded" is ownership, a positive category, which is off by default.
const CLEAN_REPLY =
  "Hi Maria, thanks for the details. I have refunded the second charge today; you will see it within five days.";

let browser;
let options;
let page;
const pageErrors = [];

function collectErrors(p, name) {
  p.on("pageerror", (err) => pageErrors.push(`${name}: ${err.message}`));
  p.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") pageErrors.push(`${name}: ${message.text()}`);
  });
}

before(async () => {
  browser = await launch();
  browser.serviceWorker.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") pageErrors.push(`worker: ${message.text()}`);
  });
  options = browser.optionsPage;
  collectErrors(options, "options");
  page = await browser.context.newPage();
  collectErrors(page, "help desk");
  // Every change to the page's DOM outside the editors is recorded, from the page's own world.
  await page.addInitScript(() => {
    window.mutations = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.closest?.("#reply, #composer") || r.target.parentElement?.closest("#composer")) continue;
        window.mutations.push(
          r.type === "childList"
            ? `${r.target.nodeName}: +${[...r.addedNodes].map((n) => n.nodeName)} -${[...r.removedNodes].map((n) => n.nodeName)}`
            : `${r.target.nodeName}: ${r.type} ${r.attributeName ?? ""}`,
        );
      }
    });
    // From the end of parsing: the content script runs at document_idle, later.
    document.addEventListener("DOMContentLoaded", () =>
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true }),
    );
  });
});

after(async () => {
  await browser?.close();
});

/**
 * The underlines drawn over the editor of one kind, one entry per finding:
 * `{rule, category, start, end, rects}`, rects in viewport coordinates.
 */
function underlines(kind) {
  return page.evaluate((k) => {
    const layer = document.querySelector("replylint-overlay").shadowRoot.querySelector(`.clip[data-replylint-kind=${k}]`);
    const byFinding = new Map();
    for (const u of layer.querySelectorAll("[data-replylint-rule]")) {
      const d = u.dataset;
      const entry = byFinding.get(d.replylintFinding) ?? {
        rule: d.replylintRule,
        category: d.replylintCategory,
        start: Number(d.replylintStart),
        end: Number(d.replylintEnd),
        rects: [],
      };
      const r = u.getBoundingClientRect();
      entry.rects.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      byFinding.set(d.replylintFinding, entry);
    }
    return [...byFinding.values()];
  }, kind);
}

test("the options page saves the hosts to check, and names a line that is not a host", async () => {
  assert.deepEqual(await saveHosts(options, "127.0.0.1\nnot a host!"), [
    'line 2: "not a host!" is not a host; write one like example.zendesk.com or *.freshdesk.com',
  ]);
  assert.deepEqual((await browser.serviceWorker.evaluate(() => chrome.storage.sync.get("hosts"))).hosts ?? [], []);

  // A pasted URL counts as its host.
  assert.deepEqual(await saveHosts(options, "http://127.0.0.1:8080/tickets/4182\n*.Example.COM"), []);
  assert.equal(await options.inputValue("#hosts"), "127.0.0.1\n*.example.com");
  const stored = await browser.serviceWorker.evaluate(() => chrome.storage.sync.get(null));
  assert.deepEqual(stored.hosts, ["127.0.0.1", "*.example.com"]);
  assert.deepEqual(stored.disabledCategories, ["empathy", "apology", "ownership", "follow_up"]);
});

test("typing in a textarea underlines its sins in English and Russian, under the phrases", async () => {
  await page.goto(browser.helpdesk("127.0.0.1"));
  await page.bringToFront();
  const reply = page.locator("#reply");
  await reply.click();
  await reply.pressSequentially(QUICK_REPLY, { delay: 5 });
  await waitForAnalysis(page, "textarea");

  assert.equal(await reply.inputValue(), QUICK_REPLY, "the page's text is unchanged");
  const found = await underlines("textarea");
  assert.deepEqual(
    found.map((u) => [u.rule, u.category, QUICK_REPLY.slice(u.start, u.end)]),
    QUICK_REPLY_FINDINGS,
  );
  // Three phrases on the first line, left to right, one on the second; all inside the textarea.
  const box = await reply.boundingBox();
  const [a, b, c, d] = found.map((u) => u.rects);
  assert.ok([a, b, c, d].every((rects) => rects.length === 1));
  assert.ok(a[0].top === b[0].top && b[0].top === c[0].top && d[0].top > a[0].top);
  assert.ok(a[0].right < b[0].left && b[0].right < c[0].left);
  for (const [r] of [a, b, c, d]) {
    assert.ok(r.left >= box.x && r.right <= box.x + box.width && r.top >= box.y && r.bottom <= box.y + box.height);
  }
});

test("typing in a contenteditable composer underlines exactly the phrases' text", async () => {
  const composer = page.locator("#composer");
  await composer.click();
  await composer.pressSequentially(EMAIL[0], { delay: 5 });
  await page.keyboard.press("Enter");
  await composer.pressSequentially(EMAIL[1], { delay: 5 });
  await waitForAnalysis(page, "contenteditable");

  assert.equal(await composer.innerText(), EMAIL.join("\n"), "the page's text is unchanged");
  const tags = await composer.evaluate((el) => [...el.querySelectorAll("*")].map((e) => e.tagName));
  assert.ok(tags.every((t) => t === "DIV" || t === "BR"), `only the editor's own elements: ${tags}`);

  const found = await underlines("contenteditable");
  const text = EMAIL.join("\n");
  assert.deepEqual(
    found.map((u) => [u.rule, u.category, text.slice(u.start, u.end)]),
    EMAIL_FINDINGS,
  );
  // Each underline covers the box of its phrase as the browser lays the phrase out.
  const phraseBoxes = await composer.evaluate(
    (el, phrases) =>
      phrases.map((phrase) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(phrase);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + phrase.length);
          const r = range.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }
        return null;
      }),
    EMAIL_FINDINGS.map(([, , phrase]) => phrase),
  );
  found.forEach((u, i) => assert.deepEqual(u.rects, [phraseBoxes[i]], u.rule));
});

test("the extension adds only its overlay to the page", async () => {
  assert.deepEqual(await page.evaluate(() => window.mutations), ["HTML: +REPLYLINT-OVERLAY -"]);
  assert.equal(await page.locator("body replylint-overlay").count(), 0);
  assert.equal(await page.locator("replylint-overlay").count(), 1);
});

test("pointing at an underline shows its explanation and suggestion", async () => {
  const [, target] = await underlines("contenteditable");
  const [r] = target.rects;
  await page.mouse.move((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  const card = page.locator("replylint-overlay .card");
  await card.waitFor({ state: "visible" });
  assert.equal(await card.getAttribute("data-replylint-card-rule"), "ru.rules-are-rules");
  assert.equal(await card.locator("q").textContent(), "таковы правила");
  assert.match(await card.locator("header code").textContent(), /^ru\.rules-are-rules · ru$/);
  assert.match(await card.locator(".explanation").textContent(), /\S{10}/);
  assert.match(await card.locator(".suggestion").textContent(), /^Instead: \S/);
  // The card does not cover the phrase it explains.
  const cardBox = await card.boundingBox();
  assert.ok(cardBox.y >= r.bottom || cardBox.y + cardBox.height <= r.top);
  // The caret and selection still work: the editor, not the overlay, gets the pointer.
  assert.equal(
    await page.evaluate(([x, y]) => document.elementFromPoint(x, y).id, [(r.left + r.right) / 2, (r.top + r.bottom) / 2]),
    "composer",
  );

  await page.screenshot({ path: SCREENSHOT });
  assert.ok(fs.statSync(SCREENSHOT).size > 10_000);
  await page.mouse.move(5, 5);
  await card.waitFor({ state: "hidden" });
});

test("a clean reply gets no underline", async () => {
  const reply = page.locator("#reply");
  await reply.fill(CLEAN_REPLY);
  await waitForAnalysis(page, "textarea");
  assert.deepEqual(await underlines("textarea"), []);
  assert.equal(await reply.inputValue(), CLEAN_REPLY);
});

test("a category switched off on the options page loses its underlines at once", async () => {
  await options.bringToFront();
  await options.uncheck('input[value="policy_hiding"]');
  assert.deepEqual(await saveHosts(options, "127.0.0.1"), []);
  await page.bringToFront();
  await page.waitForFunction(
    () =>
      !document.querySelector("replylint-overlay").shadowRoot.querySelector('[data-replylint-category="policy_hiding"]'),
  );
  assert.deepEqual(
    (await underlines("contenteditable")).map((u) => u.rule),
    ["ru.as-i-said", "en.corporate-speak", "en.support-tiers"],
  );

  await options.bringToFront();
  await options.check('input[value="policy_hiding"]');
  assert.deepEqual(await saveHosts(options, "127.0.0.1"), []);
  await page.bringToFront();
  await page.waitForSelector('replylint-overlay [data-replylint-category="policy_hiding"]');
});

test("on a host not in the list nothing happens, until it is added; removed, it is cleared", async () => {
  const other = await browser.context.newPage();
  collectErrors(other, "other host");
  await other.goto(browser.helpdesk("localhost"));
  const reply = other.locator("#reply");
  await reply.click();
  await reply.pressSequentially(QUICK_REPLY, { delay: 5 });
  // Far longer than the pause after typing (120 ms) and an analysis (milliseconds) take; the
  // same page gets its underlines once its host is added, below.
  await other.waitForTimeout(1_000);
  assert.equal(await other.locator("replylint-overlay").count(), 0);

  await options.bringToFront();
  assert.deepEqual(await saveHosts(options, "127.0.0.1\nlocalhost"), []);
  await other.bringToFront();
  await waitForAnalysis(other, "textarea");
  assert.equal(await other.locator("replylint-overlay [data-replylint-rule]").count(), QUICK_REPLY_FINDINGS.length);

  await options.bringToFront();
  assert.deepEqual(await saveHosts(options, "127.0.0.1"), []);
  await other.bringToFront();
  await other.waitForFunction(() => !document.querySelector("replylint-overlay"));
  assert.equal(await other.locator("#reply").inputValue(), QUICK_REPLY);
  await other.close();
});

test("no page, nor the service worker, logged an error", () => {
  assert.deepEqual(pageErrors, []);
});
