import { test, expect, as } from './helpers';

// Screens written on the server (ui::ServerPanel) work without script: the page is sent whole
// (not streamed into templates that only script would put in place), and its forms are plain
// forms. A coordinator whose browser runs no script sees the staff list and the rank list, and
// the rank list's options still apply through its no-script "Show" button.

test('server-written screens show and work without script', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const storageState = await coordinator.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await context.newPage();

  await page.goto('/staff');
  await expect(page.getByText('Dr. Sam Rivera').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to staff' })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);

  await page.goto('/ranks');
  await expect(page.locator('.loading')).toHaveCount(0);
  const calibrate = page.getByLabel(/Calibrate/);
  await expect(calibrate).toBeVisible();
  await calibrate.check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/calibrate=true/);
  await expect(page.getByLabel(/Calibrate/)).toBeChecked();

  await context.close();
  await coordinator.context().close();
});
