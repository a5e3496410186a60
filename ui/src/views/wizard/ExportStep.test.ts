import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import { previewDocument } from '../../api'
import type * as Api from '../../api'
import { renderPages } from '../../pdf/preview'
import type { ApplicationStore } from '../../stores/application'
import { DRAFT_KEY, STORE_KEY } from './context'
import ExportStep from './ExportStep.vue'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  previewDocument: vi.fn(),
  exportDocuments: vi.fn(),
}))
vi.mock('../../pdf/preview', () => ({ PREVIEW_PAGES: 4, renderPages: vi.fn() }))

function mountStep() {
  const store = {
    state: reactive({ id: 4, app: {}, assessment: null, checkMissing: false }),
    flush: vi.fn(),
    settled: vi.fn(async () => undefined),
  }
  const wrapper = mount(ExportStep, {
    attachTo: document.body,
    global: {
      plugins: [ElementPlus],
      provide: { [STORE_KEY as symbol]: store as unknown as ApplicationStore, [DRAFT_KEY as symbol]: ref(null) },
    },
  })
  return { wrapper, store }
}

describe('ExportStep preview', () => {
  beforeEach(() => {
    vi.mocked(renderPages).mockReset()
    vi.mocked(previewDocument).mockReset()
  })

  it('renders the first chosen document from the real PDF bytes after saving pending edits', async () => {
    const bytes = new ArrayBuffer(8)
    vi.mocked(previewDocument).mockResolvedValue(bytes)
    vi.mocked(renderPages).mockResolvedValue(14)
    const { wrapper, store } = mountStep()
    await wrapper.find('[data-test="export-preview"]').trigger('click')
    await flushPromises()
    expect(store.settled).toHaveBeenCalled()
    expect(previewDocument).toHaveBeenCalledWith(4, 'application')
    expect(vi.mocked(renderPages).mock.calls[0]![0]).toBe(bytes)
    expect(document.body.querySelector('[data-test="preview-count"]')?.textContent).toContain('共 14 页，显示前 4 页')
    wrapper.unmount()
  })

  it('shows the Chinese message when the document cannot be made', async () => {
    vi.mocked(previewDocument).mockRejectedValue({ code: 'pdf_font', message: '姓名中的字“𠀀”无法打印：请改用常用字' })
    const { wrapper } = mountStep()
    await wrapper.find('[data-test="export-preview"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('姓名中的字“𠀀”无法打印')
    expect(renderPages).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
