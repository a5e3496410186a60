// End-to-end on the real app (issue 14, part 1): seal (定稿) the sample in the window, edit a field
// key by key, and see the badge "已定稿后修改 1 处" in the wizard and on the home screen; the badge
// opens the field-by-field diff with the old and the new name.
import assert from 'node:assert/strict'
import { Key } from 'webdriverio'
import { click, el, launchApp, resizeTo, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

let browser
const SUFFIX = '（二期）'

describe('定稿: seal in the window, edit, see the diff', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('seals the sample with a note, then counts one edit typed afterwards', async () => {
    await resizeTo(1280, 820)
    await click('[data-test="open-1"]')
    await el('[data-test="wizard-title"]')
    await click('[data-test="seal-open"]')
    const note = await el('[data-test="seal-drawer"] [data-test="seal-note"] input, [data-test="seal-drawer"] input[data-test="seal-note"]')
    await note.click()
    await browser.keys([Key.Ctrl, 'a'])
    for (const ch of '提交网络平台') await browser.keys(ch)
    await click('[data-test="seal-submit"]')
    await browser.waitUntil(async () => (await textOf('[data-test="seal-list"]')).includes('提交网络平台'), {
      timeout: 15_000,
      timeoutMsg: 'the seal is not listed',
    })
    await shot(browser, 'seal-drawer-1280x820')
    await click('[data-test="seal-drawer"] .el-drawer__close-btn')
    await browser.waitUntil(async () => !(await browser.$('[data-test="seal-drawer"]').isDisplayed().catch(() => false)), { timeout: 5_000 })

    await click('button[data-step="basic"]')
    const name = await el('[data-test="centre-name"] input, input[data-test="centre-name"]')
    await name.click()
    await browser.keys('End')
    for (const ch of SUFFIX) await browser.keys(ch)
    await browser.waitUntil(async () => (await textOf('[data-test="seal-badge"]')).includes('已定稿后修改 1 处'), {
      timeout: 15_000,
      timeoutMsg: `the wizard's badge does not count the edit: ${await textOf('[data-test="seal-badge"]').catch(() => '')}`,
    })
  })

  it('shows the badge on the home screen, which opens the diff with the old and the new value', async () => {
    await click('[data-test="back"]')
    const badge = await el('[data-test="seal-badge-1"]', 15_000)
    await browser.waitUntil(async () => (await textOf(badge)).includes('已定稿后修改 1 处'), { timeout: 10_000 })
    await shot(browser, 'seal-home-badge')
    await badge.click()
    const diff = await el('[data-test="seal-diff"]', 15_000)
    await browser.waitUntil(async () => (await textOf(diff)).includes(SUFFIX), { timeout: 10_000, timeoutMsg: 'the diff lacks the new name' })
    const text = await textOf(diff)
    assert.match(text, /中心名称/)
    assert.match(text, /山西省煤基碳材料技术创新中心/)
    await resizeTo(1024, 700)
    await shot(browser, 'seal-diff-1024x700')
  })
})
