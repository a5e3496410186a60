// Renders the first pages of a PDF into canvases with pdf.js. pdf.js and its worker are bundled
// and served from the app's own origin; nothing is fetched from elsewhere.

/** How many pages the preview shows. */
export const PREVIEW_PAGES = 4

/** Draws up to `PREVIEW_PAGES` pages of `data` into `container`, `width` CSS pixels wide each;
 * resolves with the document's page count. */
export async function renderPages(data: ArrayBuffer, container: HTMLElement, width = 380): Promise<number> {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default
  const loading = pdfjs.getDocument({ data: new Uint8Array(data) })
  const doc = await loading.promise
  try {
    container.replaceChildren()
    for (let i = 1; i <= Math.min(doc.numPages, PREVIEW_PAGES); i++) {
      const page = await doc.getPage(i)
      const scale = (width * (window.devicePixelRatio || 1)) / page.getViewport({ scale: 1 }).width
      const viewport = page.getViewport({ scale })
      const canvas = document.createElement('canvas')
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      canvas.style.width = `${width}px`
      canvas.dataset.page = String(i)
      container.append(canvas)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('canvas 2d context unavailable')
      await page.render({ canvas, canvasContext: context, viewport }).promise
    }
    return doc.numPages
  } finally {
    await loading.destroy()
  }
}
