// What a person on a phone waits for: the time from the start of a navigation until the page is
// interactive (hydrated: the app sets body[data-hydrated]), with Chrome DevTools' throttling of a
// mid-range phone on a mobile network (9 Mbps down, 1.5 Mbps up, 60 ms latency, the CPU 4×
// slower). For an applicant's My Programs and a coordinator's sessions list, on a first visit
// (a new browser profile: empty caches) and a repeat visit (the same profile again: files and
// the WASM's compiled code cached, as a phone's browser keeps them), the median of RUNS visits
// each. DevTools' CPU throttling slows the page's main thread; WASM compiles on other threads,
// which it leaves at full speed.
//   node end2end/phone-bench.mjs [BASE_URL] [RUNS]
// BASE_URL defaults to http://127.0.0.1:3000 (`make run`); the demo must be seeded.
// `bash scripts/phone-bench.sh` builds the release, serves it on a throwaway database and runs this.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const runs = Number(process.argv[3] ?? 5);
const PASSWORD = 'demo-password';
const NETWORK = {
  offline: false,
  latency: 60, // ms, added to every request's round trip
  downloadThroughput: (9 * 1000 * 1000) / 8, // bytes per second
  uploadThroughput: (1.5 * 1000 * 1000) / 8,
};
const CPU_SLOWDOWN = 4;
const PAGES = [
  { who: 'applicant', email: 'ana.ruiz@demo.test', landing: /\/my-programs$/, path: '/my-programs', name: "an applicant's My Programs" },
  { who: 'coordinator', email: 'coordinator@demo.test', landing: /\/overview$/, path: '/sessions', name: "a coordinator's sessions list" },
];

// Marks, in the page's own clock (ms since the navigation started): when the WASM finished
// compiling and instantiating (wasm-bindgen's glue calls WebAssembly.instantiateStreaming or
// WebAssembly.instantiate), and when the body got data-hydrated.
const MARKS = () => {
  const marks = (window.__bench = { instantiated: null, hydrated: null });
  for (const fn of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[fn];
    WebAssembly[fn] = async function (...args) {
      const result = await original.apply(this, args);
      if (marks.instantiated === null) marks.instantiated = performance.now();
      return result;
    };
  }
  new MutationObserver(() => {
    if (marks.hydrated === null && document.body?.hasAttribute('data-hydrated')) {
      marks.hydrated = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
};

const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
};

// A browser with a profile of its own on disk (an incognito context would keep no compiled
// code), logged in with the cookies of `cookies`.
async function profile(cookies) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-phone-bench-'));
  const context = await chromium.launchPersistentContext(dir, LAUNCH);
  await context.addCookies(cookies);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function loggedIn(target) {
  const { context, close } = await profile([]);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/login`);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.getByLabel('Email').fill(target.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(target.landing, { timeout: 30_000 });
  const cookies = await context.cookies();
  await close();
  return cookies;
}

// One throttled visit in `context`; returns its figures (ms from the navigation's start, bytes).
async function visit(context, path) {
  const page = await context.newPage();
  await page.addInitScript(MARKS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => window.__bench?.hydrated !== null, null, { timeout: 60_000, polling: 50 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return {
      html: nav.responseEnd,
      wasmStart: wasm?.startTime ?? null,
      wasmEnd: wasm?.responseEnd ?? null,
      instantiated: window.__bench.instantiated,
      hydrated: window.__bench.hydrated,
    };
  });
  await page.waitForTimeout(300); // late responses (icons) counted in the bytes
  await cdp.detach();
  await page.close();
  return { ...figures, bytes };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x === null ? '—' : `${Math.round(x)} ms`);

function report(label, visits) {
  const m = (key) => median(visits.map((v) => v[key]));
  const hydrated = m('hydrated');
  console.log(
    `  ${label}: interactive after ${ms(hydrated)} (median of ${visits.length}: ${visits
      .map((v) => Math.round(v.hydrated))
      .join(', ')})`,
  );
  console.log(
    `    page's HTML in ${ms(m('html'))}; WASM fetched ${ms(m('wasmStart'))} → ${ms(m('wasmEnd'))}; ` +
      `compiled and instantiated at ${ms(m('instantiated'))}; hydrated ${ms(hydrated - m('instantiated'))} later; ` +
      `${Math.round(m('bytes')).toLocaleString('en-US')} bytes over the wire`,
  );
  return hydrated;
}

console.log(
  `Phone profile: ${NETWORK.downloadThroughput * 8e-6} Mbps down, ${NETWORK.uploadThroughput * 8e-6} Mbps up, ` +
    `${NETWORK.latency} ms latency, CPU ${CPU_SLOWDOWN}× slower; ${base}`,
);
// The throttling adds to whatever else the machine is doing: say how busy it was.
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at the start: ${load()}`);
const results = [];
for (const target of PAGES) {
  const cookies = await loggedIn(target);
  const first = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await profile(cookies);
    first.push(await visit(fresh.context, target.path));
    await fresh.close();
  }
  const warm = await profile(cookies);
  // Fills the caches; Chrome keeps a WASM module's compiled code from its second load on.
  for (let i = 0; i < 2; i++) await visit(warm.context, target.path);
  const repeat = [];
  for (let i = 0; i < runs; i++) repeat.push(await visit(warm.context, target.path));
  await warm.close();
  console.log(`\n${target.name} (${target.path}, ${target.email}):`);
  results.push([target.who, 'first', report('first visit (empty cache)', first)]);
  results.push([target.who, 'repeat', report('repeat visit (cached)', repeat)]);
}
console.log(`\nload average at the end: ${load()}`);
console.log('Summary (ms until interactive, median):');
for (const [who, kind, t] of results) console.log(`  ${who.padEnd(12)} ${kind.padEnd(7)} ${Math.round(t)}`);
