import { test, expect, choose, loginAs, open } from './helpers';

// Run by scripts/proxy-test.sh (a phase of make test): deploy/nginx.conf in front of two
// instances on one PostgreSQL database. PROXY_URL is nginx (TLS, a self-signed certificate);
// PROXY_INSTANCES the two instances' own addresses. Skipped in the plain browser run.
const proxy = process.env.PROXY_URL;
const instances = (process.env.PROXY_INSTANCES ?? '').split(' ').filter(Boolean);

test.skip(!proxy, 'needs nginx before two instances: scripts/proxy-test.sh');

test('a booking through nginx moves the fill on screens of both instances and the push stream passes through', async ({ browser }) => {
  // A coordinator's session list on each instance directly: whichever instance nginx gives the
  // booking to, one of these screens hears it from the other (PostgreSQL's LISTEN/NOTIFY).
  const rows = [];
  for (const baseURL of instances) {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await loginAs(page, 'coordinator@demo.test', /\/overview$/);
    await open(page, '/sessions');
    const row = page.getByRole('row').filter({ hasText: 'December half day' });
    await expect(row.getByTestId('fill-text')).toHaveText('0 / 6');
    rows.push(row);
  }
  expect(rows).toHaveLength(2);

  const viaProxy = async (email: string) => {
    const context = await browser.newContext({ baseURL: proxy, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await loginAs(page, email, /\/my-programs$/);
    return page;
  };
  // Another applicant's open picker, its push stream through nginx (unbuffered: the seat count
  // follows while the stream stays open).
  const chloe = await viaProxy('chloe.martin@demo.test');
  await chloe.getByRole('button', { name: 'Accept invitation' }).click();
  const halfDay = chloe.locator('label.choice', { hasText: 'December half day' });
  await expect(halfDay.getByTestId('seats-left')).toHaveText('6 seats left');

  const ben = await viaProxy('ben.okoro@demo.test');
  expect(ben.url()).toMatch(/^https:/);
  await ben.getByRole('button', { name: 'Accept invitation' }).click();
  await choose(ben, 'December half day', 'January interview day');
  await expect(ben.locator('.confirmed-name')).toHaveText('December half day');

  for (const row of rows) {
    await expect(row.getByTestId('fill-text')).toHaveText('1 / 6');
  }
  await expect(halfDay.getByTestId('seats-left')).toHaveText('5 seats left');
});
