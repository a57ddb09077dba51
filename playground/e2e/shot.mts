import { startHarness, SHOTS } from './harness.js';
const h = await startHarness();
const ids = process.argv.slice(2);
for (const id of ids.length ? ids : ['no-acao']) {
  const { page, errors, context } = await h.open();
  await page.selectOption('[data-testid="preset"]', id);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}dev-${id}.png`, fullPage: true });
  console.log(id, errors);
  await context.close();
}
await h.close();
