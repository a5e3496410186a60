// Bench command: cold start of the real app to an interactive home screen (the application list
// rendered), measured from the launch request through tauri-driver, median of several starts.
// An upper bound: it includes starting the WebDriver session. Run it on the release build:
//   cargo build --release -p shenbao-app && \
//   SHENBAO_APP=target/release/shenbao-app xvfb-run -a node tests/e2e/measure-start.mjs [RUNS]
import { launchApp, startDriver, stopDriver } from './harness.mjs'

const runs = Number(process.argv[2] ?? 5)
const times = []
await startDriver()
try {
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const browser = await launchApp()
    const row = await browser.$('[data-test="application-table"] .el-table__body tr')
    await row.waitForDisplayed({ timeout: 60_000 })
    await (await browser.$('[data-test="new"]')).waitForClickable({ timeout: 10_000 })
    times.push(Math.round(performance.now() - t0))
    await browser.deleteSession()
  }
} finally {
  stopDriver()
}
times.sort((a, b) => a - b)
console.log(`cold start to interactive home, ${runs} starts: median ${times[Math.floor(runs / 2)]} ms (min ${times[0]}, max ${times[runs - 1]})`)
