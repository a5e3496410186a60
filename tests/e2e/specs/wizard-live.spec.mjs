// End-to-end on the real app, for living in the wizard (issue 18): undo and redo of every edit
// through the normal save path (a cell typed key by key, a whole paste), with 撤销/重做 and
// Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z; the grid keyboard (Tab wraps to the next row, arrows move);
// and a co-builder's draft judged for its own part, the centre-level criteria for information.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Key } from 'webdriverio'
import { click, dbPath, el, launchApp, ROOT, shot, startDriver, stopDriver, textOf, resizeTo } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const SAMPLE_FILE = path.join(ROOT, 'assets/samples/sample-p1.json')
const SAMPLE = '山西省煤基碳材料技术创新中心'

let browser

function sql(query) {
  return execFileSync('sqlite3', [dbPath, query], { encoding: 'utf8' }).trim()
}

/** A resident ID with its check character (GB 11643), born on `birth` (YYYYMMDD). */
function residentId(region, birth, seq) {
  const body = `${region}${birth}${seq}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

async function gotoStep(step) {
  await click(`button[data-step="${step}"]`)
  await browser.waitUntil(async () => (await browser.$(`main[data-step="${step}"]`).isExisting()), { timeout: 10_000 })
}

/** Types `text` one key at a time, as a person does (separate actions: repeated keys survive). */
async function typeKeys(text) {
  for (const ch of text) await browser.keys(ch)
}

async function openApplication(id) {
  await browser.keys(Key.Escape)
  await browser.execute((id) => (window.location.hash = `#/application/${id}`), id)
  await el('[data-test="wizard-title"]')
  await el('[data-test="verdict"]')
}

/** The sample (id 1), made with the CLI before the app starts. */
function seed() {
  execFileSync(CLI, ['--db', dbPath, 'import', SAMPLE_FILE])
}

/** A co-builder's own database holding only the draft (id 1) opened from the package a lead (the
 * sample, in a database of its own) sends to its first co-builder, 晋阳示范大学. */
function seedDraft() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shenbao-live-'))
  const lead = path.join(dir, 'lead.sqlite')
  const pkg = path.join(dir, 'to-unit-1.json')
  execFileSync(CLI, ['--db', lead, 'import', SAMPLE_FILE])
  execFileSync(CLI, ['--db', lead, 'package', 'export', '1', '--unit', '1', '--out', pkg])
  execFileSync(CLI, ['--db', dbPath, 'package', 'import', pkg])
}

const instrumentsTotal = () => sql("SELECT sum(json_extract(data, '$.original_value')) FROM instruments WHERE application_id = 1")
const peopleCount = () => Number(sql('SELECT count(*) FROM people WHERE application_id = 1'))

describe('Living in the wizard: undo/redo and the keyboard', function () {
  before(async () => {
    await startDriver()
    seed()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    await resizeTo(1280, 820)
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-live-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('undoes and redoes a cell typed key by key as one step, through the save and the panel', async () => {
    await openApplication(1)
    await gotoStep('resources')
    await click('#tab-instruments')
    const cell = await el('#pane-instruments input[data-row="0"][data-col="value"]')
    await browser.execute((i) => i.scrollIntoView({ block: 'center', inline: 'center' }), cell)
    const panel = await el('[data-criterion="instruments"]')
    const total0 = instrumentsTotal()
    const panel0 = await textOf(panel)
    const value0 = await cell.getValue()
    await cell.click()
    await browser.keys([Key.Ctrl, 'a'])
    await typeKeys('98765')
    await browser.waitUntil(async () => instrumentsTotal() !== total0, { timeout: 5_000, timeoutMsg: 'the typed value was not saved' })
    const total1 = instrumentsTotal()
    await browser.waitUntil(async () => (await textOf(panel)) !== panel0, { timeout: 5_000, timeoutMsg: 'the panel did not follow the edit' })
    const panel1 = await textOf(panel)
    assert.equal(await (await el('[data-test="history-undo"]')).isEnabled(), true)

    // Ctrl+Z with the focus still in the cell: the whole typing is undone, saved, and checked.
    await browser.keys([Key.Ctrl, 'z'])
    await browser.waitUntil(async () => instrumentsTotal() === total0, { timeout: 5_000, timeoutMsg: 'Ctrl+Z did not save the old value' })
    await browser.waitUntil(async () => (await textOf(panel)) === panel0, { timeout: 5_000, timeoutMsg: 'the panel did not follow the undo' })
    assert.equal(await cell.getValue(), value0)
    await shot(browser, 'live-undo-cell')

    // 重做 brings the typed value back; Ctrl+Z, then Ctrl+Shift+Z and Ctrl+Y walk the same step.
    await click('[data-test="history-redo"]')
    await browser.waitUntil(async () => instrumentsTotal() === total1, { timeout: 5_000, timeoutMsg: '重做 did not save the typed value' })
    await browser.waitUntil(async () => (await textOf(panel)) === panel1, { timeout: 5_000 })
    assert.equal(await cell.getValue(), '98765')
    await click('[data-test="history-undo"]')
    await browser.waitUntil(async () => instrumentsTotal() === total0, { timeout: 5_000, timeoutMsg: '撤销 did not save the old value' })
    await browser.keys([Key.Ctrl, Key.Shift, 'z'])
    await browser.waitUntil(async () => instrumentsTotal() === total1, { timeout: 5_000, timeoutMsg: 'Ctrl+Shift+Z did not redo' })
    await browser.keys([Key.Ctrl, 'z'])
    await browser.waitUntil(async () => instrumentsTotal() === total0, { timeout: 5_000 })
    await browser.keys([Key.Ctrl, 'y'])
    await browser.waitUntil(async () => instrumentsTotal() === total1, { timeout: 5_000, timeoutMsg: 'Ctrl+Y did not redo' })
    assert.equal(await (await el('[data-test="history-redo"]')).isEnabled(), false)
    await browser.keys([Key.Ctrl, 'z'])
    await browser.waitUntil(async () => instrumentsTotal() === total0, { timeout: 5_000 })
  })

  it('undoes a paste of three people in one step with Ctrl+Z, and redoes it with 重做', async () => {
    await gotoStep('people')
    const before = peopleCount()
    await click('[data-test="paste"]')
    const area = await el('[data-test="paste-text"] textarea, textarea[data-test="paste-text"]')
    const text = [
      '姓名\t身份证号码\t学历\t职称\t在中心职务\t工作单位\t是否全职',
      `撤甲\t${residentId('140105', '19850315', '201')}\t博士\t副高级\t固定人员\t山西示例碳材科技有限公司\t是`,
      `撤乙\t${residentId('140105', '19900620', '302')}\t硕士\t中级\t固定人员\t山西示例碳材科技有限公司\t是`,
      `撤丙\t${residentId('140107', '19700101', '123')}\t本科\t中级\t固定人员\t山西示例碳材科技有限公司\t是`,
    ].join('\n')
    await browser.execute((e, t) => {
      e.value = t
      e.dispatchEvent(new Event('input', { bubbles: true }))
    }, area, text)
    await browser.waitUntil(async () => /导入 3 行/.test(await textOf('[data-test="paste-save"]')), {
      timeout: 5_000,
      timeoutMsg: `the three rows are not importable: ${await textOf('[data-test="paste-dialog"]')}`,
    })
    await click('[data-test="paste-save"]')
    // Says what the dialog showed when the save did not land (seen once in CI, not reproduced).
    await browser.waitUntil(async () => peopleCount() === before + 3, { timeout: 10_000 }).catch(async (e) => {
      const dialog = await textOf('[data-test="paste-dialog"]').catch(() => '(closed)')
      const toast = await browser.execute(() => [...document.querySelectorAll('.el-message')].map((m) => m.textContent).join(' | '))
      throw new Error(`the paste was not saved (${peopleCount() - before} of 3 rows): dialog «${dialog}», messages «${toast}»; ${e.message}`)
    })
    await browser.waitUntil(async () => !(await (await browser.$('[data-test="paste-dialog"]')).isDisplayed()), { timeout: 10_000, timeoutMsg: 'the paste dialog did not close' })
    // Back in the wizard, Ctrl+Z takes the whole paste out.
    await (await el('main .wizard__step-title')).click()
    await browser.keys([Key.Ctrl, 'z'])
    await browser.waitUntil(async () => peopleCount() === before, { timeout: 10_000, timeoutMsg: 'the paste was not undone in one step' })
    await browser.waitUntil(async () => (await textOf('[data-test="grid-count"]')).includes(`共 ${before} 行`), { timeout: 10_000, timeoutMsg: 'the grid did not follow the undo' })
    await shot(browser, 'live-undo-paste')
    await click('[data-test="history-redo"]')
    await browser.waitUntil(async () => peopleCount() === before + 3, { timeout: 10_000, timeoutMsg: '重做 did not put the paste back' })
    await browser.waitUntil(async () => (await textOf('[data-test="grid-count"]')).includes(`共 ${before + 3} 行`), { timeout: 10_000, timeoutMsg: 'the grid did not follow the redo' })
    await click('[data-test="history-undo"]')
    await browser.waitUntil(async () => peopleCount() === before, { timeout: 10_000 })
  })

  it('walks the grid with the keyboard: Tab wraps to the next row, arrows move between cells', async () => {
    await gotoStep('people')
    const focused = () => browser.execute(() => [document.activeElement?.dataset.row, document.activeElement?.dataset.col])
    const editable = await browser.execute(() =>
      [...document.querySelectorAll('[data-test="grid-row-0"] [data-col]')].map((e) => e.dataset.col),
    )
    // The last editable cell of the first row: Tab goes to the first editable cell of the second.
    const last = await el(`input[data-row="0"][data-col="${editable.at(-1)}"], select[data-row="0"][data-col="${editable.at(-1)}"]`)
    await browser.execute((e) => e.focus(), last)
    await browser.keys(Key.Tab)
    assert.deepEqual(await focused(), ['1', editable[0]])
    // Shift+Tab goes back to the end of the first row.
    await browser.keys([Key.Shift, Key.Tab])
    assert.deepEqual(await focused(), ['0', editable.at(-1)])
    // Down and up keep the column.
    const name = await el('input[data-row="1"][data-col="name"]')
    await name.click()
    await browser.keys(Key.ArrowDown)
    assert.deepEqual(await focused(), ['2', 'name'])
    await browser.keys(Key.ArrowUp)
    assert.deepEqual(await focused(), ['1', 'name'])
    // Right at the end of the text leaves the cell; left at its start comes back.
    await browser.keys(Key.End)
    await browser.keys(Key.ArrowRight)
    assert.deepEqual(await focused(), ['1', editable[1]])
    await browser.execute(() => document.activeElement.setSelectionRange?.(0, 0))
    await browser.keys(Key.ArrowLeft)
    assert.deepEqual(await focused(), ['1', 'name'])
  })

  it('folds the check panel away at 1024×700 to give the form room, and brings it back', async () => {
    await resizeTo(1024, 700)
    await gotoStep('resources')
    const width = () => browser.execute(() => document.querySelector('main.wizard__form').getBoundingClientRect().width)
    const before = await width()
    await click('[data-test="panel-toggle"]')
    await el('[data-test="panel-mini"]')
    assert.equal(await (await browser.$('[data-test="check-panel"]')).isDisplayed(), false)
    const folded = await width()
    assert.ok(folded >= before + 250, `the form grew from ${before} to ${folded}`)
    assert.match(await textOf('[data-test="panel-mini"]'), /实时检查/)
    await shot(browser, 'live-panel-folded-1024')
    await click('[data-test="panel-mini"]')
    await browser.waitUntil(async () => (await browser.$('[data-test="check-panel"]')).isDisplayed(), { timeout: 5_000, timeoutMsg: 'the panel did not come back' })
    await resizeTo(1280, 820)
  })
})

describe('A co-builder draft in the window', function () {
  before(async () => {
    await startDriver()
    seedDraft()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-draft-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  for (const [w, h] of [[1280, 820], [1024, 700]]) {
    it(`shows its own part's checks and the centre's for information only, at ${w}×${h}`, async () => {
      await resizeTo(w, h)
      await openApplication(1)
      await el('[data-test="draft-banner"]')
      await browser.waitUntil(async () => (await browser.$$('[data-test="check-panel"] [data-group="by_lead"]')).length === 1, {
        timeout: 10_000,
        timeoutMsg: 'the centre-level criteria are not set apart as the lead\'s',
      })
      const groupOf = () =>
        browser.execute(() =>
          Object.fromEntries(
            [...document.querySelectorAll('[data-test="check-panel"] [data-criterion]')].map((e) => [
              e.dataset.criterion,
              e.closest('[data-group]').dataset.group,
            ]),
          ),
        )
      const groups = await groupOf()
      // The unit's own part is judged: its fixed staff (≥ 5 per other host), their employer.
      assert.equal(groups['other-hosts-staff'], 'met', JSON.stringify(groups))
      assert.equal(groups['staff-employer'], 'met', JSON.stringify(groups))
      // The centre's totals are the lead's to judge: shown for information, not as the unit's shortfall.
      for (const id of ['staff-count', 'instruments', 'area', 'director-age']) assert.equal(groups[id], 'by_lead', `${id}: ${JSON.stringify(groups)}`)
      const info = await textOf('[data-test="check-panel"] [data-group="by_lead"]')
      assert.match(info, /由牵头单位汇总判断（仅供参考）/)
      assert.match(info, /仅供参考，本单位草稿中的数据/)
      const verdict = await textOf('[data-test="verdict"]')
      assert.match(verdict, /本单位部分/)
      assert.doesNotMatch(verdict, /不可申报|不符合/)
      // The unit's steps, once filled and left, are not marked failed for what the lead decides.
      await gotoStep('people')
      await gotoStep('resources')
      await gotoStep('hosts')
      const fails = await browser.execute(() => [...document.querySelectorAll('[data-marker="fail"]')].map((e) => e.dataset.step))
      assert.deepEqual(fails, [], `steps marked failed in the draft: ${fails}`)
      await shot(browser, `live-cobuilder-draft-${w}`)
      await browser.execute(() => document.querySelector('[data-test="check-panel"] [data-group="by_lead"]')?.scrollIntoView())
      await shot(browser, `live-cobuilder-draft-${w}-by-lead`)
    })
  }
})
