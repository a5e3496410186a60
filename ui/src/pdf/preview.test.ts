import { beforeEach, describe, expect, it, vi } from 'vitest'

/** What the mocked pdf.js saw: every render task, whether it was cancelled, its page. */
const tasks: { page: number; cancelled: boolean; finish: () => void }[] = []
const pageLoads: { n: number; resolve: () => void }[] = []

vi.mock('pdfjs-dist/build/pdf.worker.min.mjs?url', () => ({ default: 'worker.mjs' }))
vi.mock('pdfjs-dist', () => ({
  GlobalWorkerOptions: {},
  getDocument: () => ({
    destroy: async () => undefined,
    promise: Promise.resolve({
      numPages: 4,
      getPage: (n: number) =>
        new Promise((resolve) => {
          const page = {
            getViewport: ({ scale }: { scale: number }) => ({ width: 600 * scale, height: 800 * scale }),
            render: () => {
              let finish!: () => void
              const promise = new Promise<void>((r) => (finish = r))
              const task = { page: n, cancelled: false, finish }
              tasks.push(task)
              return {
                promise,
                cancel: () => {
                  task.cancelled = true
                  finish()
                },
              }
            },
          }
          pageLoads.push({ n, resolve: () => resolve(page) })
        }),
    }),
  }),
}))

import { openPreview } from './preview'

function canvas(): HTMLCanvasElement {
  const c = document.createElement('canvas')
  c.getContext = (() => ({})) as unknown as HTMLCanvasElement['getContext']
  return c
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('openPreview', () => {
  beforeEach(() => {
    tasks.length = 0
    pageLoads.length = 0
  })

  it('draws pages one after the other without cancelling a drawing that has finished', async () => {
    const doc = await openPreview(new ArrayBuffer(8))
    for (let n = 1; n <= 4; n++) {
      const drawing = doc.render(n, canvas(), 72)
      await tick()
      pageLoads.at(-1)!.resolve()
      await tick()
      tasks.at(-1)!.finish()
      await drawing
    }
    expect(tasks.map((t) => [t.page, t.cancelled])).toEqual([[1, false], [2, false], [3, false], [4, false]])
  })

  it('a page asked for while another is drawing cancels it; one overtaken before its page loaded draws nothing', async () => {
    const doc = await openPreview(new ArrayBuffer(8))
    const first = doc.render(1, canvas())
    await tick()
    pageLoads[0]!.resolve()
    await tick()
    // Page 2 and then page 3 are asked for while page 1 draws and before page 2 has loaded.
    const second = doc.render(2, canvas())
    const third = doc.render(3, canvas())
    await first
    expect(tasks[0]).toMatchObject({ page: 1, cancelled: true })
    pageLoads[2]!.resolve()
    await tick()
    pageLoads[1]!.resolve()
    await second
    expect(tasks.map((t) => t.page)).toEqual([1, 3])
    tasks[1]!.finish()
    await third
    expect(tasks[1]!.cancelled).toBe(false)
  })
})
