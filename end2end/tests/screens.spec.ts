import type { Page } from '@playwright/test';
import { test, expect, applicantAccount, choose, inviteApplicant, loginAs, logout, open } from './helpers';

// Screenshots of every screen at desktop and phone width, saved in end2end/screenshots/ to be
// looked at. Each also checks the screen shows what it is for.
const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

for (const size of sizes) {
  test(`screens at ${size.name} width`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await open(page, '/login');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await shot(page, `login-${size.name}`);
    await open(page, '/signup');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await shot(page, `signup-${size.name}`);

    await loginAs(page, 'director@demo.test', /\/overview$/);
    await expect(page.getByRole('heading', { name: 'Your season, step by step' })).toBeVisible();
    await shot(page, `overview-${size.name}`);
    await open(page, '/staff');
    await expect(page.getByRole('heading', { name: 'Program staff' })).toBeVisible();
    await shot(page, `staff-${size.name}`);
    await open(page, '/sessions');
    await expect(page.getByRole('heading', { name: 'All sessions' })).toBeVisible();
    await shot(page, `sessions-${size.name}`);
    await page.getByRole('link', { name: 'December interview day' }).click();
    await expect(page.getByRole('heading', { name: 'Edit session' })).toBeVisible();
    await shot(page, `session-${size.name}`);
    await open(page, '/applicants');
    await expect(page.getByRole('heading', { name: 'Add an applicant' })).toBeVisible();
    await shot(page, `applicants-${size.name}`);
    await open(page, '/settings');
    await expect(page.getByLabel('Self-scheduling')).toBeVisible();
    await shot(page, `settings-${size.name}`);
    // An applicant of its own, invited through server functions (set-up, not the subject).
    const iris = `iris.${size.name}@demo.test`;
    await inviteApplicant(page, 'Iris Park', iris);
    await logout(page);

    // Iris is invited and has not chosen yet: the choice form.
    await applicantAccount(page, iris, 'iris password 1');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(page.getByRole('group', { name: 'First choice' })).toBeVisible();
    await shot(page, `choose-${size.name}`);
    await choose(page, 'January interview day', 'December interview day');
    await expect(page.getByText('Your interview session')).toBeVisible();
    await shot(page, `confirmed-${size.name}`);
    await logout(page);
    await loginAs(page, 'dev.shah@demo.test', /\/my-programs$/);
    await expect(page.getByRole('heading', { name: 'No invitations yet' })).toBeVisible();
    await shot(page, `my-programs-empty-${size.name}`);
  });
}
