// End-to-end on the real app: the unit's library (单位资料库). The sample's rows are collected into
// the library (CLI), a second application of the same host units starts with no people; in its
// 人员队伍 step 从资料库选择 picks three people, which become its rows; the library page then
// counts each of them in two applications as fixed staff; an edit of one record is previewed
// (both applications named) before it is applied; 存入资料库 on the instruments keeps a row typed
// key by key and says why the row without an asset number was not kept. Screenshots at both sizes.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { click, dbPath, el, launchApp, resizeTo, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const SECOND = '山西省资料库测试技术创新中心'

let browser

async function shots(name) {
  for (const [w, h] of [[1280, 820], [1024, 700]]) {
    await resizeTo(w, h)
    await shot(browser, `library-${name}-${w}x${h}`)
  }
  await resizeTo(1280, 820)
}

function seed() {
  const sample = JSON.parse(readFileSync(path.join(ROOT, 'assets/samples/sample-p1.json'), 'utf8'))
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shenbao-library-'))
  const write = (name, app) => {
    const file = path.join(dir, name)
    writeFileSync(file, JSON.stringify({ ...sample, application: app }))
    execFileSync(CLI, ['--db', dbPath, 'import', file])
  }
  write('p1.json', sample.application)
  write('second.json', { ...sample.application, centre_name: SECOND, people: [], instruments: [], sites: [], achievements: [] })
  execFileSync(CLI, ['--db', dbPath, 'library', 'collect'])
}

async function openApplication(name) {
  await browser.execute(() => (window.location.hash = '#/'))
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  let row = null
  await browser.waitUntil(async () => {
    for (const r of await browser.$$('[data-test="application-table"] .el-table__body tr')) if ((await textOf(r)).includes(name)) row = r
    return row !== null
  }, { timeout: 15_000 })
  await (await row.$('button*=打开')).click()
  await el('[data-test="wizard-title"]')
}

describe('The unit’s library: pick people into an application and see where each is used', function () {
  before(async () => {
    await startDriver()
    seed()
    browser = await launchApp()
    await resizeTo(1280, 820)
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
  })

  let picked = []

  it('picks three people from the library into an application', async () => {
    await openApplication(SECOND)
    await click('button[data-step="people"]')
    await browser.waitUntil(async () => browser.$('main[data-step="people"]').isExisting(), { timeout: 10_000 })
    await click('[data-test="library-open"]')
    const list = await el('[data-test="library-pick"] [data-test="pick-list"] .el-table__body tr', 20_000)
    assert.ok(list)
    const rows = await browser.$$('[data-test="library-pick"] [data-test="pick-list"] .el-table__body tr')
    assert.ok(rows.length >= 3, `the library lists the sample's people: ${rows.length}`)
    for (const r of rows.slice(0, 3)) {
      picked.push((await textOf(await r.$('td:nth-child(2)'))).trim())
      await (await r.$('.el-checkbox')).click()
    }
    await browser.waitUntil(async () => (await textOf('[data-test="pick-confirm"]')).includes('3'), { timeout: 5_000 })
    await shots('pick')
    await click('[data-test="pick-confirm"]')
    const summary = await el('[data-test="people-summary"]')
    await browser.waitUntil(async () => (await textOf(summary)).includes('固定人员 3 人'), {
      timeout: 15_000,
      timeoutMsg: `three fixed staff after the pick: ${await textOf(summary)}`,
    })
    const grid = await textOf('main[data-step="people"]')
    for (const name of picked) assert.ok(grid.includes(name), `${name} is a row: ${grid}`)
  })

  it('counts each picked person in two applications on the library page', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await click('[data-test="library"]')
    const list = await el('[data-test="library-list"] .el-table__body tr', 20_000)
    assert.ok(list)
    await browser.$('input[data-test="search"]').then((i) => i.setValue(picked[0]))
    await browser.waitUntil(
      async () => (await textOf('[data-test="library-list"] .el-table__body')).includes('2 份申报书，其中 2 份为固定人员'),
      { timeout: 10_000, timeoutMsg: `usage of ${picked[0]}: ${await textOf('[data-test="library-list"] .el-table__body')}` },
    )
    await shots('list')
    // A search that finds nothing says so, not that the library is empty.
    await browser.$('input[data-test="search"]').then((i) => i.setValue('查无此人'))
    await browser.waitUntil(
      async () => (await textOf('[data-test="library-list"]')).includes('没有找到符合条件的记录'),
      { timeout: 10_000, timeoutMsg: `no "nothing found": ${await textOf('[data-test="library-list"]')}` },
    )
    await shot(browser, 'library-nothing-found')
    // Cleared as a person does (the input's clear button), then the name typed again.
    await browser.$('input[data-test="search"]').then((i) => i.moveTo())
    await click('[data-test="search"] ~ * .el-input__clear, .library__search .el-input__clear')
    await browser.$('input[data-test="search"]').then((i) => i.addValue(picked[0]))
    const usage = execFileSync(CLI, ['--db', dbPath, 'library', 'usage'], { encoding: 'utf8' })
    for (const name of picked) assert.ok(usage.includes(`${name}：2 份申报书，其中 2 份为固定人员`), usage)
  })

  it('previews an edit of a record in both applications before applying it', async () => {
    // The list is still filtered to the first picked person: one row.
    await browser.waitUntil(async () => (await browser.$$('[data-test="library-list"] .el-table__body tr')).length === 1, {
      timeout: 10_000,
      timeoutMsg: 'the list shows the first picked person alone',
    })
    assert.ok((await textOf('[data-test="library-list"] .el-table__body')).includes(picked[0]))
    await click('[data-test="library-list"] [data-test="open-record"]')
    await browser.waitUntil(async () => (await textOf('[data-test="record-usage"]')).startsWith(picked[0]), { timeout: 10_000 })
    await el('[data-test="record-usage"]')
    const name = await browser.$('input[data-test="f-name"]')
    await name.addValue('（改）')
    const renamed = await name.getValue()
    assert.ok(renamed.endsWith('（改）') && renamed !== picked[0], renamed)
    await click('[data-test="preview"]')
    const summary = await el('[data-test="preview-summary"]', 30_000)
    assert.equal(await textOf(summary), '将修改 2 份申报书中的 2 行：')
    const result = await textOf('[data-test="preview-result"]')
    assert.ok(result.includes(`姓名 ${picked[0]} → ${renamed}`), result)
    await shots('preview')
    await click('[data-test="apply"]')
    await browser.waitUntil(
      async () => (await textOf('[data-test="library-list"] .el-table__body')).includes(renamed),
      { timeout: 15_000 },
    )
    const usage = execFileSync(CLI, ['--db', dbPath, 'library', 'usage'], { encoding: 'utf8' })
    assert.ok(usage.includes(`${renamed}：2 份申报书，其中 2 份为固定人员`), usage)
  })

  it('finds a record in the pick dialog by typing part of its name', async () => {
    await openApplication(SECOND)
    await click('button[data-step="people"]')
    await click('[data-test="library-open"]')
    await el('[data-test="library-pick"] [data-test="pick-list"] .el-table__body tr', 20_000)
    const wanted = picked[1]
    const search = await el('input[data-test="pick-search"]')
    await search.click()
    for (const ch of wanted.slice(0, 2)) await browser.keys(ch)
    const rows = '[data-test="library-pick"] [data-test="pick-list"] .el-table__body tr'
    await browser.waitUntil(
      async () => {
        const names = []
        for (const r of await browser.$$(rows)) names.push(await textOf(await r.$('td:nth-child(2)')))
        return names.length >= 1 && names.every((n) => n.includes(wanted.slice(0, 2))) && names.includes(wanted)
      },
      { timeout: 10_000, timeoutMsg: `the list narrowed to ${wanted.slice(0, 2)}: ${await textOf('[data-test="library-pick"] [data-test="pick-list"]')}` },
    )
    await shots('pick-search')
    await browser.keys('Escape')
  })

  it('keeps a typed instrument in the library with 存入资料库, and says why a row without an asset number is not kept', async () => {
    await openApplication(SECOND)
    await click('button[data-step="resources"]')
    await browser.waitUntil(async () => browser.$('main[data-step="resources"]').isExisting(), { timeout: 10_000 })
    await click('#tab-instruments')
    const typeInto = async (row, col, text) => {
      const cell = await el(`#pane-instruments input[data-row="${row}"][data-col="${col}"]`)
      await browser.execute((c) => c.scrollIntoView({ block: 'center', inline: 'center' }), cell)
      await cell.click()
      for (const ch of text) await browser.keys(ch)
      // Tab leaves the cell (Enter on the last row would add a row, as in a spreadsheet).
      await browser.keys('Tab')
    }
    await click('#pane-instruments [data-test="add-row"]')
    await typeInto(0, 'name', '原位拉曼光谱仪')
    await typeInto(0, 'asset', 'ZC-2026-0101')
    await click('#pane-instruments [data-test="add-row"]')
    await typeInto(1, 'name', '待编号离心机')
    await click('#pane-instruments [data-test="library-keep"]')
    const box = await el('.el-message-box', 20_000)
    const said = await textOf(box)
    assert.match(said, /已存入 1 条，其中新建 1 条记录；1 行未存入/)
    assert.match(said, /第 2 行：没有资产编号或产权单位的统一社会信用代码/)
    await shots('keep')
    await click('.el-message-box__btns .el-button--primary')
    const list = execFileSync(CLI, ['--db', dbPath, 'library', 'list'], { encoding: 'utf8' })
    assert.ok(list.includes('原位拉曼光谱仪'), list)
    assert.ok(!list.includes('待编号离心机'), list)
  })
})
