// Bench command: attaching a 20 MB PDF in the real app, from the moment the file dialog hands the
// path over to (1) the core having stored it and (2) every thumbnail of it being drawn (the app's
// own timings 'attach' and 'attach_shown', window.__shenbaoTimings). The file is picked in the GTK
// file dialog with xdotool as a user would; each run attaches a different copy (one trailing
// comment apart), so no content is already stored. Prints median and max over the runs.
// The PDF is the bench's (benches/evidence_store.rs: 50 A4 pages of distinct 300 dpi JPEG scans,
// about 20 MB, cached in the temp directory): run `cargo bench --bench evidence_store attach` once.
//   cargo build --release -p shenbao-app && \
//   SHENBAO_APP=target/release/shenbao-app xvfb-run -a -s "-screen 0 1280x860x24" node tests/e2e/measure-attach.mjs [RUNS]
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchApp, pickInFileDialog, startDriver, stopDriver } from './harness.mjs'

const runs = Number(process.argv[2] ?? 5)

const source = path.join(os.tmpdir(), 'shenbao-bench-20mb-v1.pdf')
if (!existsSync(source)) {
  console.error(`${source} is missing: run \`cargo bench --bench evidence_store attach\` once to make it`)
  process.exit(2)
}
console.log(`PDF: ${(statSync(source).size / 1048576).toFixed(1)} MB`)
const work = mkdtempSync(path.join(os.tmpdir(), 'shenbao-attach-'))
const stored = []
const shown = []
await startDriver()
let browser = null
try {
  browser = await launchApp()
  await (await browser.$('[data-test="application-table"] .el-table__body tr')).waitForExist({ timeout: 60_000 })
  await browser.execute(() => (window.location.hash = '#/application/1/materials'))
  const item = await browser.$('[data-test="material"]')
  await item.waitForExist({ timeout: 30_000 })
  const key = await item.getAttribute('data-material')
  for (let run = 0; run < runs; run++) {
    const file = path.join(work, `scan-${run}.pdf`)
    copyFileSync(source, file)
    appendFileSync(file, `\n% run ${run}\n`)
    const before = await browser.execute(() => window.__shenbaoTimings.length)
    await (await browser.$(`[data-material="${key}"] [data-test="material-add-file"]`)).click()
    await pickInFileDialog('选择文件', file)
    await browser.waitUntil(
      async () => browser.execute((n) => window.__shenbaoTimings.slice(n).some((t) => t.what === 'attach_shown'), before),
      { timeout: 60_000, timeoutMsg: 'the thumbnails were not shown' },
    )
    const t = await browser.execute((n) => window.__shenbaoTimings.slice(n), before)
    const ms = (what) => { const x = t.find((y) => y.what === what); return x.end - x.start }
    stored.push(ms('attach'))
    shown.push(ms('attach_shown'))
    console.log(`run ${run + 1}: stored ${ms('attach').toFixed(0)} ms, thumbnails shown ${ms('attach_shown').toFixed(0)} ms`)
  }
} finally {
  await browser?.deleteSession().catch(() => {})
  stopDriver()
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`stored: median ${median(stored).toFixed(0)} ms, max ${Math.max(...stored).toFixed(0)} ms`)
console.log(`stored and thumbnails shown: median ${median(shown).toFixed(0)} ms, max ${Math.max(...shown).toFixed(0)} ms`)
