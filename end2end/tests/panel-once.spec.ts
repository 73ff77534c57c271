import { test, expect, loginAs } from './helpers';

// A panel's HTML travels once on a first visit: in the page, not again in its hydration data
// (ui/server_panel/in_page.rs). Hydrating keeps the server's markup without asking for it and
// without a warning; a panel reached by a link (no page from the server) asks for its HTML.
const pages = [
  { path: '/staff', heading: 'Add a staff member' },
  { path: '/ranks', heading: 'Named lists' },
  { path: '/sessions/1/day', heading: 'Conflicts of interest' },
];

/** The hydration data of a page, decoded (Leptos writes each resource as base64). */
function hydrationData(html: string): string {
  const values = [...html.matchAll(/__RESOLVED_RESOURCES\[\d+\] = "([^"]*)"/g)];
  return values.map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n');
}

test('a panel is sent once on a first visit and fetched when reached by a link', async ({ page }) => {
  const said: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') said.push(`${m.type()}: ${m.text()}`);
  });
  const panelCalls: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/api\/[a-z-]*-(page|panel)$/.test(path)) panelCalls.push(path);
  });
  await loginAs(page, 'coordinator@demo.test', /\/overview$/);

  for (const { path, heading } of pages) {
    const html = await (await page.request.get(path)).text();
    expect(html, path).toContain(heading);
    expect(hydrationData(html), `${path}: hydration data`).not.toContain(heading);

    said.splice(0);
    panelCalls.splice(0);
    await page.goto(path);
    await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await page.waitForTimeout(500);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    expect(panelCalls, `${path}: panel asked for while hydrating`).toEqual([]);
    expect(said, `${path}: console`).toEqual([]);
  }

  // Reached by a link, the panel asks for its HTML as before.
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('heading', { name: 'Add a staff member' })).toBeVisible();
  expect(panelCalls).toContain('/api/staff-page');
});
