import { test, expect, as, open } from './helpers';

// The portal's own video, first part (issue 31): "Check your setup". Chromium runs with a
// synthetic camera and microphone (playwright.config.ts). The applicant turns them on, sees
// themselves, and tests the connection: their media goes to the portal's video server and comes
// back, read from the browser's own statistics (frames decoded, audio packets received).

test('an applicant checks their camera and their connection to the portal video server', async ({ browser }) => {
  test.setTimeout(90_000);
  const applicant = await as(browser, 'dev.shah@demo.test', /\/my-programs$/);
  await open(applicant, '/video/check');
  await expect(applicant.getByRole('heading', { name: 'Check your setup', level: 1 })).toBeVisible();
  await expect(applicant.getByText('Nothing is recorded')).toBeVisible();

  // The connection test waits for the camera.
  const test_ = applicant.getByRole('button', { name: 'Test the connection' });
  await expect(test_).toBeDisabled();
  await applicant.getByRole('button', { name: 'Turn on the camera and microphone' }).click();
  const cameraStatus = applicant.locator('#check-camera-status');
  await expect(cameraStatus).toHaveAttribute('data-state', 'done');
  await expect(cameraStatus).toContainText('Working: ');
  await expect(applicant.getByLabel('Camera', { exact: true })).toBeVisible();
  await expect(applicant.getByLabel('Microphone', { exact: true })).toBeVisible();
  const mine = applicant.getByLabel('Your camera');
  await expect.poll(() => mine.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);

  // The speaker test plays without an error.
  await applicant.getByRole('button', { name: 'Play a test sound' }).click();

  // The connection: what went to the server came back.
  await test_.click();
  const status = applicant.locator('#check-connection-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(status).toContainText('Connected: your video');
  expect(Number(await status.getAttribute('data-frames'))).toBeGreaterThan(0);
  expect(Number(await status.getAttribute('data-audio-packets'))).toBeGreaterThan(0);
  const back = applicant.getByLabel("Your video, back from the portal's server");
  await expect.poll(() => back.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await applicant.screenshot({ path: 'screenshots/video-check-desktop.png', fullPage: true });
  await applicant.setViewportSize({ width: 390, height: 844 });
  await applicant.screenshot({ path: 'screenshots/video-check-phone.png', fullPage: true });
});

test('the check page asks a visitor to log in, and its signalling refuses them', async ({ page, request }) => {
  await page.goto('/video/check');
  await expect(page).toHaveURL(/\/login/);
  const refused = await request.get('/video/check/signal');
  expect(refused.status()).toBe(401);
});
