// Bytes over the wire for a first and a repeat visit of the log-in page, as Chromium counts
// them (encoded sizes, headers included), split into the app's files (/pkg/) and the rest.
//   node end2end/bytes.mjs [BASE_URL]        (default http://127.0.0.1:3000, as `make run` serves)
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
const urls = new Map();
let visit = { app: 0, other: 0, files: [] };
cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
cdp.on('Network.loadingFinished', (e) => {
  const url = urls.get(e.requestId) ?? '';
  const path = new URL(url).pathname;
  if (path.startsWith('/pkg/')) visit.app += e.encodedDataLength;
  else visit.other += e.encodedDataLength;
  visit.files.push(`${path} ${e.encodedDataLength}`);
});

async function load(label) {
  visit = { app: 0, other: 0, files: [] };
  await page.goto(`${base}/login`);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
  const total = visit.app + visit.other;
  console.log(`${label}: ${total} bytes (app files ${visit.app}, page and the rest ${visit.other})`);
  for (const f of visit.files) console.log(`  ${f}`);
}
await load('first visit');
await load('repeat visit');
await browser.close();
