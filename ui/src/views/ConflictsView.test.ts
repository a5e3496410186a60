import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  allConflicts,
  deletePlatform,
  importRegistryJson,
  linkConflictPeople,
  listPlatforms,
  savePlatform,
  type Conflict,
  type ExistingPlatform,
  type Report,
} from '../api'
import type * as Api from '../api'
import { pendingReveal } from '../wizard/reveal'
import ConflictsView from './ConflictsView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  allConflicts: vi.fn(),
  listPlatforms: vi.fn(),
  importRegistryJson: vi.fn(),
  savePlatform: vi.fn(),
  deletePlatform: vi.fn(),
  linkConflictPeople: vi.fn(),
}))

function conflict(message: string, severity: 'excludes' | 'warning', id = 1): Conflict {
  return {
    kind: 'person_in_two_applications',
    criterion: 'no-double-resources',
    severity,
    subject: '张三（身份证号 …1234）',
    first: { owner: { type: 'application', id, name: '甲中心', programme: 'P1' } },
    second: { owner: { type: 'application', id: 2, name: '乙中心', programme: 'P1' } },
    message,
  }
}

function report(conflicts: Conflict[]): Report {
  const excluding = conflicts.filter((c) => c.severity === 'excludes').length
  return {
    people: conflicts.length ? [{ title: '张三（身份证号 …1234）', conflicts }] : [],
    instruments: [],
    sites: [],
    achievements: [],
    applications: [],
    total: conflicts.length,
    excluding,
    warnings: conflicts.length - excluding,
  }
}

let mounted: VueWrapper | undefined

async function mountView() {
  const wrapper = mount(ConflictsView, { attachTo: document.body, global: { plugins: [[ElementPlus, { locale: zhCn }]] } })
  mounted = wrapper
  await flushPromises()
  return wrapper
}

const page = () => new DOMWrapper(document.body)

function lab(): ExistingPlatform {
  return {
    id: 7,
    name: '山西省先进碳材料重点实验室',
    level: 'provincial',
    kind: 'key_lab',
    host_name: '山西某大学',
    host_uscc: '91110108551385082Q',
    approval_date: '2020-01-01',
    members: [
      { name: '张三', id_doc: { kind: 'resident_id', number: '11010519491231002X' }, role: 'director', joined: '2020-01-01' },
    ],
    instruments: [],
    sites: [],
  }
}

describe('ConflictsView', () => {
  beforeEach(() => {
    vi.mocked(listPlatforms).mockReset().mockResolvedValue([])
    vi.mocked(allConflicts).mockReset()
    vi.mocked(importRegistryJson).mockReset()
    vi.mocked(savePlatform).mockReset()
    vi.mocked(deletePlatform).mockReset()
    vi.mocked(linkConflictPeople).mockReset()
  })

  afterEach(() => {
    mounted?.unmount()
    mounted = undefined
    document.body.innerHTML = ''
    vi.restoreAllMocks()
  })

  it('links the two documents of a possible same person from the report, then checks again', async () => {
    const twin: Conflict = {
      kind: 'possible_same_person',
      criterion: 'no-double-resources',
      severity: 'warning',
      subject: '张三（可能重复）',
      first: {
        owner: { type: 'application', id: 1, name: '甲中心', programme: 'P1' },
        record: { resource: 'person', row_id: 11, label: '张三', number: '身份证号 …1234', role: 'fixed' },
      },
      second: {
        owner: { type: 'platform', id: 7, name: '某重点实验室', level: 'provincial', kind: 'key_lab' },
        record: { resource: 'person', label: '张三', number: '护照号 …7766', role: 'fixed' },
      },
      message: '可能为同一人；如确为同一人，请关联两份证件',
    }
    vi.mocked(allConflicts).mockResolvedValueOnce(report([twin, conflict('另一冲突', 'excludes')])).mockResolvedValue(report([]))
    vi.mocked(linkConflictPeople).mockResolvedValue('已将身份证号 …1234与护照号 …7766关联为同一人')
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const wrapper = await mountView()
    expect(wrapper.findAll('[data-test^="link-people-"]')).toHaveLength(1)
    await wrapper.find('[data-test="link-people-0"]').trigger('click')
    await flushPromises()
    expect(linkConflictPeople).toHaveBeenCalledWith(
      { application_id: 1, row_id: 11, name: '张三', number: '身份证号 …1234' },
      { platform_id: 7, name: '张三', number: '护照号 …7766' },
    )
    expect(allConflicts).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-test="summary"]').text()).toBe('未发现重复申报或资源冲突。')
  })

  it('says so when nothing is claimed twice', async () => {
    vi.mocked(allConflicts).mockResolvedValue(report([]))
    const wrapper = await mountView()
    expect(wrapper.find('[data-test="summary"]').text()).toBe('未发现重复申报或资源冲突。')
    expect(wrapper.find('[data-section="people"]').exists()).toBe(false)
  })

  it('lists people claimed twice under their name, excluding conflicts marked as such', async () => {
    vi.mocked(allConflicts).mockResolvedValue(
      report([conflict('张三同时是甲中心和乙中心的固定人员', 'excludes'), conflict('可能是同一人', 'warning')]),
    )
    const wrapper = await mountView()
    expect(wrapper.find('[data-test="summary"]').text()).toContain('1 处不可申报')
    const people = wrapper.find('[data-section="people"]')
    expect(people.text()).toContain('张三（身份证号 …1234）')
    const items = people.findAll('li')
    expect(items).toHaveLength(2)
    expect(items[0]!.text()).toContain('不可申报')
    expect(items[0]!.text()).toContain('张三同时是甲中心和乙中心的固定人员')
    expect(items[1]!.text()).toContain('提示')
  })

  it('opens the conflicting record itself: the wizard step of its roster, the row asked to be shown', async () => {
    const c = conflict('张三同时是甲中心和乙中心的固定人员', 'excludes', 7)
    c.first.record = { resource: 'instrument', row_id: 42, label: '扫描电镜', number: '资产编号 A-1' }
    vi.mocked(allConflicts).mockResolvedValue(report([c]))
    const wrapper = await mountView()
    const link = wrapper.find('[data-test="open-conflict-0"]')
    expect(link.text()).toBe('查看该记录')
    await link.trigger('click')
    expect(window.location.hash).toBe('#/application/7/resources')
    expect(pendingReveal.value).toEqual({ roster: 'instruments', rowId: 42 })
    pendingReveal.value = null
  })

  it('shows the error message when the check cannot run', async () => {
    vi.mocked(allConflicts).mockRejectedValue({ code: 'open', message: '无法打开数据库“x”：磁盘已满' })
    const wrapper = await mountView()
    expect(wrapper.text()).toContain('无法打开数据库“x”：磁盘已满')
  })

  describe('已建平台名录', () => {
    beforeEach(() => {
      vi.mocked(allConflicts).mockResolvedValue(report([]))
    })

    it('adds a platform with a member, then reloads the list and the report', async () => {
      await mountView()
      vi.mocked(savePlatform).mockResolvedValue(8)
      await page().find('[data-test="add-platform"]').trigger('click')
      await flushPromises()
      expect(page().find('[data-test="platform-dialog"]').text()).toContain('添加已建平台')
      await page().find('[data-test="platform-name"]').setValue(' 太原市碳材料工程中心 ')
      await page().find('[data-test="platform-host-name"]').setValue('太原某公司')
      await page().find('[data-test="add-member"]').trigger('click')
      await page().find('[data-test="member-name-0"]').setValue('李四')
      await page().find('[data-test="member-id-number-0"]').setValue('11010519491231002X')
      vi.mocked(listPlatforms).mockClear()
      vi.mocked(allConflicts).mockClear()
      await page().find('[data-test="platform-save"]').trigger('click')
      await flushPromises()
      expect(savePlatform).toHaveBeenCalledWith({
        name: ' 太原市碳材料工程中心 ',
        level: 'provincial',
        kind: 'key_lab',
        host_name: '太原某公司',
        host_uscc: '',
        members: [{ name: '李四', id_doc: { kind: 'resident_id', number: '11010519491231002X' }, role: 'fixed' }],
        instruments: [],
        sites: [],
      })
      expect(listPlatforms).toHaveBeenCalledTimes(1)
      expect(allConflicts).toHaveBeenCalledTimes(1)
    })

    it('edits a platform in place, keeping its id, instruments and sites', async () => {
      const existing = lab()
      existing.sites = [{ address: '太原市某路1号', building_room: '1号楼', area: '520.5', owner_uscc: '91110108551385082Q', usage: '实验室', headquarters: false }]
      vi.mocked(listPlatforms).mockResolvedValue([existing])
      vi.mocked(savePlatform).mockResolvedValue(7)
      await mountView()
      await page().find('[data-test="edit-platform-7"]').trigger('click')
      await flushPromises()
      expect(page().find('[data-test="platform-dialog"]').text()).toContain('编辑已建平台')
      expect(page().find('[data-test="platform-dialog"]').text()).toContain('场地 1 处保持不变')
      const name = page().find<HTMLInputElement>('[data-test="platform-name"]')
      expect(name.element.value).toBe('山西省先进碳材料重点实验室')
      await name.setValue('山西省碳基材料重点实验室')
      await page().find('[data-test="member-name-0"]').setValue('张三丰')
      await page().find('[data-test="platform-save"]').trigger('click')
      await flushPromises()
      expect(savePlatform).toHaveBeenCalledWith({
        ...existing,
        name: '山西省碳基材料重点实验室',
        members: [{ ...existing.members[0]!, name: '张三丰' }],
      })
      expect(existing.name).toBe('山西省先进碳材料重点实验室')
    })

    it('shows the core’s message when a save is refused and keeps the dialog open', async () => {
      vi.mocked(listPlatforms).mockResolvedValue([lab()])
      vi.mocked(savePlatform).mockRejectedValue({
        code: 'invalid_platform',
        message: '已建平台有 1 处需要修改，未保存：平台人员第1行 身份证号码：校验位错误',
      })
      await mountView()
      await page().find('[data-test="edit-platform-7"]').trigger('click')
      await flushPromises()
      await page().find('[data-test="platform-save"]').trigger('click')
      await flushPromises()
      expect(page().find('[data-test="platform-error"]').text()).toContain('平台人员第1行 身份证号码：校验位错误')
      expect(page().find('[data-test="platform-save"]').isVisible()).toBe(true)
    })

    it('asks before deleting and offers to undo', async () => {
      const existing = lab()
      vi.mocked(listPlatforms).mockResolvedValue([existing])
      const deleted: ExistingPlatform = { ...existing }
      delete deleted.id
      vi.mocked(deletePlatform).mockResolvedValue(deleted)
      vi.mocked(savePlatform).mockResolvedValue(9)
      const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
      await mountView()
      await page().find('[data-test="delete-platform-7"]').trigger('click')
      await flushPromises()
      expect(confirm).toHaveBeenCalledWith(expect.stringContaining('山西省先进碳材料重点实验室'), '删除已建平台', expect.anything())
      expect(deletePlatform).toHaveBeenCalledWith(7)
      expect(document.querySelector('[data-test="undo-message"]')?.textContent).toContain('已删除「山西省先进碳材料重点实验室」')
      document.querySelector<HTMLButtonElement>('[data-test="undo"]')?.click()
      await flushPromises()
      expect(savePlatform).toHaveBeenCalledWith(deleted)
    })

    it('does not delete when the user cancels', async () => {
      vi.mocked(listPlatforms).mockResolvedValue([lab()])
      vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
      await mountView()
      await page().find('[data-test="delete-platform-7"]').trigger('click')
      await flushPromises()
      expect(deletePlatform).not.toHaveBeenCalled()
    })
  })
})
