// Bench command: cold start of the real app to an interactive home screen (the application list
// rendered), measured from the launch request through tauri-driver, median of several starts; and
// the memory of every process of the app at that home screen (the app and the WebKit processes it
// started), resident (RSS) and proportional (PSS: shared pages split between the processes that
// share them, so the sum is what the app costs the machine).
// An upper bound: the time includes starting the WebDriver session. Run it on the release build:
//   cargo build --release -p shenbao-app && \
//   SHENBAO_APP=target/release/shenbao-app xvfb-run -a node tests/e2e/measure-start.mjs [RUNS] [DB]
// With DB (a database file, e.g. one of 60 MB), each start opens a fresh copy of it; without, the
// first start makes the database with the sample and the later ones open it.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { dbPath, launchApp, startDriver, stopDriver } from './harness.mjs'

const runs = Number(process.argv[2] ?? 5)
const database = process.argv[3] ?? null
const times = []
const own = []
const memory = []

/** Every process: pid → { parent, name }. */
function processes() {
  const out = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      out.set(Number(entry), { parent, name })
    } catch {
      // The process ended while being listed.
    }
  }
  return out
}

/** kB of a field ("Rss", "Pss") of /proc/PID/smaps_rollup. */
function rollup(pid, field) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
}

/** The app's process and its descendants (the WebKit web and network processes), with their memory. */
function appMemory() {
  const all = processes()
  const app = path.basename(process.env.SHENBAO_APP ?? 'shenbao-app').slice(0, 15)
  const roots = [...all].filter(([, p]) => p.name === app).map(([pid]) => pid)
  const family = new Set(roots)
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, p] of all) {
      if (!family.has(pid) && family.has(p.parent)) {
        family.add(pid)
        grew = true
      }
    }
  }
  return [...family].map((pid) => ({ name: all.get(pid).name, rss: rollup(pid, 'Rss'), pss: rollup(pid, 'Pss') }))
}

const mb = (kb) => Math.round(kb / 1024)

/** Epoch ms when the app's process started (10 ms resolution), or null. */
function appStartedAt() {
  const app = path.basename(process.env.SHENBAO_APP ?? 'shenbao-app').slice(0, 15)
  const pid = [...processes()].find(([, p]) => p.name === app)?.[0]
  if (!pid) return null
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
  // Since boot, in the kernel's clock; /proc/stat's btime can be minutes off the wall clock in a VM.
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0])
  return Date.now() - (uptime - ticks / 100) * 1000
}

await startDriver()
try {
  for (let i = 0; i < runs; i++) {
    if (database) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true })
      copyFileSync(database, dbPath)
    }
    const t0 = performance.now()
    const browser = await launchApp()
    const row = await browser.$('[data-test="application-table"] .el-table__body tr')
    await row.waitForDisplayed({ timeout: 60_000 })
    await (await browser.$('[data-test="new"]')).waitForClickable({ timeout: 10_000 })
    times.push(Math.round(performance.now() - t0))
    // The app's own part, without the WebDriver session: from the process's start to the page's
    // navigation start (the window and the web view), and to the first list on screen.
    const page = await browser.execute(() => ({
      origin: performance.timeOrigin,
      interactive: performance.getEntriesByName('home-interactive')[0]?.startTime ?? null,
      loaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    }))
    const started = appStartedAt()
    if (started !== null && page.interactive !== null) {
      own.push({ native: page.origin - started, loaded: page.loaded, interactive: page.origin + page.interactive - started })
    }
    // Memory once the home screen has settled (verdicts drawn, the daily backup done).
    await browser.pause(3000)
    memory.push(appMemory())
    await browser.deleteSession()
  }
} finally {
  stopDriver()
}
times.sort((a, b) => a - b)
const what = database ? `database ${path.basename(database)}` : 'sample database'
console.log(
  `cold start to interactive home (${what}), ${runs} starts: median ${times[Math.floor(runs / 2)]} ms (min ${times[0]}, max ${times[runs - 1]})`,
)
if (own.length) {
  const median = (key) => Math.round(own.map((o) => o[key]).sort((a, b) => a - b)[Math.floor(own.length / 2)])
  console.log(
    `  the app's own part, median of ${own.length}: process start → page start ${median('native')} ms, → DOM loaded +${median('loaded')} ms, → first list on screen ${median('interactive')} ms`,
  )
}
const last = memory[memory.length - 1]
for (const p of last) console.log(`  ${p.name}: RSS ${mb(p.rss)} MB, PSS ${mb(p.pss)} MB`)
const sum = (key) => (m) => m.reduce((s, p) => s + p[key], 0)
const rss = memory.map(sum('rss')).sort((a, b) => a - b)
const pss = memory.map(sum('pss')).sort((a, b) => a - b)
console.log(
  `memory at the home screen, all ${last.length} processes: RSS median ${mb(rss[Math.floor(runs / 2)])} MB (max ${mb(rss[runs - 1])}), PSS median ${mb(pss[Math.floor(runs / 2)])} MB (max ${mb(pss[runs - 1])})`,
)
