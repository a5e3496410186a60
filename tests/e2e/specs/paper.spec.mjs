// End-to-end on the real app (issue 14, parts 3 and 4) on the export step: the 签字盖章清单 lists
// each unit's places from the pack, a place ticked off counts and is still ticked after a restart;
// and 核对平台下载件 shows what the platform's copy (a LibreOffice-made PDF with deliberate changes,
// tests/fixtures/platform) lacks or shows differently. The native open dialog cannot be driven, so
// the test hands the fixture's path to the drawer's own check (the function the dialog's answer
// goes to), found through the mounted Vue app.
import assert from 'node:assert/strict'
import path from 'node:path'
import { click, el, launchApp, resizeTo, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

let browser
const CHANGED = path.join(ROOT, 'tests/fixtures/platform/platform-copy-changed.pdf')

async function toExport() {
  await el('[data-test="application-table"] .el-table__body tr', 30_000)
  await click('[data-test="open-1"]')
  await el('[data-test="wizard-title"]')
  await click('button[data-step="export"]')
  await el('[data-test="signatures"] [data-test="signature-place"]', 20_000)
}

const doneCount = async () => Number(await textOf('[data-test="signatures-done"]'))

describe('签字盖章清单 and 核对平台下载件', function () {
  before(async () => {
    await startDriver()
    browser = await launchApp()
    await toExport()
  })

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(browser, `failed-${this.currentTest.title.slice(0, 24)}`).catch(() => {})
  })

  after(async () => {
    await browser?.deleteSession().catch(() => {})
    stopDriver()
  })

  it('lists every unit with its places and keeps a ticked seal after a restart', async () => {
    await resizeTo(1280, 820)
    const roles = await browser.$$('[data-test="signatures"] .signing__role').map((h) => textOf(h))
    assert.deepEqual(roles, ['第一依托单位', '共建依托单位', '共建依托单位', '归口管理部门'])
    assert.equal(await textOf('[data-test="signature-unit-3"] .signing__name'), '太原市科学技术局')
    assert.equal(await doneCount(), 0)
    const unit = '[data-test="signature-unit-1"]'
    const first = await el(`${unit} [data-test="signature-place"] .el-checkbox`)
    await first.scrollIntoView({ block: 'center' })
    assert.match(await textOf(first), /承诺与意见·共建依托单位意见：法定代表人签字、盖章/)
    await first.click()
    await browser.waitUntil(async () => (await doneCount()) === 1, { timeout: 10_000, timeoutMsg: 'the tick is not counted' })
    assert.match(await textOf(`${unit} [data-test="signature-place"]`), /已完成/)
    await shot(browser, 'signatures-1280x820')

    await resizeTo(1024, 700)
    await (await el(unit)).scrollIntoView({ block: 'center' })
    // The cards stay inside the page at the minimum size.
    const overflow = await browser.execute(() => {
      const s = document.querySelector('[data-test="signatures"]')
      return s.scrollWidth - s.clientWidth
    })
    assert.ok(overflow <= 0, `the checklist overflows by ${overflow}px`)
    await shot(browser, 'signatures-1024x700')

    await browser.deleteSession()
    browser = await launchApp()
    await toExport()
    assert.equal(await doneCount(), 1)
    assert.equal(await (await el(`${unit} [data-test="signature-place"]`)).getAttribute('data-done'), 'true')
  })

  it('lists what the platform copy lacks or shows differently', async () => {
    await resizeTo(1280, 820)
    await (await el('[data-test="platform-copy-open"]')).scrollIntoView({ block: 'center' })
    const handed = await browser.execute((file) => {
      // The drawer's exposed check(path), found in the mounted app's component tree.
      const seen = new Set()
      const walk = (vnode) => {
        if (!vnode || typeof vnode !== 'object' || seen.has(vnode)) return null
        seen.add(vnode)
        const c = vnode.component
        if (c) {
          if (c.exposed && typeof c.exposed.check === 'function') return c.exposed.check
          const hit = walk(c.subTree)
          if (hit) return hit
        }
        if (Array.isArray(vnode.children)) {
          for (const child of vnode.children) {
            const hit = walk(child)
            if (hit) return hit
          }
        } else if (vnode.children && typeof vnode.children === 'object') {
          for (const slot of Object.values(vnode.children)) if (slot && typeof slot === 'object') { const hit = walk(slot); if (hit) return hit }
        }
        return walk(vnode.suspense?.activeBranch ?? null)
      }
      // The root's vnode as rendered into its container (kept there in production builds too).
      const check = walk(document.querySelector('#app')._vnode)
      if (!check) return false
      void check(file)
      return true
    }, CHANGED)
    assert.ok(handed, 'the platform copy drawer is not mounted')
    const rows = '[data-test="platform-copy-findings"] .el-table__body tr'
    await browser.waitUntil(async () => (await browser.$$(rows).length) === 10, {
      timeout: 20_000,
      timeoutMsg: `expected 10 findings: ${await textOf('[data-test="platform-copy-drawer"]').catch(() => '')}`,
    })
    const text = await textOf('[data-test="platform-copy-findings"]')
    assert.match(text, /固定人员人数\s*60人\s*59/)
    assert.match(await textOf('[data-test="platform-copy-summary"]'), /对照当前内容（尚未定稿），共 5 页，核对 \d+ 项/)
    // ID numbers are never shown whole.
    assert.doesNotMatch(text, /\d{17}[\dX]/)
    await shot(browser, 'platform-copy-1280x820')
    await resizeTo(1024, 700)
    await shot(browser, 'platform-copy-1024x700')
  })
})
