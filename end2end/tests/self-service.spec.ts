import { test, expect, as, call, login, open, lastEmail, linkIn, applicantAccount } from './helpers';
import type { Browser, Page } from '@playwright/test';

// People of this run only: the specs share one database, and a rerun must not meet them.
const run = Date.now().toString(36);

/** A new applicant of Internal Medicine (invited), with an account, logged in on a page of
 * its own browser context. */
async function newApplicant(browser: Browser, name: string, email: string, password: string): Promise<Page> {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'add-applicant', { name, email });
  const list = await call(coordinator, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === email).id);
  await call(coordinator, 'mark-invited', { id });
  await call(coordinator, 'send-invitation', { id });
  await coordinator.context().close();
  const page = await (await browser.newContext()).newPage();
  await open(page, '/login');
  await applicantAccount(page, email, password);
  return page;
}

test('locked out, a person follows "Forgot your password?", sets a new one, and their other browser is logged out', async ({ browser, page }) => {
  const email = `reset.${run}@example.org`;
  const first = 'the first long password';
  const other = await newApplicant(browser, 'Rita Reset', email, first);
  await expect(other).toHaveURL(/\/my-programs$/);

  // Five wrong guesses lock the account; the lock-out says what to do, and the link is there.
  for (let i = 0; i < 5; i++) {
    await login(page, email, `wrong guess ${i}`);
    await expect(page.getByText('That email and password do not match')).toBeVisible();
  }
  await login(page, email, first);
  const lockedOut = page.getByRole('alert').filter({ hasText: 'Too many failed attempts' });
  await expect(lockedOut).toContainText('Forgot your password?');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');

  // Bad input is said under the field.
  await page.getByLabel('Email').fill('rita@');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  await page.screenshot({ path: 'screenshots/forgot-password.png' });

  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('Check your inbox.')).toBeVisible();
  await expect(page).toHaveURL(/\/forgot-password\?sent=true$/);
  await page.screenshot({ path: 'screenshots/forgot-password-sent.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'screenshots/forgot-password-sent-phone.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The same answer for an e-mail nobody has, and nothing is sent there.
  const nobody = `nobody.${run}@example.org`;
  await open(page, '/forgot-password');
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('Check your inbox.')).toBeVisible();
  expect(lastEmail(nobody)).toBe('');

  // The e-mailed link: a new password (the set-password rules), and the person is in.
  const link = linkIn(lastEmail(email));
  await open(page, link);
  await page.getByLabel('New password').fill('short');
  await page.getByLabel('Repeat the password').fill('short');
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  const second = 'the second long password';
  await page.getByLabel('New password').fill(second);
  await page.getByLabel('Repeat the password').fill(second);
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page).toHaveURL(/\/my-programs$/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' })).toBeVisible();

  // The other browser's session has ended: its open tab is sent to the log-in page at once
  // (its push stream says so), and so is any page it opens.
  await expect(other).toHaveURL(/\/login$/);
  await open(other, '/my-programs');
  await expect(other).toHaveURL(/\/login$/);

  // The link works once; the old password is gone, the new one works.
  await open(other, link);
  await other.getByLabel('New password').fill('a third long password');
  await other.getByLabel('Repeat the password').fill('a third long password');
  await other.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(other.getByRole('alert')).toContainText('expired or was already used');
  await login(other, email, first);
  await expect(other.getByText('That email and password do not match')).toBeVisible();
  await login(other, email, second);
  await expect(other).toHaveURL(/\/my-programs$/);
  await other.context().close();
});

test('an applicant changes their name and email on their account page, and logs out another session', async ({ browser }) => {
  const email = `self.${run}@example.org`;
  const newEmail = `self.new.${run}@example.org`;
  const password = 'a long applicant password';
  const page = await newApplicant(browser, 'Sam Self', email, password);
  const other = await as(browser, email, /\/my-programs$/, { password });

  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  const sessions = page.getByRole('table');
  await expect(sessions.getByRole('row')).toHaveCount(3); // the header and two sessions
  await expect(sessions.getByRole('row').filter({ hasText: 'This device' })).toContainText(/Chrome on \w+/);
  await page.screenshot({ path: 'screenshots/account.png', fullPage: true });

  // The name: refused empty, then saved (the header follows on the next page).
  await page.getByLabel('Full name').fill('  ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await page.getByLabel('Full name').fill('Samira Self');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Name saved.')).toBeVisible();
  await open(page, '/account');
  await expect(page.locator('.who-name')).toHaveText('Samira Self');

  // The email: refused when it is no address, then a link goes to the new one.
  await page.getByLabel('New email').fill('self@');
  await page.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  await page.getByLabel('New email').fill(newEmail);
  await page.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(page.getByText(`Waiting for you to confirm ${newEmail}`)).toBeVisible();
  await expect(page.getByText(`You log in with ${email}. Programs find your applications by it.`)).toBeVisible();
  await page.screenshot({ path: 'screenshots/account-email-pending.png', fullPage: true });

  await open(page, linkIn(lastEmail(newEmail)));
  await page.getByRole('button', { name: 'Confirm my new email' }).click();
  await expect(page.getByText('Your email is changed.')).toBeVisible();
  await page.getByRole('link', { name: 'Go to your account' }).click();
  await expect(page.getByText(`You log in with ${newEmail}. Programs find your applications by it.`)).toBeVisible();
  expect(lastEmail(email)).toContain(`changed from ${email} to ${newEmail}`);
  // The invitation followed the new e-mail.
  await open(page, '/my-programs');
  await expect(page.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' })).toBeVisible();

  // Log out the other session from here; this one stays.
  await open(page, '/account');
  const otherRow = sessions.getByRole('row').filter({ hasNotText: 'This device' }).filter({ has: page.getByRole('button') });
  await otherRow.getByRole('button', { name: /^Log out Chrome on / }).click();
  await expect(sessions.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Log out all other sessions' })).toHaveCount(0);
  await expect(other).toHaveURL(/\/login$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'screenshots/account-phone.png', fullPage: true });
  await other.context().close();
  await page.context().close();
});
