import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

export const PASSWORD = 'demo-password';

/** Opens a page and waits until it is hydrated (interactive). */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

export async function login(page: Page, email: string, password = PASSWORD) {
  await open(page, '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in and waits for the page the person lands on. */
export async function loginAs(page: Page, email: string, landing: RegExp, password = PASSWORD) {
  await login(page, email, password);
  await expect(page).toHaveURL(landing);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

/** The newest e-mail to `to`, read from the server's outbox (its SQLite database). */
export function lastEmail(to: string): string {
  const db = process.env.PORTAL_DB;
  if (!db) throw new Error('PORTAL_DB is not set: run the suite through `make test`');
  const sql = `SELECT body FROM outbox WHERE to_email = '${to.replace(/'/g, "''")}' ORDER BY id DESC LIMIT 1`;
  return execFileSync('sqlite3', [db, sql]).toString();
}

export function linkIn(body: string): string {
  const m = body.match(/https?:\/\/\S+token=[0-9a-f]+/);
  if (!m) throw new Error(`no link in: ${body}`);
  return new URL(m[0]).pathname + new URL(m[0]).search;
}
