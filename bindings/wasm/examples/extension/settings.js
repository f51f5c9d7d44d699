// The extension's settings, shared by the content script and the options page (both load
// this file first; it defines `globalThis.replylint` in their own JavaScript world).
//
// Stored in chrome.storage.sync:
//   hosts: string[]               where the content script works ("example.zendesk.com",
//                                 "*.freshdesk.com": that domain and its subdomains)
//   disabledCategories: string[]  categories not underlined (a list of what is off, so that a
//                                 category added by a later version is on)
globalThis.replylint = (() => {
  // The analyzer's categories, in the order of docs/categories.md, with the colours of the
  // playground. The four positive ones are off by default: an agent wants to see problems.
  const CATEGORIES = [
    { id: "jargon", label: "Jargon", colour: "#7c3aed" },
    { id: "robotic_opener", label: "Robotic opener", colour: "#0891b2" },
    { id: "deflection", label: "Deflection", colour: "#dc2626" },
    { id: "policy_hiding", label: "Policy hiding", colour: "#ea580c" },
    { id: "argumentative", label: "Argumentative", colour: "#db2777" },
    { id: "apathy", label: "Apathy", colour: "#64748b" },
    { id: "false_promise", label: "False promise", colour: "#ca8a04" },
    { id: "non_apology", label: "Non-apology", colour: "#a16207" },
    { id: "empathy", label: "Empathy", colour: "#16a34a", positive: true },
    { id: "apology", label: "Apology", colour: "#65a30d", positive: true },
    { id: "ownership", label: "Ownership", colour: "#0d9488", positive: true },
    { id: "follow_up", label: "Follow-up", colour: "#2563eb", positive: true },
  ];

  const DEFAULTS = {
    hosts: [],
    disabledCategories: CATEGORIES.filter((c) => c.positive).map((c) => c.id),
  };

  const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

  /**
   * Parses the options page's host list, one per line. A pasted URL counts as its host.
   * Returns `{ hosts, errors }`; each error names the line and what to write instead.
   */
  function parseHosts(text) {
    const hosts = [];
    const errors = [];
    text.split("\n").forEach((raw, i) => {
      let line = raw.trim().toLowerCase();
      if (!line) return;
      if (line.includes("://")) {
        try {
          line = new URL(line).hostname;
        } catch {
          // Reported below as not a host.
        }
      }
      if (HOST.test(line)) {
        if (!hosts.includes(line)) hosts.push(line);
      } else {
        errors.push(`line ${i + 1}: "${raw.trim()}" is not a host; write one like example.zendesk.com or *.freshdesk.com`);
      }
    });
    return { hosts, errors };
  }

  /** Whether `hostname` is one of `hosts` ("*.example.com" also allows example.com itself). */
  function hostAllowed(hosts, hostname) {
    return hosts.some((host) =>
      host.startsWith("*.") ? hostname === host.slice(2) || hostname.endsWith(host.slice(1)) : hostname === host,
    );
  }

  function load() {
    return chrome.storage.sync.get(DEFAULTS);
  }

  function save(settings) {
    return chrome.storage.sync.set(settings);
  }

  return { CATEGORIES, DEFAULTS, parseHosts, hostAllowed, load, save };
})();
