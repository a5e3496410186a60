import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import { exportDocuments, previewDocument } from '../../api'
import type * as Api from '../../api'
import { openPreview } from '../../pdf/preview'
import type { ApplicationStore } from '../../stores/application'
import { DRAFT_KEY, STORE_KEY } from './context'
import ExportStep from './ExportStep.vue'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  previewDocument: vi.fn(),
  exportDocuments: vi.fn(),
  emptyParts: vi.fn(async () => [
    { part: 'directions', label: '研究方向：尚无条目' },
    { part: 'narrative.goals', label: '建设目标：尚未填写' },
  ]),
  defaultExportDir: vi.fn(async () => '/home/a/Documents/申报材料'),
}))
vi.mock('../../pdf/preview', () => ({ openPreview: vi.fn() }))

function mountStep() {
  const store = {
    state: reactive({ id: 4, app: {}, assessment: null }),
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
    vi.mocked(openPreview).mockReset()
    vi.mocked(previewDocument).mockReset()
  })

  it('opens the first chosen document at its first page with content and pages through all pages', async () => {
    const bytes = new ArrayBuffer(8)
    const render = vi.fn(async () => undefined)
    vi.mocked(previewDocument).mockResolvedValue(bytes)
    vi.mocked(openPreview).mockResolvedValue({ pages: 14, render, firstContentPage: async () => 5, close: async () => undefined })
    const { wrapper, store } = mountStep()
    await wrapper.find('[data-test="export-preview"]').trigger('click')
    await flushPromises()
    expect(store.settled).toHaveBeenCalled()
    expect(previewDocument).toHaveBeenCalledWith(4, 'application')
    expect(vi.mocked(openPreview).mock.calls[0]![0]).toBe(bytes)
    const count = () => document.body.querySelector('[data-test="preview-count"]')?.textContent
    expect(count()).toContain('第 5 / 14 页')
    expect(render).toHaveBeenCalledTimes(1)
    ;(document.body.querySelector('[data-test="preview-last"]') as HTMLElement).click()
    await flushPromises()
    expect(count()).toContain('第 14 / 14 页')
    expect(render).toHaveBeenLastCalledWith(14, expect.anything())
    wrapper.unmount()
  })

  it('shows the Chinese message when the document cannot be made', async () => {
    vi.mocked(previewDocument).mockRejectedValue({ code: 'pdf_font', message: '姓名中的字“𠀀”无法打印：请改用常用字' })
    const { wrapper } = mountStep()
    await wrapper.find('[data-test="export-preview"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('姓名中的字“𠀀”无法打印')
    expect(openPreview).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('ExportStep completeness', () => {
  beforeEach(() => {
    vi.mocked(exportDocuments).mockReset()
    vi.mocked(exportDocuments).mockResolvedValue(['/home/a/Documents/申报材料/申请书.pdf'])
  })

  it('lists what is empty, suggests the documents folder, and asks once before exporting', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm')
    const { wrapper } = mountStep()
    await flushPromises()
    expect(wrapper.find('[data-test="export-empty-list"]').text()).toContain('研究方向：尚无条目')
    expect((wrapper.find('input[data-test="export-dir"]').element as HTMLInputElement).value).toBe('/home/a/Documents/申报材料')

    confirm.mockRejectedValueOnce('cancel')
    await wrapper.find('[data-test="export-run"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(exportDocuments).not.toHaveBeenCalled()

    confirm.mockResolvedValueOnce('confirm' as never)
    await wrapper.find('[data-test="export-run"]').trigger('click')
    await flushPromises()
    expect(exportDocuments).toHaveBeenCalledTimes(1)

    await wrapper.find('[data-test="export-run"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(exportDocuments).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('says why 导出 PDF is disabled', async () => {
    const { wrapper } = mountStep()
    await flushPromises()
    await wrapper.find('input[data-test="export-dir"]').setValue('')
    expect(wrapper.find('[data-test="export-blocked"]').text()).toContain('文件夹')
    wrapper.unmount()
  })
})
