// End-to-end on the real app: a pack file loaded at run time (shenbao packs import, as 导入申报规则
// does) that renames a criterion and adds a new attestation and a new bonus item works in the
// window without a rebuild: each lands on the step its pack names, is confirmable with the
// pack's sentence, and is printed on the review sheet and in the materials list of the PDFs.
// Also: a P4 (中试基地) application is labelled and trimmed as its pack says.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Key } from 'webdriverio'
import { click, dbPath, el, launchApp, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const SAMPLE = '山西省煤基碳材料技术创新中心'
const BASE = '吕梁市示例中试基地'

const RENAMED_TITLE = '所有提交的申报内容已经脱密处理（2025年规则）'
const NEW_ATTEST = '涉及人体或动物实验的研究已通过伦理审查。'
const NEW_BONUS_TITLE = '面向中试熟化和成果转化的公共服务平台'
const NEW_BONUS_CONFIRM = '建有面向中试熟化和成果转化的公共服务平台的。'

/** P1 with `declassified` renamed (new id and title), a new attestation and a new bonus item. */
function runtimePack() {
  let text = readFileSync(path.join(ROOT, 'assets/programmes/P1.toml'), 'utf8')
  text = text.replace('name = "山西省2024年度环境、数理信息、材料领域省技术创新中心"', 'name = "山西省2024年度省技术创新中心（运行时规则）"')
  text = text.replace('id = "declassified"\ntitle = "所有提交的相关内容已经脱密处理"', `id = "declassified-2025"\ntitle = "${RENAMED_TITLE}"`)
  assert.ok(text.includes('declassified-2025'), 'the rename applied')
  text += `
[[criteria]]
id = "ethics-review"
title = "涉及人体或动物实验的研究通过伦理审查"
kind = "attest"
check = "attest"
citation = { document = "2024年省创中心申报通知", clause = "二（四）7" }
confirm = "${NEW_ATTEST}"
materials = [{ title = "伦理审查批件", required = true }]

[[criteria]]
id = "priority-9"
title = "${NEW_BONUS_TITLE}"
kind = "bonus"
check = "attest"
citation = { document = "2024年省创中心申报通知", clause = "三（二）9" }
confirm = "${NEW_BONUS_CONFIRM}"
materials = [{ title = "公共服务平台运行证明", required = false }]
`
  return text
}

function seed() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shenbao-runtime-pack-'))
  const sample = JSON.parse(readFileSync(path.join(ROOT, 'assets/samples/sample-p1.json'), 'utf8'))
  const write = (name, app) => {
    const file = path.join(dir, name)
    writeFileSync(file, JSON.stringify({ ...sample, application: app }))
    execFileSync(CLI, ['--db', dbPath, 'import', file])
  }
  write('p1.json', sample.application)
  write('p4.json', { ...sample.application, programme: 'P4', category: 'field', centre_name: BASE })
  const pack = path.join(dir, 'P1-runtime.toml')
  writeFileSync(pack, runtimePack())
  execFileSync(CLI, ['--db', dbPath, 'packs', 'import', pack])
}

let browser

async function openApplication(name) {
  await browser.execute(() => (window.location.hash = '#/'))
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  let row = null
  for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(name)) row = r
  assert.ok(row, `${name} is listed`)
  await (await row.$('button*=打开')).click()
  await el('[data-test="wizard-title"]')
}

async function gotoStep(step) {
  await click(`button[data-step="${step}"]`)
  await browser.waitUntil(async () => (await browser.$(`main[data-step="${step}"]`).isExisting()), { timeout: 10_000 })
}

async function criterionStatus(id) {
  const e = await browser.$(`[data-test="check-panel"] [data-criterion="${id}"]`)
  return (await e.isExisting()) ? e.getAttribute('data-status') : null
}

/** Screenshots of the current step at both window sizes the app supports. */
async function shots(name) {
  for (const [w, h] of [[1280, 820], [1024, 700]]) {
    await browser.setWindowSize(w, h)
    await shot(browser, `rp-${name}-${w}x${h}`)
  }
  await browser.setWindowSize(1280, 820)
}

function pdfText(file) {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

describe('A pack loaded at run time owns its criteria in the window and the PDF', function () {
  before(async () => {
    await startDriver()
    seed()
    browser = await launchApp()
    await browser.setWindowSize(1280, 820)
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
  })

  it('puts the new and the renamed attestation on 承诺与确认, with the pack sentence, confirmable', async () => {
    await openApplication(SAMPLE)
    await gotoStep('attest')
    const box = await el('[data-test="attest-ethics-review"]')
    assert.ok((await textOf(box)).includes(NEW_ATTEST), await textOf(box))
    const renamed = await el('main [data-criterion="declassified-2025"]')
    assert.ok((await textOf(renamed)).includes(RENAMED_TITLE))
    assert.ok(!(await browser.$('main [data-criterion="declassified"]').isExisting()), 'the old id is gone')
    assert.equal(await criterionStatus('ethics-review'), 'unconfirmed')
    await click('[data-test="attest-ethics-review"]')
    await click('[data-test="attest-declassified-2025"]')
    await browser.waitUntil(async () => (await criterionStatus('ethics-review')) === 'met', { timeout: 10_000, timeoutMsg: 'ethics-review not met after confirming' })
    await browser.waitUntil(async () => (await criterionStatus('declassified-2025')) === 'met', { timeout: 10_000 })
    await shots('p1-attest')
  })

  it('puts the new bonus item on 优先支持 with its confirm box, and P1 item 8 is confirmable too', async () => {
    await gotoStep('priority')
    const row = await el('main [data-criterion="priority-9"]')
    assert.ok((await textOf(row)).includes(NEW_BONUS_TITLE))
    assert.ok((await textOf('[data-test="confirm-priority-9"]')).includes(NEW_BONUS_CONFIRM))
    assert.ok(await (await browser.$('[data-test="confirm-priority-8"]')).isExisting(), 'P1 三（二）8 can be confirmed (audit U1)')
    await click('[data-test="confirm-priority-9"]')
    await browser.waitUntil(async () => (await criterionStatus('priority-9')) === 'met', { timeout: 10_000, timeoutMsg: 'priority-9 not met after confirming' })
    await shots('p1-priority')
  })

  it('lists the new materials on 印证材料', async () => {
    await gotoStep('materials')
    const list = await textOf('[data-test="materials"]')
    assert.ok(list.includes('伦理审查批件'), list)
    assert.ok(list.includes('公共服务平台运行证明'), list)
    await shots('p1-materials')
  })

  it('prints them on the review sheet and in the 印证材料目录 of the exported PDFs', async () => {
    await gotoStep('export')
    const out = mkdtempSync(path.join(os.tmpdir(), 'shenbao-runtime-pack-export-'))
    const dir = await el('[data-test="export-dir"] input, input[data-test="export-dir"]')
    await dir.click()
    await browser.keys([Key.Ctrl, 'a'])
    await browser.keys(Key.Backspace)
    await dir.addValue(out)
    await click('[data-test="export-run"]')
    // Export may ask once about sections still empty; go on if it does.
    await browser.pause(1500)
    const go = await browser.$('button*=仍然导出')
    if (await go.isExisting()) await go.click()
    await browser.waitUntil(async () => (await browser.$$('.written li')).length >= 2, { timeout: 90_000, timeoutMsg: 'no files reported written' })
    const files = []
    for (const li of await browser.$$('.written li')) files.push((await textOf(li)).replace(/^已写入 /, ''))
    const review = files.find((f) => f.includes('审查表'))
    const application = files.find((f) => f.includes('申请书'))
    assert.ok(review && existsSync(review) && application && existsSync(application), files.join('\n'))
    const sheet = pdfText(review)
    assert.ok(sheet.includes('涉及人体或动物实验的研究通过伦理审查'), 'the new attestation is on the review sheet')
    // A long cell wraps and pdftotext interleaves the columns: compare the renamed words only.
    assert.ok(sheet.includes('所有提交的申报内容已经脱密处理') && !sheet.includes('所有提交的相关内容'), 'the renamed criterion is on the review sheet')
    const app = pdfText(application)
    assert.ok(app.includes('伦理审查批件'), 'the new material is in the 印证材料目录')
    assert.ok(app.includes('公共服务平台运行证明'), 'the met bonus item material is listed')
    assert.ok(app.includes(NEW_BONUS_TITLE), 'the new bonus item is printed among 优先支持条件')
  })

  it('labels a P4 application 基地 and hides what P4 has no criterion for', async () => {
    await openApplication(BASE)
    await gotoStep('basic')
    const form = await textOf('[data-test="basic-form"]')
    assert.ok(form.includes('基地名称') && !form.includes('中心名称'), form)
    assert.ok(!form.includes('推荐函') && !form.includes('领域类'), form)
    const contacts = await textOf('[data-test="programme-contacts"]')
    assert.ok(contacts.includes('李耀霞') && contacts.includes('0358-3368807'), contacts)
    assert.ok(!(await browser.$('button[data-step="priority"]').isExisting()), 'P4 has no 优先支持 step')
    assert.equal(await textOf('button[data-step="director"] .steps__title'), '基地主任')
    await shots('p4-basic')
    await gotoStep('hosts')
    const hosts = await textOf('main')
    assert.ok(!hosts.includes('高新技术企业') && !hosts.includes('已完成安全自查自纠'), hosts)
    await shots('p4-hosts')
    await gotoStep('director')
    assert.ok(!(await textOf('main')).includes('人才称号'))
    await shots('p4-director')
    await gotoStep('attest')
    await shots('p4-attest')
  })
})
