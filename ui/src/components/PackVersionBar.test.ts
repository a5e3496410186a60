import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { applicationPackVersions, movePack, previewPackMove, type ApplicationPackVersions, type PackMove, type PackVersion } from '../api'
import type * as Api from '../api'
import PackVersionBar from './PackVersionBar.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  applicationPackVersions: vi.fn(),
  previewPackMove: vi.fn(),
  movePack: vi.fn(),
}))

const V2024 = '2024年申报通知 2024-03-11'
const V2025 = '2025年申报通知 2025-03-10'

function version(v: string, extra: Partial<PackVersion> = {}): PackVersion {
  return {
    programme: 'P1', version: v, name: 'P1 技术创新中心', effective_from: null, effective_until: null,
    builtin: true, file_name: null, newest: false, ...extra,
  }
}

const VERSIONS: ApplicationPackVersions = {
  id: 3, programme: 'P1', kept: V2024, kept_available: true,
  versions: [version(V2025, { builtin: false, file_name: 'P1-2025.toml', newest: true }), version(V2024)],
}

const PREVIEW: PackMove = {
  id: 3, from: V2024, to: VERSIONS.versions[0]!, message: `改用“${V2025}”：1 项变化，请先阅读`,
  diff: {
    id: 'P1', old_name: 'P1 技术创新中心', new_name: 'P1 技术创新中心', programme: [],
    criteria: [{ change: 'changed', id: 'staff-count', title: '固定人员不少于61人', details: ['阈值 ≥ 50 人 → ≥ 61 人'] }],
  },
}

async function mountBar() {
  const wrapper = mount(PackVersionBar, {
    props: { id: 3, programme: 'P1' },
    global: { plugins: [[ElementPlus, { locale: zhCn }]] },
  })
  await flushPromises()
  return wrapper
}

describe('PackVersionBar', () => {
  beforeEach(() => {
    vi.mocked(applicationPackVersions).mockReset().mockResolvedValue(VERSIONS)
    vi.mocked(previewPackMove).mockReset().mockResolvedValue(PREVIEW)
    vi.mocked(movePack).mockReset().mockResolvedValue({ ...PREVIEW, message: `申报书 3 已改按“${V2025}”核对` })
  })

  it('shows the kept version and moves only after the diff is shown and accepted', async () => {
    const wrapper = await mountBar()
    expect(wrapper.find('[data-test="kept-version"]').text()).toBe(V2024)
    await wrapper.find('[data-test="change-version"]').trigger('click')
    await flushPromises()
    const confirm = wrapper.find('[data-test="confirm-move"]')
    expect(confirm.attributes('disabled')).toBeDefined()

    await wrapper.find(`[data-test="version-choice"][data-version="${V2025}"]`).trigger('click')
    await flushPromises()
    expect(previewPackMove).toHaveBeenCalledWith(3, V2025)
    expect(movePack).not.toHaveBeenCalled()
    const text = wrapper.text()
    expect(text).toContain('1 项变化，请先阅读')
    expect(text).toContain('staff-count“固定人员不少于61人”')
    expect(text).toContain('阈值 ≥ 50 人 → ≥ 61 人')

    await wrapper.find('[data-test="cancel-move"]').trigger('click')
    await flushPromises()
    expect(movePack).not.toHaveBeenCalled()

    await wrapper.find('[data-test="change-version"]').trigger('click')
    await wrapper.find(`[data-test="version-choice"][data-version="${V2025}"]`).trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="confirm-move"]').trigger('click')
    await flushPromises()
    expect(movePack).toHaveBeenCalledWith(3, V2025)
    expect(wrapper.emitted('moved')?.[0]).toEqual([`申报书 3 已改按“${V2025}”核对`])
    // The dialog's first render is slow on a loaded machine: a generous limit, not a timing check.
  }, 60_000)

  it('says plainly when the kept version is no longer there', async () => {
    vi.mocked(applicationPackVersions).mockResolvedValue({ ...VERSIONS, kept: '2023年申报通知', kept_available: false, versions: [version(V2024, { newest: true })] })
    const wrapper = await mountBar()
    expect(wrapper.find('[data-test="kept-gone"]').text()).toContain('已不在本数据库中，无法给出审查结论')
    expect(wrapper.find('[data-test="change-version"]').exists()).toBe(true)
  })
})
