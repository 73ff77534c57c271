import { test, expect, as } from './helpers';

// Screens written on the server (ui::ServerPanel) work without script: the page is sent whole
// (not streamed into templates that only script would put in place), and its forms are plain
// forms. A coordinator whose browser runs no script sees the staff list and the rank list, and
// the rank list's options still apply through its no-script "Show" button; a refused form comes
// back with the refusal under its field.

test('server-written screens show and work without script', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const storageState = await coordinator.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await context.newPage();

  await page.goto('/staff');
  await expect(page.getByText('Dr. Sam Rivera').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to staff' })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);

  // A refused post comes back to the page with the refusal under its field, as with script.
  await page.getByLabel('Full name').fill('Pat Example');
  await page.getByLabel('Email').fill('not-an-address');
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page).toHaveURL(/\/staff\?/);
  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveText('Enter an email address like name@example.org.');
  await page.screenshot({ path: 'screenshots/noscript-staff-refused.png', fullPage: true });

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
