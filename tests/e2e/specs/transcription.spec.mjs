// End-to-end on the real app (issue 14, part 2): the 网上填报对照表 of the sample application on the
// export step — every value in print order with its length, a name typed key by key in the wizard
// shows up on it, and the staff roster copied with one click lands on the system clipboard as
// tab-separated rows (read back from the X clipboard with xclip, as a web page would receive it).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { click, el, launchApp, resizeTo, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

let browser

/** The X clipboard's text; fails loudly when xclip is missing (scripts/install-deps.sh installs it). */
function clipboard() {
  try {
    return execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 10_000 })
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('xclip is missing: apt-get install xclip (scripts/install-deps.sh does it)')
    throw e
  }
}

async function openSheet() {
  await click('button[data-step="export"]')
  await browser.waitUntil(async () => browser.$('main[data-step="export"]').isExisting(), { timeout: 10_000 })
  await click('[data-test="transcription-open"]')
  await el('[data-test="transcription-drawer"] [data-test="ts-section-0"]', 20_000)
  // The drawer slides in from the right: measure once it is in place.
  await browser.waitUntil(
    async () => browser.execute(() => {
      const d = document.querySelector('.ts-drawer')
      return d !== null && Math.abs(d.getBoundingClientRect().right - window.innerWidth) < 1
    }),
    { timeout: 5_000, timeoutMsg: 'the drawer did not come to rest at the right edge' },
  )
}

async function closeSheet() {
  await click('[data-test="transcription-drawer"] .el-drawer__close-btn')
  await browser.waitUntil(async () => !(await browser.$('[data-test="transcription-drawer"]').isDisplayed().catch(() => false)), {
    timeout: 5_000,
    timeoutMsg: 'the sheet did not close',
  })
}

describe('网上填报对照表: the values to type into the online platform', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
    await el('[data-test="application-table"] .el-table__body tr', 30_000)
    await click('[data-test="open-1"]')
    await el('[data-test="wizard-title"]')
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('lists the sections in print order with each value and its length, at 1280×820 and 1024×700', async () => {
    await resizeTo(1280, 820)
    await openSheet()
    const titles = await browser.$$('[data-test="transcription-drawer"] .ts-section__title').map((t) => t.getText())
    assert.deepEqual(titles.slice(0, 2), ['一、基本信息', '二、依托单位情况'])
    assert.equal(titles[3], '四、人员队伍')
    const first = await textOf('[data-test="ts-section-0"] [data-test="ts-field"]')
    assert.match(first, /中心名称\s*山西省煤基碳材料技术创新中心\s*14 字/)
    await shot(browser, 'ts-sheet-1280x820')
    await closeSheet()
    await resizeTo(1024, 700)
    await openSheet()
    // The copy button of a field stays inside the drawer at the minimum size.
    const copy = await el('[data-test="ts-section-0"] [data-test="ts-copy-field"]')
    const right = await browser.execute((e) => e.getBoundingClientRect().right, copy)
    const inner = await browser.execute(() => window.innerWidth)
    assert.ok(right <= inner, `the copy button ends at ${right}, the window at ${inner}`)
    await shot(browser, 'ts-sheet-1024x700')
    await closeSheet()
  })

  it('shows a name typed key by key in the wizard, once saved', async () => {
    await resizeTo(1280, 820)
    await click('button[data-step="basic"]')
    const name = await el('[data-test="centre-name"] input, input[data-test="centre-name"]')
    await name.click()
    await browser.keys('End')
    for (const ch of '（试）') await browser.keys(ch)
    await openSheet()
    await browser.waitUntil(
      async () => (await textOf('[data-test="ts-section-0"] [data-test="ts-field"]')).includes('山西省煤基碳材料技术创新中心（试）'),
      { timeout: 10_000, timeoutMsg: 'the typed name is not on the sheet' },
    )
    await closeSheet()
  })

  it('copies the staff roster as one tab-separated row per person, ready to paste into a web table', async () => {
    await openSheet()
    const table = await el('[data-test="transcription-drawer"] [data-test="ts-table"][data-title="人员队伍"]')
    const heading = await textOf(await table.$('.ts-table__head'))
    const count = Number(/（(\d+) 行）/.exec(heading)?.[1])
    assert.ok(count > 0, heading)
    await (await table.$('[data-test="ts-copy-table"]')).click()
    await el('.el-message--success')
    let text = ''
    await browser.waitUntil(async () => (text = clipboard()).includes('\t'), { timeout: 10_000, timeoutMsg: 'nothing was copied' })
    const lines = text.split('\n')
    assert.equal(lines.length, count, 'one line per person')
    assert.match(lines[0], /^贾振宇\t男\t1972-03-15\t140107197203152673\t/)
    assert.ok(lines.every((l) => l.split('\t').length === lines[0].split('\t').length), 'every row has every column')
    await shot(browser, 'ts-roster-copied')
  })
})
