import { beforeEach, describe, expect, it, vi } from 'vitest'

/** What the mocked pdf.js saw: every render task, whether it was cancelled, its page. */
const tasks: { page: number; cancelled: boolean; finish: () => void }[] = []
const pageLoads: { n: number; resolve: () => void }[] = []

vi.mock('pdfjs-dist/build/pdf.worker.min.mjs?url', () => ({ default: 'worker.mjs' }))
/** What the mocked pdf.js was given for a PDF read in parts, and what it received. */
const ranges = { params: null as Record<string, unknown> | null, received: [] as [number, number[]][], destroyed: 0, workers: 0 }

vi.mock('pdfjs-dist', () => {
  const doc = {
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
  }
  /** As pdf.js does: the document opens once the tail of the file (its startxref) arrived. */
  class PDFDataRangeTransport {
    delivered: (() => void) | null = null
    constructor(public length: number, public initialData: unknown) {}
    requestDataRange(begin: number, end: number): void {
      throw new Error(`abstract: ${begin}..${end}`)
    }
    onDataRange(begin: number, chunk: Uint8Array): void {
      ranges.received.push([begin, [...chunk]])
      this.delivered?.()
    }
  }
  /** Counted: every document is opened on the one worker. */
  class PDFWorker {
    destroyed = false
    promise = Promise.resolve()
    constructor() {
      ranges.workers++
    }
  }
  return {
    GlobalWorkerOptions: {},
    PDFDataRangeTransport,
    PDFWorker,
    getDocument: (params: Record<string, unknown>) => {
      const transport = params.range as PDFDataRangeTransport | undefined
      if (transport) ranges.params = params
      return {
        destroy: async () => void ranges.destroyed++,
        promise: transport
          ? new Promise((resolve) => {
              transport.delivered = () => resolve(doc)
              transport.requestDataRange(transport.length - 3, transport.length)
            })
          : Promise.resolve(doc),
      }
    },
  }
})

import { openPreview, warmUpPreview } from './preview'

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

  it('reads a PDF in parts: only what pdf.js asks for, nothing fetched on its own', async () => {
    const read = vi.fn(async (begin: number, end: number) => new Uint8Array(end - begin).fill(7).buffer)
    const doc = await openPreview({ length: 20_000_000, read })
    expect(doc.pages).toBe(4)
    expect(read).toHaveBeenCalledWith(19_999_997, 20_000_000)
    expect(ranges.received.at(-1)).toEqual([19_999_997, [7, 7, 7]])
    expect(ranges.params).toMatchObject({ disableAutoFetch: true, disableStream: true })
  })

  it('opens every document on one worker, started ahead by the warm-up', async () => {
    const read = async (begin: number, end: number) => new Uint8Array(end - begin).buffer
    const first = ranges.params
    await warmUpPreview()
    await openPreview({ length: 100, read })
    await openPreview(new ArrayBuffer(8))
    await openPreview({ length: 200, read })
    expect(ranges.workers).toBe(1)
    expect(ranges.params?.worker).toBeDefined()
    expect(ranges.params).not.toBe(first)
  })

  it('a part that cannot be read fails the opening and closes the document', async () => {
    const destroyed = ranges.destroyed
    const read = vi.fn(async () => {
      throw new Error('文件已删除')
    })
    await expect(openPreview({ length: 100, read })).rejects.toThrow('文件已删除')
    expect(ranges.destroyed).toBe(destroyed + 1)
  })
})
