import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applicationHistory,
  listSeals,
  pickSaveFile,
  reprintSealedReviewSheet,
  sealApplication,
  sealDiff,
  type HistoryLine,
  type SealSummary,
} from '../../api'
import type * as Api from '../../api'
import SealDrawer from './SealDrawer.vue'

// Only the command wrappers and the file dialog are mocked; error normalisation stays real.
vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  applicationHistory: vi.fn(),
  listSeals: vi.fn(),
  pickSaveFile: vi.fn(),
  reprintSealedReviewSheet: vi.fn(),
  sealApplication: vi.fn(),
  sealDiff: vi.fn(),
}))

const SEAL: SealSummary = {
  id: 3, application: 7, sealed_at: '2026-12-01T02:00:00Z', note: '提交网络平台', pack_id: 'sx-tic',
  pack_version: '晋科发〔2025〕1号 2025-01-01', review_sheet_sha256: 'ab',
}

function line(partial: Partial<HistoryLine>): HistoryLine {
  return {
    at: '2026-12-01T03:00:00Z', source: 'window', source_label: '窗口填写', kind: 'changed', part: '人员名单',
    row: '张三', row_id: 12, row_kind: 'person', field: 'title', field_label: '职称', before: '中级',
    after: '正高级', seal: null, ...partial,
  }
}

const page = () => new DOMWrapper(document.body)
let mounted: VueWrapper | null = null

async function mountDrawer(tab: 'seals' | 'diff' | 'history') {
  mounted = mount(SealDrawer, {
    props: { applicationId: 7, tab, savedAt: null, modelValue: true, 'onUpdate:tab': (t: string) => mounted?.setProps({ tab: t }) },
    attachTo: document.body,
    global: { plugins: [[ElementPlus, { locale: zhCn }]] },
  })
  await flushPromises()
  return mounted
}

function rows(test: string): string[] {
  return page()
    .findAll(`[data-test="${test}"] .el-table__body tr`)
    .map((tr) => tr.findAll('td').map((td) => td.text()).join('|'))
}

describe('SealDrawer', () => {
  beforeEach(() => {
    mounted?.unmount()
    document.body.innerHTML = ''
    vi.mocked(listSeals).mockReset().mockResolvedValue([SEAL])
    vi.mocked(sealDiff).mockReset()
    vi.mocked(sealApplication).mockReset()
    vi.mocked(applicationHistory).mockReset()
    vi.mocked(pickSaveFile).mockReset()
    vi.mocked(reprintSealedReviewSheet).mockReset()
  })

  it('seals with the note and lists the new version', async () => {
    vi.mocked(listSeals).mockResolvedValueOnce([])
    const wrapper = await mountDrawer('seals')
    expect(rows('seal-list')).toEqual([])
    const made = { ...SEAL, id: 4, note: '归口审核退回后修改' }
    vi.mocked(sealApplication).mockResolvedValue(made)
    vi.mocked(listSeals).mockResolvedValue([SEAL, made])
    await page().find('[data-test="seal-note"]').setValue('归口审核退回后修改')
    await page().find('[data-test="seal-submit"]').trigger('click')
    await flushPromises()
    expect(sealApplication).toHaveBeenCalledWith(7, '归口审核退回后修改')
    expect(wrapper.emitted('sealed')).toEqual([[made]])
    // Newest first.
    expect(rows('seal-list')[0]).toContain('归口审核退回后修改')
    expect(rows('seal-list')[1]).toContain('提交网络平台')
  })

  it('shows every change against the chosen seal, added, removed and changed rows', async () => {
    vi.mocked(sealDiff).mockResolvedValue({
      seal: SEAL,
      changes: [
        { kind: 'changed', part: '申报书', row: null, row_id: null, field: 'centre_name', field_label: '中心名称', before: '甲中心', after: '乙中心' },
        { kind: 'added', part: '科研仪器设备', row: '第 3 行 电镜', row_id: 30, field: null, field_label: null, before: null, after: '仪器名称=电镜' },
        { kind: 'removed', part: '研发场地', row: '第 1 行', row_id: 5, field: null, field_label: null, before: '场地地址=太原', after: null },
      ],
    })
    await mountDrawer('diff')
    expect(sealDiff).toHaveBeenCalledWith(7, 3)
    expect(page().find('[data-test="seal-diff-count"]').text()).toBe('已定稿后修改 3 处')
    expect(rows('seal-diff')).toEqual([
      '修改|申报书||中心名称|甲中心|乙中心',
      '新增|科研仪器设备|第 3 行 电镜|整行||仪器名称=电镜',
      '删除|研发场地|第 1 行|整行|场地地址=太原|',
    ])
  })

  it('lists the history newest first and narrows it to one row', async () => {
    const sealLine = line({ at: '2026-12-01T02:00:00Z', source: null, source_label: '定稿', kind: 'added', part: '申报书', row: null, row_id: null, row_kind: null, field: null, field_label: null, before: null, after: '定稿：提交网络平台', seal: SEAL })
    vi.mocked(applicationHistory).mockResolvedValue([sealLine, line({})])
    await mountDrawer('history')
    expect(applicationHistory).toHaveBeenCalledWith(7, null)
    const shown = rows('history')
    expect(shown[0]).toContain('窗口填写|人员名单|张三|职称|中级|正高级')
    expect(shown[1]).toContain('定稿|申报书')
    expect(shown[1]).toContain('定稿：提交网络平台')

    vi.mocked(applicationHistory).mockResolvedValue([line({})])
    await page().find('[data-test="history-row-12"]').trigger('click')
    await flushPromises()
    expect(applicationHistory).toHaveBeenLastCalledWith(7, { kind: 'person', id: 12 })
    expect(page().find('[data-test="history-row"]').text()).toBe('只看：人员名单 · 张三')
  })

  it('reprints the sealed review sheet where the user chooses', async () => {
    await mountDrawer('seals')
    vi.mocked(pickSaveFile).mockResolvedValue('/tmp/审查表.pdf')
    await page().find('[data-test="seal-reprint-3"]').trigger('click')
    await flushPromises()
    expect(reprintSealedReviewSheet).toHaveBeenCalledWith(3, '/tmp/审查表.pdf')
  })
})
