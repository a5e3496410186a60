// End-to-end on the real app, for the blockers of the 2026-12 UI walk: finding 吕梁市 → 中试基地
// in 新建申报书 (nothing expired preselected), typing a date key by key into a grid cell, adding an
// empty achievement row without an error, and reaching the 原值 column at the 1024×700 minimum.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { Key } from 'webdriverio'
import { click, dbPath, el, launchApp, shot, startDriver, stopDriver, textOf, resizeTo } from '../harness.mjs'

const BASE = '吕梁华晋中试基地'
const SAMPLE = '山西省煤基碳材料技术创新中心'

let browser

async function gotoStep(step) {
  await click(`button[data-step="${step}"]`)
  await browser.waitUntil(async () => (await browser.$(`main[data-step="${step}"]`).isExisting()), { timeout: 10_000 })
}

/** Types `text` one key at a time, as a person does (separate actions: repeated keys survive). */
async function typeKeys(text) {
  for (const ch of text) await browser.keys(ch)
}

function sql(query) {
  return execFileSync('sqlite3', [dbPath, query], { encoding: 'utf8' }).trim()
}

async function savedQuietly() {
  await browser.waitUntil(async () => /已保存 \d\d:\d\d:\d\d/.test(await textOf('[data-test="save-status"]')), {
    timeout: 5_000,
    timeoutMsg: 'autosave did not report 已保存',
  })
}

/** Opens the sample application (the database starts with it). */
async function openSample() {
  // Whatever a failed test left open is closed first.
  await browser.keys(Key.Escape)
  await browser.execute(() => (window.location.hash = '#/'))
  await browser.waitUntil(async () => !(await browser.$('[data-test="new-dialog"]').isDisplayed().catch(() => false)), { timeout: 5_000 })
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  let sample = null
  for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(SAMPLE)) sample = r
  assert.ok(sample, 'the sample is listed')
  await (await sample.$('button*=打开')).click()
  await el('[data-test="wizard-title"]')
}

/** Scrolls the grid sideways (as a user drags its scrollbar) until the cell is just right of the
 * frozen columns. */
async function scrollCellIntoView(input) {
  await browser.execute((i) => {
    const viewport = i.closest('.grid__viewport')
    const cell = i.closest('.grid__cell')
    const frozen = [...cell.parentElement.querySelectorAll('.grid__cell--index, .grid__cell--frozen')].reduce((w, c) => w + c.offsetWidth, 0)
    viewport.scrollLeft = Math.max(0, cell.offsetLeft - frozen)
  }, input)
  await browser.pause(200)
}

describe('Blockers of the 2026-12 UI walk', function () {
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

  it('marks the sample application as 示例 on the home screen', async () => {
    await resizeTo(1280, 820)
    const tags = await browser.$$('[data-test="application-table"] [data-test="sample-tag"]')
    assert.equal(tags.length, 1)
    await shot(browser, 'm1-home-sample-tag')
  })

  it('says under the sample\'s 符合 what it was not compared with (nothing else in the database)', async () => {
    const caveat = await el('[data-test="application-table"] [data-test="verdict-caveat"]', 30_000)
    assert.equal(await textOf('[data-test="application-table"] [data-test="verdict-badge"]'), '符合申报条件')
    assert.equal(await textOf(caveat), '但未与其他申报书、已建平台名录比对')
    await resizeTo(1024, 700)
    await shot(browser, 'm1-home-caveat-1024')
    await resizeTo(1280, 820)
  })

  it('creates a P4 application by choosing 吕梁市 → 中试基地; nothing expired is preselected', async () => {
    await resizeTo(1024, 700)
    await click('[data-test="new"]')
    await el('[data-test="issuer-group"]')
    const create = await el('[data-test="create"]')
    const bottom = await browser.execute((e) => e.getBoundingClientRect().bottom, create)
    assert.ok(bottom <= 700, `创建 is inside the 1024×700 window (bottom ${bottom})`)
    await shot(browser, 'b2-new-dialog-1024')
    await browser.keys(Key.Escape)
    await browser.pause(500)
    await resizeTo(1280, 820)
    await click('[data-test="new"]')
    await browser.waitUntil(async () => (await browser.$$('[data-test="issuer-group"]')).length >= 3, {
      timeout: 10_000,
      timeoutMsg: 'the programmes are not grouped by issuer',
    })
    // Nothing that has passed its deadline is chosen for the user.
    const preselected = await browser.execute(() =>
      [...document.querySelectorAll('[data-test="new-dialog"] [data-programme][aria-checked="true"]')].map((e) => ({
        id: e.getAttribute('data-programme'),
        expired: e.getAttribute('data-expired') === 'true',
      })),
    )
    assert.ok(preselected.every((p) => !p.expired), `expired programme preselected: ${JSON.stringify(preselected)}`)
    // Expired programmes say so.
    const p1 = await el('[data-programme="P1"]')
    assert.equal(await p1.getAttribute('data-expired'), 'true')
    assert.match(await textOf(p1), /已截止/)
    // The list scrolls vertically, never sideways.
    const list = await el('[data-test="programme-list"]')
    const sizes = await browser.execute((e) => [e.scrollWidth, e.clientWidth], list)
    assert.ok(sizes[0] <= sizes[1] + 1, `the list scrolls sideways: ${sizes}`)
    await shot(browser, 'b2-new-dialog-1280')

    // The user looks for 吕梁市 and picks 中试基地 there.
    const groups = await browser.$$('[data-test="issuer-group"]')
    let lvliang = null
    for (const g of groups) if ((await textOf(await g.$('[data-test="issuer-name"]'))).includes('吕梁市')) lvliang = g
    assert.ok(lvliang, 'a 吕梁市 group')
    const items = await lvliang.$$('[data-programme]')
    let pilot = null
    for (const it of items) if ((await textOf(it)).includes('中试基地')) pilot = it
    assert.ok(pilot, '中试基地 is listed under 吕梁市')
    await pilot.scrollIntoView({ block: 'center' })
    await pilot.click()
    assert.equal(await pilot.getAttribute('aria-checked'), 'true')
    assert.match(await textOf(pilot), /通知未载明|常年受理|截止/)
    await shot(browser, 'b2-new-dialog-p4-chosen')
    const name = await el('[data-test="new-name"] input, input[data-test="new-name"]')
    await name.click()
    await name.addValue(BASE)
    await click('[data-test="create"]')
    await browser.waitUntil(async () => (await textOf('[data-test="wizard-title"]')) === BASE, { timeout: 10_000 })
    assert.equal(sql(`SELECT programme FROM applications WHERE centre_name = '${BASE}'`), 'P4')
  })

  it('adds an empty achievement row without an error', async () => {
    await openSample()
    await gotoStep('achievements')
    const before = Number(/共 (\d+) 行/.exec(await textOf('[data-test="grid-count"]'))[1])
    await click('[data-test="add-row"]')
    await browser.waitUntil(async () => (await textOf('[data-test="grid-count"]')).includes(`共 ${before + 1} 行`), { timeout: 5_000 })
    await savedQuietly()
    await browser.pause(800)
    const toasts = await browser.execute(() => [...document.querySelectorAll('.el-message--error')].map((e) => e.textContent))
    assert.deepEqual(toasts, [], 'no error toast')
    assert.equal(Number(sql("SELECT count(*) FROM achievements WHERE title = ''")), 1, 'the empty row is saved')
    // The row says what is missing, in Chinese, at the cell.
    const problems = await textOf('[data-test="grid-problems"]')
    assert.match(problems, /名称/)
    assert.ok(!/CHECK|constraint|SQL/i.test(problems), problems)
    await shot(browser, 'm4-empty-achievement-row')
  })

  it('takes a date typed key by key into a grid cell, and saves it on Enter', async () => {
    // The empty row added above is the last one; its date cell.
    const last = Number(/共 (\d+) 行/.exec(await textOf('[data-test="grid-count"]'))[1]) - 1
    const cell = await el(`input[data-row="${last}"][data-col="date"]`)
    await scrollCellIntoView(cell)
    await cell.click()
    await typeKeys('2024-03-15')
    // While the cell has focus, it keeps exactly what was typed, and hints the date it reads.
    assert.equal(await cell.getValue(), '2024-03-15')
    assert.match(await textOf('[data-test="cell-hint"]'), /2024年3月15日/)
    await shot(browser, 'b1-date-typing')
    await browser.keys(Key.Enter)
    await browser.waitUntil(async () => (await cell.getValue()) === '2024年3月15日', {
      timeout: 5_000,
      timeoutMsg: 'the cell was not normalised on Enter',
    })
    await savedQuietly()
    const saved = sql("SELECT json_extract(data, '$.date') FROM achievements WHERE title = ''")
    assert.equal(saved, '2024-03-15')

    // 年/月/日 typed by hand, ending in 日, also works.
    await scrollCellIntoView(cell)
    await cell.click()
    await browser.keys([Key.Ctrl, 'a'])
    await browser.keys(Key.Backspace)
    await typeKeys('2023年11月30日')
    assert.equal(await cell.getValue(), '2023年11月30日')
    await browser.keys(Key.Tab)
    await browser.waitUntil(async () => sql("SELECT json_extract(data, '$.date') FROM achievements WHERE title = ''") === '2023-11-30', {
      timeout: 5_000,
      timeoutMsg: 'the date typed with 年月日 was not saved',
    })
  })

  it('keeps the paste dialog\'s import button inside the window at 1280×820 and 1024×700', async () => {
    await gotoStep('people')
    const rows = ['姓名\t身份证号码\t性别\t学历\t职称\t在中心职务\t是否全职']
    for (let k = 0; k < 14; k++) rows.push(`测试${k}\t14010519850315201X\t男\t博士\t副高级\t固定人员\t是`)
    for (const [w, h] of [[1280, 820], [1024, 700]]) {
      await resizeTo(w, h)
      await click('[data-test="paste"]')
      const area = await el('[data-test="paste-text"] textarea, textarea[data-test="paste-text"]')
      await browser.execute(
        (e, text) => {
          e.value = text
          e.dispatchEvent(new Event('input', { bubbles: true }))
        },
        area,
        rows.join('\n'),
      )
      await el('[data-test="paste-preview"]')
      const save = await el('[data-test="paste-save"]')
      const bottom = await browser.execute((e) => e.getBoundingClientRect().bottom, save)
      assert.ok(bottom <= h, `导入 N 行 is inside the ${w}×${h} window (bottom ${bottom})`)
      await shot(browser, `m2-paste-dialog-${w}`)
      await browser.keys(Key.Escape)
      await browser.waitUntil(async () => !(await (await browser.$('[data-test="paste-dialog"]')).isDisplayed()), { timeout: 5_000 })
    }
  })

  it('undoes a paste of three people in one step', async () => {
    await resizeTo(1280, 820)
    await browser.keys(Key.Escape)
    await browser.execute(() => (window.location.hash = '#/'))
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    let base = null
    for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(BASE)) base = r
    await (await base.$('button*=打开')).click()
    await gotoStep('people')
    const appId = sql(`SELECT id FROM applications WHERE centre_name = '${BASE}'`)
    const before = Number(sql(`SELECT count(*) FROM people WHERE application_id = ${appId}`))
    await click('[data-test="paste"]')
    const area = await el('[data-test="paste-text"] textarea, textarea[data-test="paste-text"]')
    const text = [
      '姓名\t身份证号码\t学历\t职称\t在中心职务\t是否全职',
      '张伟\t14010519850315201X\t博士\t副高级\t固定人员\t是',
      '王芳\t140105199006203028\t硕士\t中级\t固定人员\t是',
      '赵强\t140107196001011237\t本科\t中级\t固定人员\t是',
    ].join('\n')
    await browser.execute((e, t) => {
      e.value = t
      e.dispatchEvent(new Event('input', { bubbles: true }))
    }, area, text)
    await browser.waitUntil(async () => /导入 3 行/.test(await textOf('[data-test="paste-save"]')), { timeout: 5_000 })
    await click('[data-test="paste-save"]')
    await browser.waitUntil(async () => Number(sql(`SELECT count(*) FROM people WHERE application_id = ${appId}`)) === before + 3, {
      timeout: 10_000,
      timeoutMsg: 'the three pasted people were not saved',
    })
    assert.match(await textOf('[data-test="undo-message"]'), /已导入 3 人/)
    await shot(browser, 'm10-paste-undo-offer')
    await click('[data-test="undo"]')
    await browser.waitUntil(async () => Number(sql(`SELECT count(*) FROM people WHERE application_id = ${appId}`)) === before, {
      timeout: 10_000,
      timeoutMsg: 'the paste was not undone in one step',
    })
    await browser.waitUntil(async () => (await textOf('[data-test="grid-count"]')).includes(`共 ${before} 行`), { timeout: 5_000 })
  })

  it('reaches the 原值 column and 删除 at 1024×700 by scrolling inside the grid', async () => {
    await openSample()
    await resizeTo(1024, 700)
    await gotoStep('resources')
    await click('#tab-instruments')
    const grid = await el('#pane-instruments [data-test="roster-grid"] .grid__viewport')
    const value = await el('#pane-instruments input[data-row="0"][data-col="value"]')
    // The page itself does not scroll sideways; the grid does, inside the window.
    const layout = await browser.execute((g) => {
      const r = g.getBoundingClientRect()
      return { right: r.right, bottom: r.bottom, scrollWidth: g.scrollWidth, clientWidth: g.clientWidth, doc: document.documentElement.scrollWidth }
    }, grid)
    assert.ok(layout.right <= 1024 && layout.bottom <= 700, `the grid ends inside the window: ${JSON.stringify(layout)}`)
    assert.ok(layout.doc <= 1024, `the page does not scroll sideways: ${JSON.stringify(layout)}`)
    await shot(browser, 'm5-instruments-1024')
    const at = (e) =>
      browser.execute((e) => {
        const r = e.getBoundingClientRect()
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        return hit === e || e.contains(hit)
      }, e)
    assert.equal(await at(value), false, '原值 starts out of view at 1024 wide')
    // Scroll the grid sideways as a user drags its scrollbar: 原值 comes into view.
    await scrollCellIntoView(value)
    assert.equal(await at(value), true, '原值 can be clicked')
    // And at the far right, 删除 of the first row.
    await browser.execute((g) => (g.scrollLeft = g.scrollWidth), grid)
    await browser.pause(200)
    assert.equal(await at(await el('#pane-instruments [data-test="grid-row-0"] .grid__delete')), true, '删除 can be clicked')
    await shot(browser, 'm5-instruments-1024-right')
    await scrollCellIntoView(value)
    await value.click()
    assert.ok(await value.isFocused(), '原值 takes the focus')
    await shot(browser, 'm5-instruments-1024-scrolled')
    await resizeTo(1280, 820)
  })

  it('keeps every roster grid inside the window at 1024×700', async () => {
    await openSample()
    await resizeTo(1024, 700)
    for (const [step, pane] of [['people', ''], ['resources', '#pane-sites '], ['investment', ''], ['achievements', '']]) {
      await gotoStep(step)
      const grid = await el(`${pane}[data-test="roster-grid"] .grid__viewport`)
      const box = await browser.execute((g) => {
        const r = g.getBoundingClientRect()
        return { right: r.right, bottom: r.bottom, doc: document.documentElement.scrollWidth }
      }, grid)
      assert.ok(box.right <= 1024 && box.bottom <= 700 && box.doc <= 1024, `${step}: ${JSON.stringify(box)}`)
      await shot(browser, `m5-grid-${step}-1024`)
    }
    await resizeTo(1280, 820)
  })
})
