import { test, expect, as, login, loginAs, open, lastEmail, linkIn, signUp, clearLoginFailures } from './helpers';

test('each role lands where it belongs', async ({ browser }) => {
  const director = await as(browser, 'director@demo.test', /\/overview$/);
  await expect(director.getByRole('heading', { level: 1 })).toHaveText('Internal Medicine Residency');
  await expect(director.getByRole('link', { name: 'Staff' })).toBeVisible();
  await expect(director.getByText('Program director').first()).toBeVisible();

  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await expect(coordinator.locator('.who-role')).toHaveText('Coordinator');
  await expect(coordinator.getByRole('button', { name: 'Switch to interviewer' })).toHaveCount(0);

  const interviewer = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await expect(interviewer.getByRole('heading', { name: 'Interview day' })).toBeVisible();
  await expect(interviewer.getByRole('link', { name: 'Staff' })).toHaveCount(0);

  const invited = await as(browser, 'ana.ruiz@demo.test', /\/my-programs$/);
  const card = invited.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' });
  await expect(card).toBeVisible();
  await expect(card.getByText('Invited & Ready for Scheduling')).toBeVisible();

  // Dev Shah is an interview candidate, not invited: sees nothing of the program.
  const candidate = await as(browser, 'dev.shah@demo.test', /\/my-programs$/);
  await expect(candidate.getByRole('heading', { name: 'No invitations yet' })).toBeVisible();
  await expect(candidate.getByText('Internal Medicine')).toHaveCount(0);

  for (const c of [director, coordinator, interviewer, invited, candidate]) await c.context().close();
});

test('a wrong password is refused next to the field', async ({ page }) => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/login')),
    login(page, 'coordinator@demo.test', 'not the password'),
  ]);
  expect(response.status()).toBe(422);
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('That email and password do not match')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await login(page, 'not an email', 'x');
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
});

test('too many failed attempts lock the account for a while', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await login(page, 'interviewer2@demo.test', `wrong guess ${i}`);
    await expect(page.getByText('That email and password do not match')).toBeVisible();
  }
  await login(page, 'interviewer2@demo.test');
  const lockedOut = page.getByRole('alert').filter({ hasText: 'Too many failed attempts' });
  await expect(lockedOut).toBeVisible();
  // What to do: wait, or choose a new password through the link below the form.
  await expect(lockedOut).toContainText('Forgot your password?');
  await expect(page.getByRole('link', { name: 'Forgot your password?' })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  // Later specs (files.spec.ts) log in as Dr. Chen.
  clearLoginFailures('interviewer2@demo.test');
});

test('an applicant signs up with the email of their application and confirms it', async ({ page }) => {
  // The same answer for an e-mail nobody applied with: nothing to probe.
  await signUp(page, 'someone.else@example.org', 'my own long password');
  expect(lastEmail('someone.else@example.org')).toBe('');

  await signUp(page, 'Ella.Novak@demo.test', 'my own long password');
  const link = linkIn(lastEmail('ella.novak@demo.test'));
  await open(page, link);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page).toHaveURL(/\/my-programs$/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' })).toBeVisible();

  // The link works once.
  await open(page, link);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('alert')).toContainText('expired or was already used');
});

test('a director switches to interviewer, is refused coordinator tools, and switches back', async ({ page }) => {
  await loginAs(page, 'director@demo.test', /\/overview$/);
  await page.getByRole('button', { name: 'Switch to interviewer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are working as an interviewer' })).toBeVisible();
  await expect(page.locator('.who-role')).toHaveText('Interviewer');
  await expect(page.getByRole('link', { name: 'Staff' })).toHaveCount(0);

  // Typing the address does not help: the server refuses.
  await open(page, '/staff');
  await expect(page.getByRole('alert').first()).toContainText('Switch back to program director');

  await page.getByRole('button', { name: 'Back to program director' }).click();
  await expect(page.locator('.who-role')).toHaveText('Program director');
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('cell', { name: 'coordinator@demo.test' })).toBeVisible();
});

test('a director of two programs switches program in the header', async ({ page }) => {
  await loginAs(page, 'director@demo.test', /\/overview$/);
  await page.getByLabel('Program').selectOption({ label: 'Cardiology Fellowship' });
  await page.getByRole('button', { name: 'Switch program' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cardiology Fellowship');
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('cell', { name: 'director@demo.test' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'coordinator@demo.test' })).toHaveCount(0);
});

test('a coordinator adds a staff member, and bad input is explained', async ({ page }) => {
  await loginAs(page, 'coordinator@demo.test', /\/overview$/);
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page).toHaveURL(/\/staff$/);

  await page.getByLabel('Full name').fill('Dr. Rosa Diaz');
  await page.getByLabel('Email').fill('rosa.diaz@');
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  // Said under the field, which names it as its description, and the focus is there.
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter an email address like name@example.org.');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.screenshot({ path: 'screenshots/staff-refused.png' });

  await page.getByLabel('Email').fill('rosa.diaz@demo.test');
  // A coordinator is offered the roles up to their own only (the server refuses a higher one
  // too: server/tests/staff.rs).
  const roles = page.getByLabel('Role', { exact: true });
  await expect(roles.locator('option', { hasText: 'Program director' })).toHaveCount(0);
  await expect(roles.locator('option', { hasText: 'Interviewer' })).toHaveCount(1);

  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Interviewer' });
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page.getByText('Added. The invitation is on its way.')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'rosa.diaz@demo.test' });
  await expect(row).toContainText('Invited');

  // The new interviewer sets a password through the e-mailed link and lands in the program.
  const link = linkIn(lastEmail('rosa.diaz@demo.test'));
  const context = await page.context().browser()!.newContext();
  const rosa = await context.newPage();
  await open(rosa, link);
  await rosa.getByLabel('New password').fill('rosa has a password');
  await rosa.getByLabel('Repeat the password').fill('rosa has a password');
  await rosa.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(rosa).toHaveURL(/\/overview$/);
  await expect(rosa.locator('.who-role')).toHaveText('Interviewer');
  await context.close();
});

test('logging out ends the session', async ({ page }) => {
  await loginAs(page, 'manager@demo.test', /\/overview$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/overview');
  await expect(page).toHaveURL(/\/login$/);
});
