// Headless Chromium with the example extension loaded, and the demo help desk to type in; for
// the extension's test (extension.test.mjs) and its benchmark (scripts/bench-extension.mjs).
// The extension is the one bindings/wasm/scripts/build-extension built into
// build/extension/unpacked (REPLYLINT_EXTENSION_DIR overrides it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { chromium } from "playwright-core";

import { startServer } from "../playground/serve.mjs";
import { buildDir, wasmDir } from "./helpers.mjs";

export const extensionDir = path.resolve(process.env.REPLYLINT_EXTENSION_DIR ?? path.join(buildDir, "extension/unpacked"));
const CHROMIUM = process.env.REPLYLINT_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Starts the demo help desk on 127.0.0.1 and Chromium with the extension, in a fresh profile.
 * Resolves to `{ context, extensionId, serviceWorker, optionsPage, helpdesk(host), close() }`:
 * `optionsPage` is the tab the extension opens on install (background.js), loaded;
 * `helpdesk("127.0.0.1")` is the help desk's URL on that host name (the server listens on
 * 127.0.0.1, which "localhost" reaches too).
 */
export async function launch() {
  if (!fs.existsSync(path.join(extensionDir, "manifest.json"))) {
    throw new Error(`no extension in ${extensionDir}; run bindings/wasm/scripts/build-extension`);
  }
  const server = await startServer({ root: path.join(wasmDir, "examples/extension/demo") });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "replylint-extension-"));
  let context;
  try {
    // Chromium loads unpacked extensions only into a persistent (user-data-dir) context.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
      ],
      viewport: { width: 1100, height: 840 },
    });
    const serviceWorker =
      context.serviceWorkers().find((w) => w.url().endsWith("/background.js")) ??
      (await context.waitForEvent("serviceworker", { predicate: (w) => w.url().endsWith("/background.js"), timeout: 30_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    const optionsPage = await installedOptionsPage(context, `chrome-extension://${extensionId}/options.html`);
    const { port } = new URL(server.url);
    return {
      context,
      extensionId,
      serviceWorker,
      optionsPage,
      helpdesk: (host) => `http://${host}:${port}/`,
      async close() {
        await context.close();
        await server.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Waits for the options tab that the extension opens when it is installed. Opening another
 * one would race it: the extension's tab takes over any tab still loading the same URL.
 */
async function installedOptionsPage(context, url, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) {
      await page.waitForLoadState("load");
      return page;
    }
    if (Date.now() > deadline) throw new Error(`the extension did not open ${url} on install within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Types the allowed hosts (one per line) into the options page and saves, as a user would.
 * Resolves to the errors the page shows (none when it saved).
 */
export async function saveHosts(page, hosts) {
  await page.waitForSelector("body[data-ready=true]");
  await page.fill("#hosts", hosts);
  await page.click("#save"); // clears the status and the errors at once
  await page.waitForFunction(
    () => document.getElementById("status").textContent.startsWith("Saved") || document.querySelector("#errors li"),
  );
  return page.$$eval("#errors li", (items) => items.map((li) => li.textContent));
}

/**
 * Waits until the extension has analysed the current text of the editor of that kind
 * ("textarea" or "contenteditable") and drawn its underlines.
 */
export function waitForAnalysis(page, kind, timeout = 30_000) {
  return page.waitForFunction(
    (k) =>
      document.querySelector("replylint-overlay")?.shadowRoot?.querySelector(`.clip[data-replylint-kind=${k}]`)
        ?.dataset.replylintState === "fresh",
    kind,
    { timeout },
  );
}
