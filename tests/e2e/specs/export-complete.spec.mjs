// End-to-end on the real app, for M6/m8 of the 2026-12 UI walk: the export step of a new
// application lists what the 申请书 would still print empty (内容完整性), suggests a folder, asks once
// before exporting with empty parts, and its preview pages through every page of the bound set.
import assert from 'node:assert/strict'
import { Key } from 'webdriverio'
import { click, el, launchApp, shot, startDriver, stopDriver, textOf, resizeTo } from '../harness.mjs'

let browser

describe('Export step: completeness and the paged preview', function () {
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

  it('a new application: lists what is empty, asks once before exporting, pages the preview to the last page', async () => {
    await resizeTo(1280, 820)
    await click('[data-test="new"]')
    await el('[data-test="issuer-group"]')
    const open = await el('[data-test="new-dialog"] [data-programme][data-expired="false"]')
    await open.scrollIntoView({ block: 'center' })
    await open.click()
    const name = await el('[data-test="new-name"] input, input[data-test="new-name"]')
    await name.setValue('导出检查中心')
    await click('[data-test="create"]')
    await el('[data-test="wizard-title"]')
    await click('button[data-step="export"]')
    await browser.waitUntil(async () => (await browser.$('main[data-step="export"]').isExisting()), { timeout: 10_000 })

    // 内容完整性 names the empty parts by label.
    const list = await el('[data-test="export-empty-list"]')
    const listed = await textOf(list)
    for (const label of ['研究方向：尚无条目', '中心概况与建设基础：尚未填写', '经费预算与保障：尚未填写']) {
      assert.ok(listed.includes(label), `${label} listed in: ${listed}`)
    }
    // A folder is suggested, so 导出 PDF is not disabled without a word.
    const dir = await el('[data-test="export-dir"] input, input[data-test="export-dir"]')
    assert.match(await dir.getValue(), /申报材料$/)
    await shot(browser, 'ec-export-step-1280')

    // Export asks first; 返回补充 exports nothing.
    await click('[data-test="export-run"]')
    const box = await el('.el-message-box')
    assert.match(await textOf(box), /内容尚不完整/)
    assert.match(await textOf(box), /研究方向：尚无条目/)
    await shot(browser, 'ec-export-confirm-1280')
    assert.match(await textOf('.el-message-box__btns button:not(.el-button--primary)'), /返回补充/)
    await click('.el-message-box__btns button:not(.el-button--primary)')
    await browser.waitUntil(async () => !(await browser.$('.el-message-box').isDisplayed().catch(() => false)), { timeout: 5_000 })
    assert.equal(await browser.$('[data-test="export-open-folder"]').isExisting(), false)

    // Without a folder the button says why it is disabled.
    await dir.click()
    await browser.keys([Key.Ctrl, 'a'])
    await browser.keys(Key.Backspace)
    assert.match(await textOf('[data-test="export-blocked"]'), /文件夹/)
    await dir.setValue('/tmp/shenbao-e2e-export')

    // The preview of the bound set pages through all pages, to the last.
    await click('[data-test="export-bound"]')
    await click('[data-test="export-application"]')
    await click('[data-test="export-review"]')
    await click('[data-test="export-preview"]')
    const count = async () => /第 (\d+) \/ (\d+) 页/.exec(await textOf('[data-test="preview-count"]'))
    const drawnPage = () => browser.execute(() => document.querySelector('[data-test="preview-pages"] canvas')?.dataset.page ?? '')
    await browser.waitUntil(async () => (await drawnPage()) !== '', { timeout: 30_000 })
    const [, first, total] = (await count()).map(Number)
    assert.ok(total > 4, `the bound set has more than 4 pages (${total})`)
    assert.ok(first > 1, `the preview starts after the cover and contents (page ${first})`)
    await shot(browser, 'ec-preview-first-1280')
    await click('[data-test="preview-next"]')
    await browser.waitUntil(async () => Number((await count())[1]) === first + 1, { timeout: 10_000 })
    await click('[data-test="preview-last"]')
    await browser.waitUntil(async () => Number((await count())[1]) === total, { timeout: 10_000 })
    const drawn = await browser.execute(() => document.querySelector('[data-test="preview-pages"] canvas')?.dataset.page)
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-test="preview-pages"] canvas')?.dataset.page)) === String(total), { timeout: 10_000, timeoutMsg: `last page not drawn (${drawn})` })
    await shot(browser, 'ec-preview-last-1280')
    await resizeTo(1024, 700)
    await shot(browser, 'ec-preview-last-1024')
    await browser.keys(Key.Escape)
    await browser.pause(500)
    await shot(browser, 'ec-export-step-1024')
  })
})
