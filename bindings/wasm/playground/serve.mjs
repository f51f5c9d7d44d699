#!/usr/bin/env node
// A tiny static server for the playground: the files of this directory at /, and the built
// npm package (build/npm/replylint, made by scripts/test-wasm) at /pkg/.
//
//   node bindings/wasm/playground/serve.mjs [port]      # then open the URL it prints
//
// Listens on 127.0.0.1 only. The browser tests import startServer() and use port 0 (any
// free port); the extension's test serves its demo help desk with `root`.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultPackageDir = path.resolve(here, "../../../build/npm/replylint");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
};

/** The file a URL path names, or null when it lies outside the served directories. */
function resolve(urlPath, packageDir, root) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const [dir, rest] = decoded.startsWith("/pkg/") ? [packageDir, decoded.slice(5)] : [root, decoded.slice(1)];
  const file = path.resolve(dir, rest === "" ? "index.html" : rest);
  return file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Starts the server; resolves to `{ url, close() }` once it listens.
 * @param {{host?: string, port?: number, packageDir?: string, root?: string}} [options]
 *   `root`: the directory served at / (default: the playground's)
 */
export function startServer({ host = "127.0.0.1", port = 0, packageDir = defaultPackageDir, root = here } = {}) {
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const file = resolve(pathname, packageDir, root);
    fs.readFile(file ?? "", (err, body) => {
      if (err || request.method !== "GET") {
        response.writeHead(err ? 404 : 405, { "content-type": "text/plain; charset=utf-8" });
        response.end(err ? "not found\n" : "method not allowed\n");
        return;
      }
      response.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(defaultPackageDir, "replylint.js"))) {
    console.error(`${defaultPackageDir} has no build; run scripts/test-wasm first`);
    process.exit(2);
  }
  const { url } = await startServer({ port: Number(process.argv[2] ?? 8080) });
  console.log(`replylint playground: ${url}  (Ctrl-C to stop)`);
}
