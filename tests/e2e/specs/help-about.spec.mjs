// End-to-end on the real app: a step's 帮助 shows what its programme's pack says there (the
// criterion's title and its citation, the sample's values, the pack's mistakes); 关于申报通
// lists every pack with its notice, the database and the last backup; 使用说明 renders the guide.
// Screenshots of each at both window sizes the app supports.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { click, dbPath, el, launchApp, resizeTo, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const SAMPLE = '山西省煤基碳材料技术创新中心'

let browser

async function shots(name) {
  for (const [w, h] of [[1280, 820], [1024, 700]]) {
    await resizeTo(w, h)
    await shot(browser, `help-${name}-${w}x${h}`)
  }
  await resizeTo(1280, 820)
}

describe('Help, 关于申报通 and 使用说明 say what the core and the packs say', function () {
  before(async () => {
    await startDriver()
    execFileSync(CLI, ['--db', dbPath, 'init', '--sample'])
    execFileSync(CLI, ['--db', dbPath, 'backup'])
    browser = await launchApp()
    await resizeTo(1280, 820)
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
  })

  it('shows the pack’s criterion and citation in the 帮助 of 人员队伍', async () => {
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    let row = null
    for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(SAMPLE)) row = r
    assert.ok(row, 'the sample is listed')
    await (await row.$('button*=打开')).click()
    await el('[data-test="wizard-title"]')
    await click('button[data-step="people"]')
    await browser.waitUntil(async () => browser.$('main[data-step="people"]').isExisting(), { timeout: 10_000 })
    await click('[data-test="step-help"]')
    const asks = await el('[data-test="help-asks"]')
    await browser.waitUntil(async () => (await textOf(asks)).includes('固定人员不少于50人'), { timeout: 10_000 })
    const text = await textOf(asks)
    assert.ok(text.includes('《山西省科学技术厅关于组织申报2024年度环境、数理信息、材料领域省技术创新中心的通知》二（四）3'), text)
    assert.ok((await textOf('[data-test="help-example"]')).includes('人员名单'))
    assert.ok((await textOf('[data-test="help-mistakes"]')).includes('同一科研人员'))
    await shots('people')
  })

  it('lists every pack with its notice, the database and the last backup in 关于申报通', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await click('[data-test="about"]')
    const packs = await el('[data-test="about-packs"] .el-table__body')
    await browser.waitUntil(async () => (await textOf(packs)).includes('P7-star-space'), { timeout: 10_000 })
    const text = await textOf(packs)
    for (const id of ['P1', 'P4', 'P7-key-lab']) assert.ok(text.includes(id), `${id} listed: ${text}`)
    assert.ok(text.includes('山西省科学技术厅关于组织申报2024年度环境、数理信息、材料领域省技术创新中心的通知'), text)
    assert.equal(await textOf('[data-test="about-database"]'), dbPath)
    const facts = await textOf('[data-test="about-facts"]')
    assert.ok(!facts.includes('尚无备份'), `the backup made before the start is named: ${facts}`)
    await shots('about')
  })

  it('renders the guide from 新建 to 邮寄', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await click('[data-test="guide"]')
    const guide = await el('[data-test="guide"] h1')
    assert.equal(await textOf(guide), '申报通使用说明')
    const text = await textOf('[data-test="guide"]')
    for (const part of ['新建申报书', '填写', '检查', '共建单位', '单位资料库', '印证材料', '导出', '签章', '邮寄']) assert.ok(text.includes(part), part)
    await shots('guide')
  })
})
