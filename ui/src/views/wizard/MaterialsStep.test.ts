import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import {
  attachEvidence,
  evidenceFile,
  listEvidence,
  onFilesDropped,
  pickFiles,
  removeEvidenceFile,
  reorderEvidence,
  type FileDrop,
} from '../../api'
import type * as Api from '../../api'
import type { AttachedFile } from '../../bindings/AttachedFile'
import type { EvidenceItem } from '../../bindings/EvidenceItem'
import { openPreview, type PdfRanges } from '../../pdf/preview'
import type { ApplicationStore } from '../../stores/application'
import { DRAFT_KEY, STORE_KEY } from './context'
import MaterialsStep from './MaterialsStep.vue'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  listEvidence: vi.fn(async () => null),
  attachEvidence: vi.fn(),
  evidenceFile: vi.fn(async () => new ArrayBuffer(8)),
  reorderEvidence: vi.fn(async () => undefined),
  removeEvidenceFile: vi.fn(),
  removeEvidenceItem: vi.fn(),
  addEvidenceItem: vi.fn(),
  pickFiles: vi.fn(),
  onFilesDropped: vi.fn(async () => () => undefined),
}))
vi.mock('../../pdf/preview', () => ({ openPreview: vi.fn(), warmUpPreview: vi.fn(async () => undefined) }))

function file(id: number, name: string, pages: number, note = ''): AttachedFile {
  return { id, file_name: name, kind: 'pdf', sha256: `sha${id}`, size: 2 * 1024 * 1024, pages, note }
}

function item(number: number, title: string, files: AttachedFile[], required = true): EvidenceItem {
  return {
    key: `pack:${title}`, number, title, supports: '依托单位条件（通知 三（一））', criteria: ['c'],
    required, user: false, files,
  }
}

const licence = item(1, '营业执照', [])
const agreement = item(2, '共建协议', [file(11, '协议.pdf', 3, '第 2 页为横向，已旋转装订'), file(12, '补充协议.pdf', 1)])
const ENCRYPTED = '文件“加密.pdf”未添加：PDF 已加密（需要打开密码）：无法装订加密文件，请用原软件去除密码和权限限制后另存，再添加；本次选择的文件都未保存'

function mountStep(materials: EvidenceItem[]) {
  const store = {
    state: reactive({ id: 4, app: {}, assessment: { criteria: [] }, materials }),
    requestCheck: vi.fn(async () => undefined),
  }
  const wrapper = mount(MaterialsStep, {
    attachTo: document.body,
    global: {
      plugins: [ElementPlus],
      provide: { [STORE_KEY as symbol]: store as unknown as ApplicationStore, [DRAFT_KEY as symbol]: ref(null) },
    },
  })
  return { wrapper, store }
}

const render = vi.fn(async () => undefined)

describe('MaterialsStep', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(openPreview).mockResolvedValue({ pages: 3, render, firstContentPage: async () => 1, close: async () => undefined })
  })

  it('lists each item with its files, pages, notes and a thumbnail of each page; a required item without files is 待补充', async () => {
    const { wrapper } = mountStep([licence, agreement])
    await flushPromises()
    const rows = wrapper.findAll('[data-test="material"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('印证材料 1')
    expect(rows[0]!.find('[data-test="material-missing"]').text()).toBe('待补充')
    expect(rows[1]!.find('[data-test="material-attached"]').text()).toBe('已附 2 个文件，4 页')
    const files = rows[1]!.findAll('[data-test="material-file"]')
    expect(files.map((f) => f.find('[data-test="material-file-name"]').text())).toEqual(['协议.pdf', '补充协议.pdf'])
    expect(files[0]!.text()).toContain('PDF，3 页，2.0 MB')
    expect(files[0]!.find('[data-test="material-file-note"]').text()).toBe('第 2 页为横向，已旋转装订')
    // Every page of each file is drawn from the stored file, read in parts.
    expect(vi.mocked(openPreview).mock.calls.map((c) => (c[0] as PdfRanges).length)).toEqual([2_097_152, 2_097_152])
    expect(evidenceFile).not.toHaveBeenCalled()
    expect(files[0]!.findAll('[data-test="thumb"]')).toHaveLength(3)
    expect(render.mock.calls.map((c) => (c as unknown[])[0])).toEqual(expect.arrayContaining([1, 2, 3]))
    expect(files[0]!.find('[data-test="thumbs"]').attributes('data-drawn')).toBe('true')
  })

  it('attaches the files chosen in the dialog to the item, then lists again and refreshes the check', async () => {
    vi.mocked(pickFiles).mockResolvedValue(['/home/a/执照.pdf'])
    vi.mocked(attachEvidence).mockResolvedValue([file(20, '执照.pdf', 1)])
    const attached = item(1, '营业执照', [file(20, '执照.pdf', 1)])
    vi.mocked(listEvidence).mockResolvedValue([attached, agreement])
    const { wrapper, store } = mountStep([licence, agreement])
    await wrapper.find('[data-test="material-add-file"]').trigger('click')
    await flushPromises()
    expect(attachEvidence).toHaveBeenCalledWith(4, 'pack:营业执照', ['/home/a/执照.pdf'])
    expect(store.requestCheck).toHaveBeenCalled()
    const first = wrapper.findAll('[data-test="material"]')[0]!
    expect(first.find('[data-test="material-attached"]').text()).toBe('已附 1 个文件，1 页')
    expect(first.find('[data-test="material-missing"]').exists()).toBe(false)
  })

  it('a cancelled dialog attaches nothing', async () => {
    vi.mocked(pickFiles).mockResolvedValue([])
    const { wrapper } = mountStep([licence])
    await wrapper.find('[data-test="material-add-file"]').trigger('click')
    await flushPromises()
    expect(attachEvidence).not.toHaveBeenCalled()
  })

  it('shows the core refusal in its own words under the item, and the item stays 待补充', async () => {
    vi.mocked(pickFiles).mockResolvedValue(['/home/a/加密.pdf'])
    vi.mocked(attachEvidence).mockRejectedValue({ code: 'invalid', detail: 'encrypted_pdf', message: ENCRYPTED })
    vi.mocked(listEvidence).mockResolvedValue([licence])
    const { wrapper } = mountStep([licence])
    await wrapper.find('[data-test="material-add-file"]').trigger('click')
    await flushPromises()
    const row = wrapper.find('[data-test="material"]')
    expect(row.find('[data-test="material-error"]').text()).toContain(ENCRYPTED)
    expect(row.find('[data-test="material-missing"]').text()).toBe('待补充')
  })

  it('moves a file down and up by sending the item its new order', async () => {
    vi.mocked(listEvidence).mockResolvedValue([agreement])
    const { wrapper } = mountStep([agreement])
    const files = wrapper.findAll('[data-test="material-file"]')
    expect(files[0]!.find('[data-test="material-up"]').attributes('disabled')).toBeDefined()
    await files[0]!.find('[data-test="material-down"]').trigger('click')
    await flushPromises()
    expect(reorderEvidence).toHaveBeenCalledWith(4, 'pack:共建协议', [12, 11])
  })

  it('removes a file only after the user confirms', async () => {
    vi.mocked(listEvidence).mockResolvedValue([agreement])
    const confirm = vi.spyOn(ElMessageBox, 'confirm')
    confirm.mockRejectedValueOnce('cancel')
    const { wrapper } = mountStep([agreement])
    await wrapper.find('[data-test="material-file-remove"]').trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[0]![0]).toContain('协议.pdf')
    expect(removeEvidenceFile).not.toHaveBeenCalled()
    confirm.mockResolvedValueOnce('confirm' as never)
    await wrapper.find('[data-test="material-file-remove"]').trigger('click')
    await flushPromises()
    expect(removeEvidenceFile).toHaveBeenCalledWith(4, 11)
  })

  it('attaches files dropped onto an item to that item; dropped elsewhere, it says where to drop them', async () => {
    let handler: ((drop: FileDrop) => void) | null = null
    vi.mocked(onFilesDropped).mockImplementation(async (h) => {
      handler = h
      return () => undefined
    })
    vi.mocked(attachEvidence).mockResolvedValue([file(21, '扫描.pdf', 1)])
    vi.mocked(listEvidence).mockResolvedValue([licence, agreement])
    const { wrapper } = mountStep([licence, agreement])
    await flushPromises()
    const target = wrapper.findAll('[data-test="material"]')[1]!.element
    const at = vi.fn((): Element | null => target.querySelector('.material__detail'))
    document.elementFromPoint = at
    handler!({ type: 'over', x: 10, y: 20, paths: ['/tmp/扫描.pdf'] })
    await flushPromises()
    expect(wrapper.findAll('[data-test="material"]')[1]!.classes()).toContain('material--drop')
    handler!({ type: 'drop', x: 10, y: 20, paths: ['/tmp/扫描.pdf'] })
    await flushPromises()
    expect(attachEvidence).toHaveBeenCalledWith(4, 'pack:共建协议', ['/tmp/扫描.pdf'])
    at.mockReturnValue(document.body)
    handler!({ type: 'drop', x: 900, y: 900, paths: ['/tmp/扫描.pdf'] })
    await flushPromises()
    expect(attachEvidence).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-test="materials-notice"]').text()).toContain('拖放到某一项印证材料上')
  })
})
