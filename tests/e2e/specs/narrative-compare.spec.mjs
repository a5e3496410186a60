// End-to-end on the real app: a narrative section largely copied from another application is a
// 一稿多报 warning on 重复申报检查; 对照查看 opens both sections side by side with the passage both
// contain highlighted in each (the core's spans, rendered). Screenshots at both window sizes.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { click, dbPath, el, launchApp, resizeTo, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')
const COPY = '山西省智能传感技术创新中心'
const OWN = '我们聚焦智能传感器与物联网终端，面向煤矿安全监测开展芯片级传感器研制。'

let browser

describe('Side-by-side view of a similar narrative', function () {
  before(async () => {
    await startDriver()
    execFileSync(CLI, ['--db', dbPath, 'init', '--sample'])
    // A second application whose 建设目标 is its own sentence followed by the sample's text.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-compare-'))
    const exported = path.join(dir, 'sample.json')
    execFileSync(CLI, ['--db', dbPath, 'export-json', '1', '--out', exported])
    const doc = JSON.parse(fs.readFileSync(exported, 'utf8'))
    const app = doc.application
    app.centre_name = COPY
    for (const k of ['people', 'instruments', 'sites', 'achievements']) app[k] = []
    app.narratives = { goals: OWN + app.narratives.goals }
    const copy = path.join(dir, 'copy.json')
    fs.writeFileSync(copy, JSON.stringify(doc))
    execFileSync(CLI, ['--db', dbPath, 'import', copy])
    browser = await launchApp()
    await resizeTo(1280, 820)
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
  })

  it('opens both sections with the shared passage highlighted from 重复申报检查', async () => {
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    await browser.execute(() => (window.location.hash = '#/conflicts'))
    const button = await el('[data-test="report"] [data-test="compare-narrative"]', 30_000)
    await button.click()
    const dialog = await el('[data-test="narrative-compare"]')
    await browser.waitUntil(async () => (await dialog.$$('mark')).length >= 2, { timeout: 10_000 })
    const sides = await dialog.$$('.compare__side')
    assert.equal(sides.length, 2)
    const names = [await textOf(await sides[0].$('.compare__name')), await textOf(await sides[1].$('.compare__name'))]
    assert.ok(names.some((n) => n.includes(COPY)), names.join(' | '))
    assert.ok(names.some((n) => n.includes('山西省煤基碳材料技术创新中心')), names.join(' | '))
    // The copied text is marked on both sides; the copy's own sentence is not.
    for (const side of sides) {
      let marked = ''
      for (const m of await side.$$('mark')) marked += await textOf(m)
      assert.ok(marked.length > 100, `a long shared passage is marked: ${marked}`)
      assert.ok(!marked.includes('芯片级传感器'), marked)
    }
    for (const [w, h] of [[1280, 820], [1024, 700]]) {
      await resizeTo(w, h)
      await shot(browser, `narrative-compare-${w}x${h}`)
    }
    await click('[data-test="compare-close"]')
  })
})
