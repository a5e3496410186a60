// End-to-end on the real app, for issue 13 (印证材料 in the window): in the materials step a file
// is attached to a required item with 添加文件… through the system file dialog (picked in the GTK
// dialog by typing its path, as a user can), a refused file shows the core's reason under the item
// and stores nothing, a second file comes through the command the window's drop handler calls
// (`attach_evidence` with the paths: a native drag cannot be driven here), the step lists what the
// core stored with every page thumbnail drawn, files are reordered and removed with the step's own
// buttons, and the exported bound set holds the attached file after its item's mark "印证材料 k".
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Key } from 'webdriverio'
import { click, dbPath, el, launchApp, pickInFileDialog, ROOT, shot, startDriver, stopDriver, textOf, resizeTo } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const SAMPLE_FILE = path.join(ROOT, 'assets/samples/sample-p1.json')
const FIXTURES = path.join(ROOT, 'tests/fixtures/evidence')
/** The centre named in the attached document only: found in the bound set, it came from the file. */
const ATTACHED_TEXT = '晋北附件验证技术创新中心'

let browser
let work

function sql(query) {
  return execFileSync('sqlite3', [dbPath, query], { encoding: 'utf8' }).trim()
}

/** A real PDF with text of its own: the review sheet of another application, written by the CLI. */
function documentWithText() {
  const db = path.join(work, 'other.sqlite')
  const json = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8'))
  json.application.centre_name = ATTACHED_TEXT
  const file = path.join(work, 'other.json')
  writeFileSync(file, JSON.stringify(json))
  execFileSync(CLI, ['--db', db, 'import', file])
  const out = path.join(work, 'other')
  execFileSync(CLI, ['--db', db, 'export', '1', '--out', out, '--only', 'review'])
  const name = readdirSync(out).find((f) => f.endsWith('.pdf'))
  const target = path.join(work, 'review-scan.pdf')
  writeFileSync(target, readFileSync(path.join(out, name)))
  return target
}

/** Attaches `paths` to item `key` of application 1 as the drop handler does; the answer or error. */
async function attachPaths(key, paths) {
  const answer = await browser.executeAsync((item, chosen, done) => {
    window.__TAURI_INTERNALS__
      .invoke('attach_evidence', { applicationId: 1, item, paths: chosen })
      .then((files) => done(JSON.stringify({ files })), (error) => done(JSON.stringify({ error })))
  }, key, paths)
  return JSON.parse(answer)
}

/** Leaves the step and comes back: it lists what the core stored. */
async function reopenMaterials() {
  await click('button[data-step="attest"]')
  await browser.waitUntil(async () => (await browser.$('main[data-step="attest"]').isExisting()), { timeout: 10_000 })
  await click('button[data-step="materials"]')
  await browser.waitUntil(async () => (await browser.$('main[data-step="materials"]').isExisting()), { timeout: 10_000 })
}

const fileNames = (key) =>
  sql(`SELECT file_name FROM evidence_files WHERE application_id = 1 AND item = '${key.replace(/'/g, "''")}' ORDER BY position, id`)
    .split('\n')
    .filter(Boolean)

describe('Supporting materials in the window', function () {
  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'shenbao-evidence-'))
    await startDriver()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-ev-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('attaches a file to a required item, shows its pages, and the bound set holds it after the item\'s mark', async () => {
    const attached = documentWithText()
    await resizeTo(1280, 820)
    await browser.execute(() => (window.location.hash = '#/application/1'))
    await el('[data-test="wizard-title"]')
    await click('button[data-step="materials"]')
    await browser.waitUntil(async () => (await browser.$('main[data-step="materials"]').isExisting()), { timeout: 10_000 })

    // The first required item still without a file.
    const item = await el('[data-test="material"]:has([data-test="material-missing"])')
    const key = await item.getAttribute('data-material')
    const number = /印证材料 (\d+)/.exec(await textOf(item))[1]
    await shot(browser, 'ev-materials-1280')

    // A refused file, picked in the system dialog: the core's reason under the item, nothing
    // stored, still 待补充.
    const addFile = `[data-material="${key}"] [data-test="material-add-file"]`
    await click(addFile)
    await pickInFileDialog('选择文件', path.join(FIXTURES, 'encrypted.pdf'))
    const error = await el(`[data-material="${key}"] [data-test="material-error"]`, 20_000)
    assert.match(await textOf(error), /encrypted\.pdf.*已加密/)
    assert.equal(sql('SELECT count(*) FROM evidence_files'), '0')
    assert.ok(await browser.$(`[data-material="${key}"] [data-test="material-missing"]`).isExisting())
    await shot(browser, 'ev-refused-1280')

    // The real file through the dialog, then a scan as a drop hands it over: stored, listed with
    // pages, every thumbnail drawn.
    await click(addFile)
    await pickInFileDialog('选择文件', attached)
    await browser.waitUntil(async () => fileNames(key).length === 1, { timeout: 20_000, timeoutMsg: 'the picked file was not stored' })
    const done = await attachPaths(key, [path.join(FIXTURES, 'certificate-scan.jpg')])
    assert.equal(done.files?.length, 1, JSON.stringify(done))
    await reopenMaterials()
    await browser.waitUntil(
      async () => (await browser.$$(`[data-material="${key}"] [data-test="thumbs"][data-drawn="true"]`)).length === 2,
      { timeout: 20_000, timeoutMsg: 'the thumbnails were not drawn' },
    ).catch(async (e) => {
      console.log(await browser.execute(() => [...document.querySelectorAll('[data-test="thumbs"]')].map((t) => `${t.dataset.drawn}:${[...t.querySelectorAll('canvas')].map((c) => c.dataset.page + '/' + c.width).join(',')}`).join(' | ')))
      throw e
    })
    assert.match(await textOf(`[data-material="${key}"] [data-test="material-attached"]`), /已附 2 个文件/)
    assert.equal(await browser.$(`[data-material="${key}"] [data-test="material-missing"]`).isExisting(), false)
    assert.deepEqual(fileNames(key), ['review-scan.pdf', 'certificate-scan.jpg'])
    await shot(browser, 'ev-attached-1280')

    // Reorder: the scan first, then back.
    await click(`[data-material="${key}"] [data-test="material-file"]:nth-child(2) [data-test="material-up"]`)
    await browser.waitUntil(async () => fileNames(key)[0] === 'certificate-scan.jpg', { timeout: 5_000, timeoutMsg: 'not moved up' })
    await browser.waitUntil(
      async () => (await textOf(`[data-material="${key}"] [data-test="material-file"]:first-child [data-test="material-file-name"]`)) === 'certificate-scan.jpg',
      { timeout: 5_000, timeoutMsg: 'the list did not follow the move' },
    )
    // Remove the scan, confirmed.
    await click(`[data-material="${key}"] [data-test="material-file"]:first-child [data-test="material-file-remove"]`)
    const box = await el('.el-message-box')
    assert.match(await textOf(box), /certificate-scan\.jpg/)
    await click('.el-message-box__btns .el-button--primary')
    await browser.waitUntil(async () => fileNames(key).length === 1, { timeout: 5_000, timeoutMsg: 'not removed' })
    assert.deepEqual(fileNames(key), ['review-scan.pdf'])
    await browser.waitUntil(async () => (await browser.$$(`[data-material="${key}"] [data-test="material-file"]`)).length === 1, { timeout: 5_000 })

    await resizeTo(1024, 700)
    const attachedRow = await el(`[data-material="${key}"]`)
    await attachedRow.scrollIntoView({ block: 'center' })
    await shot(browser, 'ev-attached-1024')
    await resizeTo(1280, 820)

    // Export the bound set; the attached document follows its item's mark.
    await click('button[data-step="export"]')
    await browser.waitUntil(async () => (await browser.$('main[data-step="export"]').isExisting()), { timeout: 10_000 })
    for (const d of ['application', 'review', 'mailing']) {
      const box = await el(`[data-test="export-${d}"]`)
      if ((await box.getAttribute('class')).includes('is-checked')) await box.click()
    }
    const bound = await el('[data-test="export-bound"]')
    if (!(await bound.getAttribute('class')).includes('is-checked')) await bound.click()
    const out = path.join(work, 'export')
    const dir = await el('[data-test="export-dir"] input, input[data-test="export-dir"]')
    await dir.click()
    await browser.keys([Key.Ctrl, 'a'])
    await browser.keys(Key.Backspace)
    await dir.setValue(out)
    await click('[data-test="export-run"]')
    const asked = await browser.$('.el-message-box').waitForExist({ timeout: 3_000 }).then(() => true, () => false)
    if (asked) await click('.el-message-box__btns .el-button--primary')
    await el('[data-test="export-open-folder"]', 60_000)
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'))
    assert.equal(pdfs.length, 1, `one bound set: ${pdfs}`)
    const pages = execFileSync('pdftotext', ['-layout', path.join(out, pdfs[0]), '-'], { encoding: 'utf8' }).split('\f')
    const marked = pages.findIndex((p) => p.includes(`印证材料 ${number}`) && p.includes(ATTACHED_TEXT))
    assert.ok(marked >= 0, `a page carries the mark 印证材料 ${number} and the attached document's text`)
    await shot(browser, 'ev-exported-1280')
  })
})
