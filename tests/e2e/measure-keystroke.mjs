// Bench command: keystroke to live panel in the real app. On the sample application's
// 科研仪器设备 grid, each edit types a new 原值 key by key (4 keys); the time measured, in the page,
// runs from the edit's last keydown to the first moment the instruments item of the check panel
// shows the text it settles on (the new 原值合计). Prints median and max over the edits.
// Run it on each build (a debug build is slower):
//   cargo build --release -p shenbao-app && \
//   SHENBAO_APP=target/release/shenbao-app xvfb-run -a -s "-screen 0 1280x860x24" node tests/e2e/measure-keystroke.mjs [EDITS]
import { Key } from 'webdriverio'
import { launchApp, startDriver, stopDriver } from './harness.mjs'

const edits = Number(process.argv[2] ?? 20)
const times = []
/** Per edit: the last key to the last save's start, that save (one command that saves and answers
 * the check: the check is inside it and its own part is 0), the check's answer to the panel showing
 * it (the app's own timings, window.__shenbaoTimings). */
const parts = { wait: [], save: [], check: [], render: [] }
await startDriver()
let browser = null
try {
  browser = await launchApp()
  await (await browser.$('[data-test="application-table"] .el-table__body tr')).waitForExist({ timeout: 60_000 })
  await browser.execute(() => (window.location.hash = '#/application/1/resources'))
  await (await browser.$('[data-criterion="instruments"]')).waitForExist({ timeout: 30_000 })
  await (await browser.$('#tab-instruments')).click()
  const cell = await browser.$('#pane-instruments input[data-row="0"][data-col="value"]')
  await cell.waitForExist({ timeout: 10_000 })
  await browser.execute((i) => i.scrollIntoView({ block: 'center', inline: 'center' }), cell)
  // The probe: every keydown's time, and every text the instruments item shows, with its time.
  await browser.execute(() => {
    const w = window
    w.__bench = { lastKey: 0, shown: [] }
    document.addEventListener('keydown', () => (w.__bench.lastKey = performance.now()), { capture: true })
    const panel = document.querySelector('[data-test="check-panel"]')
    new MutationObserver(() => {
      const item = panel.querySelector('[data-criterion="instruments"]')
      const text = item?.textContent ?? ''
      const shown = w.__bench.shown
      if (shown.length === 0 || shown[shown.length - 1].text !== text) shown.push({ at: performance.now(), text })
    }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true })
  })
  await cell.click()
  for (let i = 0; i < edits; i++) {
    // A new value each time (1001, 1013, …): the total, and so the panel, changes on every edit.
    const value = String(1001 + 12 * i)
    await browser.keys([Key.Ctrl, 'a'])
    await browser.execute(() => (window.__bench.shown = []))
    for (const ch of value) await browser.keys(ch)
    // Settled: nothing is being saved and the panel has not changed for 600 ms.
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const b = window.__bench
          const saving = /正在保存/.test(document.querySelector('[data-test="save-status"]')?.textContent ?? '')
          const last = b.shown.length ? b.shown[b.shown.length - 1].at : b.lastKey
          return !saving && performance.now() - Math.max(last, b.lastKey) > 600
        }),
      { timeout: 15_000, interval: 100, timeoutMsg: `edit ${i}: the panel did not settle` },
    )
    const found = await browser.execute(() => {
      const b = window.__bench
      const final = b.shown[b.shown.length - 1]
      const first = b.shown.find((s) => s.text === final?.text && s.at >= b.lastKey)
      if (!first) return null
      const t = window.__shenbaoTimings ?? []
      const save = t.filter((x) => x.what === 'save' && x.start >= b.lastKey).at(-1)
      const check = t.filter((x) => x.what === 'check' && x.end <= first.at).at(-1)
      return {
        ms: first.at - b.lastKey,
        parts: save && check ? { wait: save.start - b.lastKey, save: save.end - save.start, check: check.end - check.start, render: first.at - check.end } : null,
      }
    })
    if (found === null) throw new Error(`edit ${i}: the panel did not change after the last key`)
    times.push(Math.round(found.ms))
    if (found.parts) for (const [k, v] of Object.entries(found.parts)) parts[k].push(Math.round(v))
  }
} finally {
  await browser?.deleteSession().catch(() => {})
  stopDriver()
}
const sorted = [...times].sort((a, b) => a - b)
console.log(`keystroke to live panel, ${edits} edits of 原值 (4 keys each): median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms, min ${sorted[0]} ms`)
console.log(`raw: ${times.join(', ')}`)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(
  `medians of the parts (${parts.save.length} edits): last key → save starts ${median(parts.wait)} ms, save and check (one command) ${median(parts.save)} ms, ` +
    `separate check ${median(parts.check)} ms, check answered → panel shows it ${median(parts.render)} ms`,
)
