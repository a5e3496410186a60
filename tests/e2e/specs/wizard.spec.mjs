// End-to-end on the real app: home on an empty database (the sample loads), create from P1,
// the director-age check flipping in the live panel (with keystroke-to-panel time), paste with
// a bad ID, and a restart that finds everything as it was.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Key } from 'webdriverio'
import { choose, click, el, launchApp, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const OLD_DIRECTOR_ID = '140107196001011237' // born 1960-01-01: over 60 on 2024-05-06
const YOUNG_DIRECTOR_ID = '140107197203152673' // born 1972-03-15
const CENTRE = '山西省端到端测试材料技术创新中心'
const SAMPLE_CENTRE = '山西省煤基碳材料技术创新中心'
const HOST = '山西端到端测试科技有限公司'
const HOST_USCC = '91140105317584622R'
const PASTE = [
  '姓名\t身份证号码\t性别\t出生年月\t学历\t职称\t工作单位\t在中心职务\t是否全职',
  `张伟\t14010519850315201X\t男\t1985.03\t博士\t副高级\t${HOST}\t固定人员\t是`,
  '李强\t140105199006203011\t男\t1990.06\t硕士\t中级\t外单位\t固定人员\t是',
  '王芳\t140105199006203028\t女\t1990.06\t硕士\t中级\t外单位研究所\t固定人员\t是',
].join('\n')

let browser

/** The native input inside an Element Plus input carrying data-test. */
async function input(name) {
  const inner = await browser.$(`[data-test="${name}"] input, input[data-test="${name}"], [data-test="${name}"] textarea, textarea[data-test="${name}"]`)
  await inner.waitForExist({ timeout: 15_000 })
  return inner
}

/** Replaces the text of an input as a user would: select all, then type. */
async function typeInto(name, text) {
  const e = await input(name)
  await e.click()
  await browser.keys([Key.Ctrl, 'a'])
  await browser.keys(Key.Backspace)
  await e.addValue(text)
  await browser.waitUntil(async () => (await e.getValue()) === text, {
    timeout: 5_000,
    timeoutMsg: `${name} did not take "${text}"`,
  })
}

async function gotoStep(step) {
  await click(`button[data-step="${step}"]`)
  await browser.waitUntil(async () => (await browser.$(`main[data-step="${step}"]`).isExisting()), { timeout: 10_000 })
}

async function criterionStatus(id) {
  const e = await browser.$(`[data-test="check-panel"] [data-criterion="${id}"]`)
  return (await e.isExisting()) ? e.getAttribute('data-status') : null
}

async function savedQuietly() {
  await browser.waitUntil(async () => /已保存 \d\d:\d\d:\d\d/.test(await textOf('[data-test="save-status"]')), {
    timeout: 5_000,
    timeoutMsg: 'autosave did not report 已保存',
  })
}

/** Watches the panel: records the last keydown and when the criterion reaches `status`. */
async function armLatencyProbe(criterion, status) {
  await browser.execute(
    (criterion, status) => {
      const w = window
      w.__probe = { lastKey: 0, flip: 0 }
      document.addEventListener('keydown', () => (w.__probe.lastKey = performance.now()), { capture: true })
      const panel = document.querySelector('[data-test="check-panel"]')
      const observer = new MutationObserver(() => {
        const item = panel.querySelector(`[data-criterion="${criterion}"]`)
        if (item && item.getAttribute('data-status') === status && !w.__probe.flip) {
          w.__probe.flip = performance.now()
          observer.disconnect()
        }
      })
      observer.observe(panel, { subtree: true, childList: true, attributes: true })
    },
    criterion,
    status,
  )
}

async function probeLatency() {
  await browser.waitUntil(async () => (await browser.execute(() => window.__probe.flip)) > 0, {
    timeout: 5_000,
    timeoutMsg: 'the panel did not change',
  })
  const { lastKey, flip } = await browser.execute(() => window.__probe)
  return Math.round(flip - lastKey)
}

describe('Shenbao desktop app', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('starts on an empty database with the sample application on the home screen', async () => {
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    const rows = await browser.$$('[data-test="application-table"] .el-table__body tr')
    assert.equal(rows.length, 1)
    assert.match(await textOf(rows[0]), /山西省煤基碳材料技术创新中心/)
    await browser.pause(800)
    await shot(browser, '01-home')
  })

  it('creates an application from P1', async () => {
    await click('[data-test="new"]')
    await click('[data-test="programme-P1"]')
    await typeInto('new-name', CENTRE)
    await click('[data-test="create"]')
    await browser.waitUntil(async () => (await textOf('[data-test="wizard-title"]')) === CENTRE, { timeout: 10_000 })
    assert.match(await browser.execute(() => window.location.hash), /^#\/application\/\d+\/basic$/)
    // The check panel answers with a verdict.
    await browser.waitUntil(async () => browser.$('[data-test="verdict"]').isExisting(), {
      timeout: 10_000,
      timeoutMsg: 'the check panel shows no verdict',
    })
  })

  it('adds the lead host with a valid USCC', async () => {
    await gotoStep('hosts')
    await click('[data-test="add-host"]')
    await typeInto('host-name', HOST)
    await typeInto('host-uscc', HOST_USCC)
    await savedQuietly()
    await browser.waitUntil(async () => !(await browser.$('[data-test="host-0"] .el-form-item__error').isExisting()), {
      timeout: 3_000,
      timeoutMsg: 'the valid USCC is still flagged',
    })
    await shot(browser, '02-hosts')
  })

  it('fails director-age for a director over 60, then passes once fixed', async () => {
    await gotoStep('director')
    await click('[data-test="add-director"]')
    await typeInto('director-name', '赵主任')
    await armLatencyProbe('director-age', 'unmet')
    await typeInto('director-id', OLD_DIRECTOR_ID)
    assert.match(await textOf('[data-test="director-birth"]'), /1960年1月1日/)
    const ms = await probeLatency()
    console.log(`      keystroke-to-panel (director-age → 不符合): ${ms} ms`)
    assert.equal(await criterionStatus('director-age'), 'unmet')
    const marker = await (await el('button[data-step="director"]')).getAttribute('data-marker')
    assert.equal(marker, 'none', 'the step being filled for the first time is not marked failed (nor 填写中)')
    await shot(browser, '03-panel-director-age-unmet')

    await armLatencyProbe('director-age', 'met')
    await typeInto('director-id', YOUNG_DIRECTOR_ID)
    const ms2 = await probeLatency()
    console.log(`      keystroke-to-panel (director-age → 符合): ${ms2} ms`)
    assert.equal(await criterionStatus('director-age'), 'met')
    await browser.waitUntil(async () => /1972年3月15日/.test(await textOf('[data-test="director-birth"]')), { timeout: 5_000 })
    await savedQuietly()
  })

  it('pastes three roster rows and shows the bad ID at its row', async () => {
    await gotoStep('people')
    await click('[data-test="paste"]')
    const area = await input('paste-text')
    await browser.execute(
      (el, text) => {
        el.value = text
        el.dispatchEvent(new Event('input', { bubbles: true }))
      },
      area,
      PASTE,
    )
    // The core reads the paste (line numbers as the sheet shows them, the header on line 1).
    await browser.waitUntil(async () => /第 3 行：证件号码校验位错误/.test(await textOf('[data-test="paste-errors"]')), { timeout: 10_000 })
    assert.equal((await browser.$$('[data-test="paste-errors"] li')).length, 1)
    assert.equal(await textOf('[data-test="paste-counts"]'), '新增 2 行 · 更新 0 行 · 错误 1 行')
    await shot(browser, '04-paste-preview')
    await click('[data-test="paste-save"]')
    // The director and the two good rows.
    await browser.waitUntil(async () => /共 3 行/.test(await textOf('[data-test="grid-count"]')), { timeout: 5_000 })
    await savedQuietly()
    // 王芳 works outside the host units: her row is flagged.
    const flagged = await browser.$$('.grid__row.is-flagged')
    assert.ok(flagged.length >= 1, 'a flagged row')
    await browser.waitUntil(async () => !(await (await browser.$('[data-test="paste-dialog"]')).isDisplayed()), { timeout: 5_000 })
    await shot(browser, '05-people-flagged-row')
  })

  it('pastes the corrected sheet again: the people already there are updated, not refused or doubled', async () => {
    await click('[data-test="paste"]')
    const area = await input('paste-text')
    const corrected = PASTE.replace('140105199006203011', '14010519900620301X').replace('副高级', '正高级')
    await browser.execute(
      (el, text) => {
        el.value = text
        el.dispatchEvent(new Event('input', { bubbles: true }))
      },
      area,
      corrected,
    )
    await browser.waitUntil(async () => (await textOf('[data-test="paste-counts"]')) === '新增 1 行 · 更新 2 行 · 错误 0 行', {
      timeout: 10_000,
      timeoutMsg: `the re-paste was not matched: ${await textOf('[data-test="paste-dialog"]')}`,
    })
    assert.equal((await browser.$$('[data-test="paste-update"]')).length, 2)
    await shot(browser, '05b-repaste-preview')
    await click('[data-test="paste-save"]')
    // The director, 张伟 and 王芳 updated in place, 李强 added once his ID is right.
    await browser.waitUntil(async () => /共 4 行/.test(await textOf('[data-test="grid-count"]')), { timeout: 5_000 })
    await browser.waitUntil(async () => !(await (await browser.$('[data-test="paste-dialog"]')).isDisplayed()), { timeout: 5_000 })
    await savedQuietly()
    await shot(browser, '05c-repaste-saved')
  })

  it('finds everything as it was after a restart', async () => {
    await browser.deleteSession()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    await browser.waitUntil(async () => (await browser.$$('[data-test="application-table"] .el-table__body tr')).length === 2, { timeout: 10_000 })
    let found = null
    for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(CENTRE)) found = r
    assert.ok(found, 'the new application is listed')
    assert.match(await textOf(found), /4 \/ 4/)
    await (await found.$('button*=打开')).click()
    await gotoStep('director')
    assert.equal(await (await input('director-id')).getValue(), YOUNG_DIRECTOR_ID)
    assert.equal(await (await input('director-name')).getValue(), '赵主任')
    await gotoStep('hosts')
    assert.equal(await (await input('host-uscc')).getValue(), HOST_USCC)
    await gotoStep('people')
    assert.match(await textOf('[data-test="grid-count"]'), /共 4 行/)
  })

  it('flags the person already in the sample application at the row and in the panel', async () => {
    // The director's ID (entered above) is the sample director's: one person, two applications.
    await gotoStep('people')
    await browser.waitUntil(async () => (await textOf('[data-test="grid-problems"]')).includes(SAMPLE_CENTRE), {
      timeout: 10_000,
      timeoutMsg: 'the row of the person claimed twice is not flagged with the other application',
    })
    const problems = await textOf('[data-test="grid-problems"]')
    assert.ok(!problems.includes(YOUNG_DIRECTOR_ID), 'the ID number is masked')
    const dup = await el('[data-test="check-panel"] [data-group="duplicates"]')
    assert.match(await textOf(dup), /重复或冲突/)
    assert.equal(await criterionStatus('no-double-resources'), 'unmet')
    await shot(browser, '06-people-claimed-twice')
  })

  it('exports the bound set: the file exists with an even page count', async () => {
    await gotoStep('export')
    await shot(browser, '07-export-step')
    const out = mkdtempSync(path.join(os.tmpdir(), 'shenbao-e2e-export-'))
    // Only the bound set: untick the defaults, tick 装订合集.
    for (const id of ['application', 'review', 'bound']) await click(`[data-test="export-${id}"]`)
    // The preview inside the window: pdf.js draws the real PDF, one page at a time.
    await click('[data-test="export-preview"]')
    await browser.waitUntil(async () => /第 \d+ \/ \d+ 页/.test(await textOf('[data-test="preview-count"]')), {
      timeout: 30_000,
      timeoutMsg: 'the preview did not render',
    })
    // A drawn page is not blank: some pixels of its canvas are dark (text). pdf.js draws
    // asynchronously, so wait for the ink.
    const ink = () => browser.execute(() => {
      const c = document.querySelector('[data-test="preview-pages"] canvas')
      if (!c || !c.width) return 0
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++
      return dark
    })
    await browser.waitUntil(async () => (await ink()) > 100, { timeout: 15_000, timeoutMsg: 'the preview page is blank' })
    await shot(browser, '07b-export-preview')
    await browser.keys(Key.Escape)
    await browser.waitUntil(async () => !(await (await browser.$('[data-test="preview-dialog"]')).isDisplayed()), { timeout: 5_000 })
    await typeInto('export-dir', out)
    await click('[data-test="export-run"]')
    // This application's narrative sections are empty: export asks once, and 仍然导出 goes on.
    const box = await el('.el-message-box')
    assert.match(await textOf(box), /内容尚不完整/)
    await click('.el-message-box__btns .el-button--primary')
    await browser.waitUntil(async () => (await browser.$$('.written li')).length === 1, {
      timeout: 60_000,
      timeoutMsg: 'no file was reported written',
    })
    const reported = (await textOf('.written li')).replace(/^已写入 /, '')
    assert.ok(reported.startsWith(out), reported)
    assert.ok(existsSync(reported), `${reported} exists`)
    const info = execFileSync('pdfinfo', [reported], { encoding: 'utf8' })
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1])
    console.log(`      bound set: ${pages} pages`)
    assert.ok(pages > 2 && pages % 2 === 0, `an even page count for duplex binding, got ${pages}`)
    assert.ok(await (await el('[data-test="export-open-folder"]')).isDisplayed(), 'offers to open the folder')
    await shot(browser, '08-export-written')
  })

  it('lists the person claimed twice in the research office overview', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await click('[data-test="conflicts"]')
    await browser.waitUntil(async () => /不可申报/.test(await textOf('[data-test="summary"]')), {
      timeout: 10_000,
      timeoutMsg: 'the overview does not report the excluding conflict',
    })
    const people = await textOf('[data-section="people"]')
    assert.match(people, /…2673/)
    assert.ok(people.includes(SAMPLE_CENTRE) && people.includes(CENTRE), people)
    assert.ok(!people.includes(YOUNG_DIRECTOR_ID), 'the ID number is masked')
    await shot(browser, '09-conflicts-overview')
    // Each row jumps to the record: the roster step of the application, the row focused.
    await click('[data-test="open-conflict-0"]')
    await browser.waitUntil(async () => (await browser.$('main[data-step="people"]').isExisting()), { timeout: 10_000 })
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const row = document.activeElement?.closest('[data-row]')?.getAttribute('data-row')
          if (row == null) return false
          const cells = [...document.querySelectorAll(`[data-row="${row}"]`)]
          return cells.map((c) => c.value ?? c.textContent).join('|').includes('贾振宇')
        }),
      { timeout: 10_000, timeoutMsg: 'the conflicting person is not the focused row' },
    )
  })

  it('imports staff from a real spreadsheet: preview with per-row errors, then one commit', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await el('[data-test="application-table"] .el-table__body tr', 10_000)
    let found = null
    for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(CENTRE)) found = r
    await (await found.$('button*=打开')).click()
    await gotoStep('people')
    const before = Number(/共 (\d+) 行/.exec(await textOf('[data-test="grid-count"]'))[1])
    await click('[data-test="import-open"]')
    const fileInput = await el('[data-test="import-file"]')
    await browser.execute((e) => (e.style.display = 'block'), fileInput)
    // A sheet whose name column the app does not know: it says which column is missing and lists
    // the columns, and mapping one to 姓名 reads the rows.
    await fileInput.setValue(path.join(ROOT, 'tests/fixtures/roster/staff-unmapped.csv'))
    await browser.waitUntil(async () => (await browser.$('[data-test="import-missing"]').isExisting()), { timeout: 15_000 })
    assert.match(await textOf('[data-test="import-missing"]'), /缺少必填列“姓名”/)
    assert.ok(!(await (await el('[data-test="import-commit"]')).isEnabled()), 'nothing to import yet')
    await shot(browser, '10-import-missing')
    await choose('[data-test="import-columns"] .import__column:nth-child(1)', '姓名')
    await browser.waitUntil(async () => !(await browser.$('[data-test="import-missing"]').isExisting()), {
      timeout: 10_000,
      timeoutMsg: 'mapping the column did not read the rows',
    })
    assert.match(await textOf('[data-test="import-rows"]'), /贾振宇/)
    await shot(browser, '10-import-mapped')
    await fileInput.setValue(path.join(ROOT, 'tests/fixtures/roster/staff.xlsx'))
    await browser.waitUntil(async () => (await textOf('[data-test="import-file-name"]')) === 'staff.xlsx', { timeout: 15_000 })
    await browser.waitUntil(async () => (await browser.$('[data-test="import-rows"]').isExisting()), { timeout: 15_000 })
    assert.match(await textOf('[data-test="import-errors"]'), /第 \d+ 行：身份证号码/)
    const n = Number(/导入 (\d+) 行/.exec(await textOf('[data-test="import-commit"]'))[1])
    assert.ok(n > 0, 'some rows can be imported')
    // A person already in the roster (same ID number) is updated in place: only new rows add to it.
    const counts = await textOf('[data-test="import-counts"]')
    const added = Number(/新增 (\d+) 行/.exec(counts)[1])
    const updated = Number(/更新 (\d+) 行/.exec(counts)?.[1] ?? 0)
    assert.equal(added + updated, n, counts)
    await shot(browser, '10-import-preview')
    await click('[data-test="import-commit"]')
    await browser.waitUntil(async () => (await textOf('[data-test="grid-count"]')).includes(`共 ${before + added} 行`), {
      timeout: 10_000,
      timeoutMsg: `the roster did not grow by ${added}`,
    })
  })

  it('backs up on demand and lists the backup', async () => {
    await browser.execute(() => (window.location.hash = '#/backups'))
    await click('[data-test="backup-now"]')
    await browser.waitUntil(async () => (await browser.$$('[data-test="backup-list"] .el-table__body tr')).length >= 1, {
      timeout: 10_000,
      timeoutMsg: 'no backup listed',
    })
    // The backup made on demand is listed as such, with its kind in the file name too.
    const list = await textOf('[data-test="backup-list"]')
    assert.match(list, /手动备份/)
    assert.match(list, /shenbao-\d{8}-\d{6}-manual\.sqlite/)
    await shot(browser, '11-backups')
  })
})
