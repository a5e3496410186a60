// End-to-end on the real app: a 共建单位数据包 (.shenbao) handed over by the desktop opens without
// the file dialog. Passed at start (what a double-click does when the app is closed) it opens as
// the co-builder's draft; passed to a second launch while the app runs, the second launch hands it
// to the running window over the session bus and exits, and the window opens it (one window per
// database). The spec runs its own D-Bus session bus, as a desktop session has.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, dbPath, el, launchApp, resizeTo, ROOT, shot, startDriver, stopDriver, textOf } from '../harness.mjs'

const CLI = process.env.SHENBAO_CLI ?? path.join(ROOT, 'target/debug/shenbao')

let bus = null
let browser = null
let packages = []

/** Starts a private D-Bus session bus and points this process (and so the driver and the app) at it. */
async function startBus() {
  bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const address = await new Promise((resolve, reject) => {
    bus.stdout.once('data', (d) => resolve(d.toString().trim()))
    bus.once('error', reject)
  })
  process.env.DBUS_SESSION_BUS_ADDRESS = address
}

/** The hash route the window shows. */
async function route() {
  return browser.execute(() => window.location.hash)
}

describe('A .shenbao package handed over by the desktop opens in the app', function () {
  before(async () => {
    await startBus()
    // The lead's side, in a database of its own: the sample, and a package for two co-builders.
    const lead = path.join(mkdtempSync(path.join(os.tmpdir(), 'shenbao-lead-')), 'lead.sqlite')
    execFileSync(CLI, ['--db', lead, 'init', '--sample'])
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shenbao-packages-'))
    packages = [1, 2].map((unit) => {
      const file = path.join(dir, `共建单位${unit}的数据包.shenbao`)
      execFileSync(CLI, ['--db', lead, 'package', 'export', '1', '--unit', String(unit), '--out', file])
      return file
    })
    await startDriver()
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
    if (bus) bus.kill('SIGTERM')
    delete process.env.DBUS_SESSION_BUS_ADDRESS
  })

  it('opens a package passed at start as the co-builder’s draft', async () => {
    browser = await launchApp([packages[0]])
    await resizeTo(1280, 820)
    await browser.waitUntil(async () => /^#\/application\/\d+\/hosts$/.test(await route()), {
      timeout: 30_000,
      timeoutMsg: 'the draft did not open at 共建单位',
    })
    assert.ok((await textOf(await el('[data-test="wizard-title"]'))).includes('山西省煤基碳材料技术创新中心'))
    await shot(browser, 'open-file-at-start-1280x820')
  })

  it('hands a package given to a second launch to the running window', async () => {
    await browser.execute(() => (window.location.hash = '#/'))
    await el('[data-test="application-table"] .el-table__body tr', 15_000)
    const first = await route()
    const second = spawn(APP, [packages[1]], { env: { ...process.env, SHENBAO_DB: dbPath }, stdio: 'ignore' })
    const code = await new Promise((resolve) => second.once('exit', (c) => resolve(c)))
    assert.equal(code, 0, 'the second launch handed the file over and ended')
    await browser.waitUntil(async () => (await route()) !== first && /\/hosts$/.test(await route()), {
      timeout: 20_000,
      timeoutMsg: 'the running window did not open the handed-over package',
    })
    const opened = Number(/application\/(\d+)/.exec(await route())[1])
    // The app's first start loaded the sample (the lead's own application); beside it, one draft per package.
    const rows = execFileSync(CLI, ['--db', dbPath, 'list'], { encoding: 'utf8' }).trim().split('\n')
    const drafts = rows.filter((r) => !r.includes('山西示例碳材科技有限公司'))
    assert.equal(drafts.length, 2, `two drafts, one per package:\n${rows.join('\n')}`)
    assert.ok(drafts.some((r) => r.startsWith(`${opened}\t`)), 'the window shows the new draft')
    assert.notEqual(drafts[0].split('\t')[3], drafts[1].split('\t')[3], 'each draft is its co-builder’s')
    await shot(browser, 'open-file-second-launch-1280x820')
  })
})
