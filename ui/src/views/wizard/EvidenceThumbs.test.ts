import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { evidenceFile, evidenceFileRange } from '../../api'
import type * as Api from '../../api'
import type { AttachedFile } from '../../bindings/AttachedFile'
import { openPreview, type PdfPreview, type PdfRanges } from '../../pdf/preview'
import EvidenceThumbs from './EvidenceThumbs.vue'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  evidenceFile: vi.fn(async () => new ArrayBuffer(8)),
  evidenceFileRange: vi.fn(async () => new ArrayBuffer(4)),
}))
vi.mock('../../pdf/preview', () => ({ openPreview: vi.fn() }))

const file: AttachedFile = { id: 7, file_name: '协议.pdf', kind: 'pdf', sha256: 'x', size: 1024, pages: 4, note: '' }

function preview(render: PdfPreview['render'], close = vi.fn(async () => undefined)): PdfPreview {
  return { pages: 4, render, firstContentPage: async () => 1, close }
}

describe('EvidenceThumbs', () => {
  beforeEach(() => vi.clearAllMocks())

  it('draws every page of a 4-page PDF into its own canvas, one after the other', async () => {
    let running = 0
    const calls: [number, string | null][] = []
    const render = vi.fn(async (n: number, canvas: HTMLCanvasElement) => {
      running++
      expect(running).toBe(1)
      calls.push([n, canvas.getAttribute('title')])
      await new Promise((r) => setTimeout(r, 1))
      running--
    })
    vi.mocked(openPreview).mockResolvedValue(preview(render))
    const wrapper = mount(EvidenceThumbs, { props: { applicationId: 1, file } })
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(4))
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
    expect(calls).toEqual([[1, '第 1 页'], [2, '第 2 页'], [3, '第 3 页'], [4, '第 4 页']])
    const canvases = wrapper.findAll('canvas')
    expect(canvases.map((c) => c.attributes('data-drawn'))).toEqual(['true', 'true', 'true', 'true'])
    expect(wrapper.find('[data-test="thumbs"]').attributes('data-drawn')).toBe('true')
    expect(wrapper.emitted('shown')).toEqual([[7]])
  })

  it('reads a PDF in the parts pdf.js asks for, never the whole file', async () => {
    vi.mocked(openPreview).mockResolvedValue(preview(vi.fn(async () => undefined)))
    mount(EvidenceThumbs, { props: { applicationId: 3, file: { ...file, size: 20_000_000 } } })
    await vi.waitFor(() => expect(openPreview).toHaveBeenCalledTimes(1))
    const source = vi.mocked(openPreview).mock.calls[0]![0] as PdfRanges
    expect(source.length).toBe(20_000_000)
    await source.read(19_934_464, 20_000_000)
    expect(evidenceFileRange).toHaveBeenCalledWith(3, 7, 19_934_464, 20_000_000)
    expect(evidenceFile).not.toHaveBeenCalled()
  })

  it('a page that cannot be drawn leaves the others drawn and says so', async () => {
    const render = vi.fn(async (n: number) => {
      if (n === 2) throw new Error('bad page')
    })
    vi.mocked(openPreview).mockResolvedValue(preview(render))
    const wrapper = mount(EvidenceThumbs, { props: { applicationId: 1, file } })
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(4))
    await flushPromises()
    expect(wrapper.findAll('canvas').map((c) => c.attributes('data-drawn'))).toEqual(['true', undefined, 'true', 'true'])
    expect(wrapper.text()).toContain('无法显示缩略图')
  })

  it('left while the file was opening: the document is closed and nothing is drawn', async () => {
    let opened!: (p: PdfPreview) => void
    vi.mocked(openPreview).mockReturnValue(new Promise((r) => (opened = r)))
    const render = vi.fn(async () => undefined)
    const close = vi.fn(async () => undefined)
    const wrapper = mount(EvidenceThumbs, { props: { applicationId: 1, file } })
    await vi.waitFor(() => expect(openPreview).toHaveBeenCalled())
    await flushPromises()
    wrapper.unmount()
    opened(preview(render, close))
    await flushPromises()
    expect(close).toHaveBeenCalledTimes(1)
    expect(render).not.toHaveBeenCalled()
  })
})
