// End-to-end on the real app, for minors m4 and m6 of the 2026-12 UI walk: an implausible 原值
// (1 200 000 万元, 元 typed as 万元) is kept and counted but warned at its cell in amber; a host
// unit's credit code names its registering place (county) and registration, and a unit kind the
// code does not fit is a warning with the kind that fits offered.
import assert from 'node:assert/strict'
import { Key } from 'webdriverio'
import { choose, click, el, launchApp, resizeTo, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const SAMPLE = '山西省煤基碳材料技术创新中心'

let browser

async function gotoStep(step) {
  await click(`button[data-step="${step}"]`)
  await browser.waitUntil(async () => (await browser.$(`main[data-step="${step}"]`).isExisting()), { timeout: 10_000 })
}

async function openSample() {
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  let sample = null
  for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(SAMPLE)) sample = r
  assert.ok(sample, 'the sample is listed')
  await (await sample.$('button*=打开')).click()
  await el('[data-test="wizard-title"]')
}

describe('Field warnings and what a credit code says (m4, m6)', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
    await resizeTo(1280, 820)
    await openSample()
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('warns in amber at a 原值 of 1 200 000 万元, keeps it and counts it', async () => {
    await gotoStep('resources')
    await click('#tab-instruments')
    const value = await el('#pane-instruments input[data-row="0"][data-col="value"]')
    await browser.execute((i) => i.scrollIntoView({ block: 'center', inline: 'center' }), value)
    await value.click()
    await browser.keys([Key.Ctrl, 'a'])
    await value.addValue('1200000')
    await browser.keys(Key.Tab)
    const warnings = '#pane-instruments [data-test="grid-row-0"] [data-test="row-warnings"]'
    await browser.waitUntil(async () => (await browser.$(warnings).isExisting()), { timeout: 10_000, timeoutMsg: 'no warning at the row' })
    assert.match(await textOf(warnings), /原值（万元）：现为1200000万元.*请核对是否把以元计的金额填成了万元/)
    const cell = await browser.execute((i) => i.closest('.grid__cell').className, value)
    assert.match(cell, /is-warned/)
    assert.doesNotMatch(cell, /is-invalid/)
    const row = await browser.execute(() => document.querySelector('#pane-instruments [data-test="grid-row-0"]').className)
    assert.doesNotMatch(row, /is-flagged/, 'a warning does not mark the row wrong')
    await browser.execute((i) => i.scrollIntoView({ block: 'center', inline: 'center' }), value)
    await shot(browser, 'm4-warning-1280')
    await resizeTo(1024, 700)
    await shot(browser, 'm4-warning-1024')
    await resizeTo(1280, 820)
  })

  it('names the registering county of a host code and offers the unit kind the code fits', async () => {
    await gotoStep('hosts')
    await choose('[data-test="host-0"] [data-fields="hosts[].kind"]', '高等院校')
    const warning = '[data-test="host-0"] [data-test="host-kind-warning"]'
    await browser.waitUntil(async () => (await browser.$(warning).isExisting()), { timeout: 10_000, timeoutMsg: 'no warning at 单位类型' })
    assert.match(await textOf(warning), /单位类型宜为企业，现为高等院校/)
    assert.equal(
      await textOf('[data-test="host-0"] [data-test="host-uscc-reading"]'),
      '登记机关在山西省太原市小店区（140105）；市场监督管理部门（原工商部门）登记的企业',
    )
    await browser.execute(() => document.querySelector('[data-test="host-0"] [data-test="host-kind-warning"]').scrollIntoView({ block: 'center' }))
    await shot(browser, 'm6-kind-warning-1280')
    await resizeTo(1024, 700)
    await browser.execute(() => document.querySelector('[data-test="host-0"] [data-test="host-kind-warning"]').scrollIntoView({ block: 'center' }))
    await shot(browser, 'm6-kind-warning-1024')
    await resizeTo(1280, 820)
    await click('[data-test="host-0"] [data-test="host-kind-apply-enterprise"]')
    await browser.waitUntil(async () => !(await browser.$(warning).isExisting()), { timeout: 10_000, timeoutMsg: 'the warning stayed after 改为企业' })
    assert.match(await textOf('[data-test="host-0"] [data-fields="hosts[].kind"]'), /企业/)
  })
})
