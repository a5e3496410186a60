// End-to-end on the real app (issue 14, part 5): 报送进度 on the export step — the notice's
// deadlines with the user's milestones between them; a day typed key by key into a milestone's
// date box is planned and checked against its deadline; a step ticked off reads 已完成; the days of
// post move 寄出纸质材料; and it is all still there after a restart.
import assert from 'node:assert/strict'
import { Key } from 'webdriverio'
import { click, el, launchApp, resizeTo, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

let browser

async function toExport() {
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  await click('[data-test="open-1"]')
  await el('[data-test="wizard-title"]')
  await click('button[data-step="export"]')
  await el('[data-test="schedule"] [data-test="step-mailing"]', 20_000)
}

const step = (kind) => `[data-test="schedule"] [data-test="step-${kind}"]`

describe('报送进度: the way to the post office', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
    await toExport()
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('plans a day typed key by key, says it is after the deadline, and ticks a step off', async () => {
    await resizeTo(1280, 820)
    // The notice's deadlines and the post: 寄出 three days before the paper deadline.
    assert.match(await textOf(step('online_deadline')), /2024年5月6日/)
    assert.match(await textOf(step('mailing')), /2024年5月7日.*按纸质材料截止前 3 天/)

    const input = await el(`${step('online_submission')} input`)
    await input.scrollIntoView({ block: 'center' })
    await input.click()
    for (const ch of '2024-05-07') await browser.keys(ch)
    await browser.keys(Key.Enter)
    await browser.waitUntil(async () => (await textOf(step('online_submission'))).includes('晚于网上填报截止（2024年5月6日）'), {
      timeout: 10_000,
      timeoutMsg: `the late plan is not said: ${await textOf(step('online_submission'))}`,
    })
    assert.equal(await (await el(step('online_submission'))).getAttribute('data-status'), 'overdue')

    await click(`[data-test="done-unit_review"]`)
    await browser.waitUntil(async () => (await textOf(`${step('unit_review')} [data-test="step-status"]`)).startsWith('已完成'), {
      timeout: 10_000,
      timeoutMsg: 'the ticked step does not read 已完成',
    })
    await shot(browser, 'schedule-1280x820')
  })

  it('moves 寄出纸质材料 with the days of post, and keeps everything after a restart', async () => {
    const days = await el('[data-test="mailing-days"] input')
    await days.click()
    await browser.keys([Key.Ctrl, 'a'])
    await browser.keys('5')
    await browser.keys(Key.Tab)
    await browser.waitUntil(async () => (await textOf(step('mailing'))).includes('2024年5月5日'), {
      timeout: 10_000,
      timeoutMsg: `寄出 did not move: ${await textOf(step('mailing'))}`,
    })
    await resizeTo(1024, 700)
    await (await el(step('mailing'))).scrollIntoView({ block: 'center' })
    await shot(browser, 'schedule-1024x700')

    await browser.deleteSession()
    browser = await launchApp()
    await toExport()
    assert.match(await textOf(step('online_submission')), /晚于网上填报截止/)
    assert.match(await textOf(`${step('unit_review')} [data-test="step-status"]`), /^已完成/)
    assert.match(await textOf(step('mailing')), /2024年5月5日.*前 5 天/)
  })
})
