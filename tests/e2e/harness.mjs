// Starts the real app through tauri-driver (WebKitWebDriver underneath) on a fresh database,
// and opens webdriverio sessions to it. One tauri-driver per test run; a session per app start.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { remote } from 'webdriverio'

const here = path.dirname(fileURLToPath(import.meta.url))
export const ROOT = path.resolve(here, '../..')
export const APP = process.env.SHENBAO_APP ?? path.join(ROOT, 'target/debug/shenbao-app')
export const SHOTS = process.env.SHENBAO_SHOTS ?? '/tmp/e2e-shots'
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444)
// WebKitWebDriver's port; set both to run two suites side by side.
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT ?? PORT + 1)

let driver = null
export let dbPath = null

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.end()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`))
        else setTimeout(attempt, 200)
      })
    }
    attempt()
  })
}

/**
 * Starts tauri-driver with SHENBAO_DB pointing at a new, empty database file; or, with `home`, with
 * that home directory and no SHENBAO_DB, so the app uses the user's data directory there.
 */
export async function startDriver({ home = null } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shenbao-e2e-'))
  dbPath = home ? path.join(home, '.local/share/shenbao/shenbao.sqlite') : path.join(dir, 'shenbao.sqlite')
  mkdirSync(SHOTS, { recursive: true })
  // GTK keeps the file dialog's settings in memory: the test machine has no dconf session bus,
  // and each write to it would print a warning.
  const base = { ...process.env, GSETTINGS_BACKEND: 'memory' }
  const env = home ? { ...base, HOME: home, XDG_DATA_HOME: '', SHENBAO_DB: '' } : { ...base, SHENBAO_DB: dbPath }
  driver = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(NATIVE_PORT)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  await waitForPort(PORT, 20_000)
}

export function stopDriver() {
  if (driver && driver.exitCode === null) driver.kill('SIGTERM')
  driver = null
}

/** The session of the app started last: the one the element helpers below act on. */
let current = null

/** The element once it exists. */
export async function el(selector, timeout = 15_000) {
  const e = await current.$(selector)
  await e.waitForExist({ timeout })
  return e
}

/** textContent, white space folded: WebKitWebDriver's getText misses text inside some Element Plus cells. */
export async function textOf(target) {
  const e = typeof target === 'string' ? await el(target) : target
  return (await current.execute((node) => node.textContent, e)).replace(/\s+/g, ' ').trim()
}

/** Clicks the element once it can be clicked. */
export async function click(selector) {
  const e = await el(selector)
  await e.waitForClickable({ timeout: 15_000 })
  await e.click()
}

/** Picks `option` in the Element Plus select at `field` as a person does: opens the list, clicks the
 *  option once it is shown and clickable, and waits until the select shows it. A click that lands
 *  while the list is still opening is tried again (up to three times), so the caller waits for
 *  the app's answer to the choice, never for a click that went nowhere. */
export async function choose(field, option) {
  const select = await el(`${field} .el-select`)
  for (let attempt = 1; ; attempt++) {
    await select.waitForClickable({ timeout: 15_000 })
    await select.click()
    let shown = null
    await current.waitUntil(async () => {
      for (const item of await current.$$(`.el-select-dropdown__item*=${option}`)) {
        if (await item.isDisplayed()) { shown = item; return true }
      }
      return false
    }, { timeout: 5_000, timeoutMsg: `no option ${option} in the list of ${field}` })
    await shown.waitForClickable({ timeout: 5_000 })
    await shown.click()
    const picked = await current.waitUntil(
      async () => (await textOf(select)).includes(option),
      { timeout: 3_000 },
    ).catch(() => false)
    if (picked) return
    if (attempt === 3) throw new Error(`${field} did not take the option ${option}`)
    await current.keys('Escape')
  }
}

/** Launches the app (with `args` on its command line, as the desktop passes a file) and returns a
 *  browser session on its window. */
export async function launchApp(args = []) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'warn',
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: APP, args },
    },
  })
  await browser.setTimeout({ implicit: 0 })
  current = browser
  return browser
}

export async function shot(browser, name) {
  // Let the webview paint the last change (and finish transitions) before capturing.
  await browser.pause(700)
  // The app turns WebKitGTK's compositing off (src-tauri/src/main.rs); in that mode the driver's
  // snapshot waits for the next paint and hangs on an idle page, so keep painting until it is
  // taken: a 1-pixel, all but transparent mark changed every frame for two seconds, then removed.
  await browser.execute(() => {
    const mark = document.createElement('div')
    mark.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none;z-index:99999'
    document.body.appendChild(mark)
    let frames = 0
    const tick = () => {
      mark.style.opacity = frames % 2 ? '0.01' : '0.02'
      if (++frames < 120) requestAnimationFrame(tick)
      else mark.remove()
    }
    requestAnimationFrame(tick)
  })
  const file = path.join(SHOTS, `${name}.png`)
  await browser.saveScreenshot(file)
  return file
}

/** Sets the inner size of the window of the session started last, through its outer size. The
 *  size is asked for again until the page reports it: on a loaded machine the first request can
 *  land before the window has taken the previous one, and the frame's size is only known after. */
export async function resizeTo(width, height) {
  const browser = current
  const inner = () => browser.execute(() => [window.innerWidth, window.innerHeight])
  await browser.waitUntil(async () => {
    const [w, h] = await inner()
    if (w === width && h === height) return true
    const outer = await browser.getWindowSize()
    await browser.setWindowSize(outer.width + (width - w), outer.height + (height - h))
    await browser.pause(100)
    const [w2, h2] = await inner()
    return w2 === width && h2 === height
  }, { timeout: 15_000, interval: 200, timeoutMsg: `the window did not become ${width}×${height}` })
}

/** Runs xdotool on the test's X display; fails loudly when it is missing (install-deps.sh has it). */
function xdotool(args) {
  try {
    return execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20_000 }).trim()
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('xdotool is missing: apt-get install xdotool (scripts/install-deps.sh does it)')
    throw e
  }
}

/** Picks `file` in the system file dialog (GTK) whose title contains `title`, as a user does:
 *  the dialog is waited for, focused, the path typed into its location bar (Ctrl+L) and Enter
 *  pressed. Resolves once the dialog has closed. */
export async function pickInFileDialog(title, file) {
  let id = ''
  await current.waitUntil(async () => {
    try {
      id = xdotool(['search', '--onlyvisible', '--name', title]).split('\n')[0] ?? ''
    } catch (e) {
      if (e.message.includes('xdotool is missing')) throw e
      id = '' // exit 1: no such window yet
    }
    return id !== ''
  }, { timeout: 20_000, interval: 250, timeoutMsg: `no file dialog titled “${title}” appeared` })
  xdotool(['windowfocus', '--sync', id])
  await current.pause(300)
  xdotool(['key', '--clearmodifiers', 'ctrl+l'])
  await current.pause(200)
  xdotool(['type', '--delay', '15', file])
  await current.pause(200)
  xdotool(['key', 'Return'])
  await current.waitUntil(async () => {
    try {
      return xdotool(['search', '--onlyvisible', '--name', title]) === ''
    } catch {
      return true
    }
  }, { timeout: 20_000, interval: 250, timeoutMsg: `the file dialog “${title}” did not close` })
}
