// The installed package's app (tests/package/run.sh): /usr/bin/shenbao-app started with a fresh
// home directory and no SHENBAO_DB, as a user starts it from the menu. The home screen must appear
// with the window's title and the sample loaded on first start, into the user's data directory.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { el, launchApp, resizeTo, shot, startDriver, stopDriver, textOf } from './harness.mjs'

const HOME = process.env.SHENBAO_HOME
let browser

describe('The installed app starts on a fresh home directory', function () {
  before(async () => {
    assert.ok(HOME, 'SHENBAO_HOME names the fresh home directory')
    await startDriver({ home: HOME })
    browser = await launchApp()
  })

  after(async () => {
    if (browser) await browser.deleteSession()
    stopDriver()
  })

  it('shows the home screen with the sample, in the user’s data directory', async () => {
    await resizeTo(1280, 820)
    assert.equal(await browser.getTitle(), '申报通')
    const table = await el('[data-test="application-table"] .el-table__body', 30_000)
    await browser.waitUntil(async () => (await textOf(table)).includes('山西省煤基碳材料技术创新中心'), {
      timeout: 15_000,
      timeoutMsg: 'the sample is not on the home screen',
    })
    assert.ok(existsSync(path.join(HOME, '.local/share/shenbao/shenbao.sqlite')), 'the database is in the user’s data directory')
    await shot(browser, 'installed-home-1280x820')
    await resizeTo(1024, 700)
    await shot(browser, 'installed-home-1024x700')
  })
})
