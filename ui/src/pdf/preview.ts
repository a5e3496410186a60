// Opens a PDF with pdf.js for the paged preview; each page is drawn only when it is shown.
// pdf.js and its worker are bundled and served from the app's own origin; nothing is fetched
// from elsewhere.

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

export async function openPreview(data: ArrayBuffer): Promise<PdfPreview> {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default
  const loading = pdfjs.getDocument({ data: new Uint8Array(data) })
  const doc = await loading.promise
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
