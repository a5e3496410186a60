// Opens a PDF with pdf.js for the paged preview and the thumbnails; each page is drawn only when
// it is shown.
// pdf.js and its worker are bundled and served from the app's own origin; nothing is fetched
// from elsewhere.
import type { PDFWorker } from 'pdfjs-dist'

/** An open PDF the preview pages through. */
export interface PdfPreview {
  /** The document's page count. */
  pages: number
  /** Draws page `n` (1-based) into `canvas`, `width` CSS pixels wide. One page at a time: a
   * call cancels a drawing still running, and a call overtaken by a later one before its page
   * loaded draws nothing (the pager shows the page asked for last). */
  render(n: number, canvas: HTMLCanvasElement, width?: number): Promise<void>
  /** The first page with content: after the cover, contents and blank pages when there is a
   * contents page near the front, otherwise 1. */
  firstContentPage(): Promise<number>
  close(): Promise<void>
}

/** How far into the document a contents page is looked for. */
const FRONT_MATTER_PAGES = 6

/** A PDF read in parts: its length in bytes and a reader of bytes `begin..end`. pdf.js reads
 *  the cross-reference table, then only the objects of the pages it draws. */
export interface PdfRanges {
  length: number
  read(begin: number, end: number): Promise<ArrayBuffer>
}

/** The parts pdf.js asks for are whole chunks of this size (the objects of a scanned page are one
 *  or a few requests). */
const RANGE_CHUNK = 256 * 1024

/** One pdf.js worker for every document the window opens: the thumbnails of every file and the
 *  paged preview share it instead of starting (and parsing) one worker each. */
let sharedWorker: PDFWorker | null = null

/** pdf.js and its worker, started once. */
async function started() {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default
  if (sharedWorker === null || sharedWorker.destroyed) sharedWorker = new pdfjs.PDFWorker()
  return { pdfjs, worker: sharedWorker }
}

/** Starts pdf.js and its worker ahead of the first document (a screen that will draw PDFs calls it
 *  when it opens), so the first file attached is drawn without waiting for them. */
export async function warmUpPreview(): Promise<void> {
  await (await started()).worker.promise
}

/** Opens a PDF held whole (`ArrayBuffer`) or read in parts (`PdfRanges`). */
export async function openPreview(source: ArrayBuffer | PdfRanges): Promise<PdfPreview> {
  const { pdfjs, worker } = await started()
  let failed: Promise<never> | null = null
  let params: Parameters<typeof pdfjs.getDocument>[0]
  if (source instanceof ArrayBuffer) {
    params = { data: new Uint8Array(source), worker }
  } else {
    const transport = new pdfjs.PDFDataRangeTransport(source.length, null)
    let fail!: (e: unknown) => void
    failed = new Promise<never>((_, reject) => (fail = reject))
    failed.catch(() => undefined)
    transport.requestDataRange = (begin: number, end: number) => {
      source.read(begin, end).then((bytes) => transport.onDataRange(begin, new Uint8Array(bytes)), fail)
    }
    params = { range: transport, rangeChunkSize: RANGE_CHUNK, disableAutoFetch: true, disableStream: true, worker }
  }
  const loading = pdfjs.getDocument(params)
  // A part that cannot be read fails the opening instead of leaving it waiting.
  const doc = await (failed ? Promise.race([loading.promise, failed]) : loading.promise).catch(async (e: unknown) => {
    await loading.destroy()
    throw e
  })
  let task: { cancel(): void; promise: Promise<void> } | null = null
  let calls = 0

  async function text(n: number): Promise<string> {
    const content = await (await doc.getPage(n)).getTextContent()
    return content.items
      .map((i) => ('str' in i ? i.str : ''))
      .join('')
      .replace(/[\s\u3000]/g, '')
  }

  return {
    pages: doc.numPages,
    async render(n, canvas, width = 560) {
      // Only a drawing still running is cancelled: cancelling a finished one would end its
      // drawing again on its canvas and abort its page's operator list.
      const call = ++calls
      task?.cancel()
      task = null
      const page = await doc.getPage(n)
      if (call !== calls) return
      const scale = (width * (window.devicePixelRatio || 1)) / page.getViewport({ scale: 1 }).width
      const viewport = page.getViewport({ scale })
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      canvas.style.width = `${width}px`
      canvas.dataset.page = String(n)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('canvas 2d context unavailable')
      const current = page.render({ canvas, canvasContext: context, viewport })
      task = current
      try {
        await current.promise
      } catch (e) {
        // A page left before it was drawn cancels its drawing; that is not an error.
        if ((e as { name?: string }).name !== 'RenderingCancelledException') throw e
      } finally {
        if (task === current) task = null
      }
    },
    async firstContentPage() {
      let contents = 0
      for (let n = 1; n <= Math.min(doc.numPages, FRONT_MATTER_PAGES); n++) {
        if ((await text(n)).startsWith('目录')) contents = n
      }
      if (contents === 0) return 1
      for (let n = contents + 1; n <= doc.numPages; n++) {
        if ((await text(n)) !== '') return n
      }
      return 1
    },
    async close() {
      task?.cancel()
      await loading.destroy()
    },
  }
}
