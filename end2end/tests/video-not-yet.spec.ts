import { execFileSync } from 'node:child_process';
import { test, expect, as, open } from './helpers';

// The portal's own video is not available yet (no route serves /video/…): Settings does not
// offer it, and a program still on it (set up before it was put off) is told what to pick instead.

function setupInDatabase(setup: string) {
  const db = process.env.PORTAL_DB;
  if (!db) throw new Error('PORTAL_DB is not set: run the suite through scripts/e2e.sh');
  execFileSync('sqlite3', [db, `UPDATE programs SET interview_setup = '${setup}' WHERE name = 'Internal Medicine Residency'`]);
}

test("Settings: the portal's own video is not offered, and a program still on it is told what to pick", async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/settings');
  const setup = coordinator.getByLabel('Interview setup');
  await expect(setup).toHaveValue('external_video');
  await expect(setup.locator('option')).toHaveText(['External video links (Zoom, Teams, WebEx)', 'Schedule run outside the portal']);

  setupInDatabase('portal_video');
  try {
    await open(coordinator, '/settings');
    await expect(setup).toHaveValue('portal_video');
    await expect(coordinator.getByRole('status').filter({ hasText: "The portal's own video is not available yet" })).toContainText('Pick External video links');
    await coordinator.screenshot({ path: 'screenshots/settings-video-not-yet.png', fullPage: true });
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await coordinator.screenshot({ path: 'screenshots/settings-video-not-yet-phone.png', fullPage: true });
    // Moving off it is taken; moving back is not offered.
    await setup.selectOption('external_video');
    await coordinator.getByRole('button', { name: 'Save settings' }).click();
    await expect(coordinator.getByText('Settings saved.')).toBeVisible();
    await expect(setup.locator('option')).toHaveCount(2);
  } finally {
    setupInDatabase('external_video');
  }
});
