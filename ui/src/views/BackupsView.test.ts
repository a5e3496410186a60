import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { backupNow, backupToFolder, listBackups, pickFolder, restoreBackup, type BackupInfo } from '../api'
import type * as Api from '../api'
import BackupsView from './BackupsView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  backupNow: vi.fn(),
  backupToFolder: vi.fn(),
  pickFolder: vi.fn(),
  listBackups: vi.fn(),
  restoreBackup: vi.fn(),
}))

function backup(takenAt: string, size: number, daily: boolean, applications: number | null): BackupInfo {
  const name = `shenbao-${takenAt.replace(/[-: ]/g, '')}-${daily ? 'daily' : 'manual'}.sqlite`
  return {
    path: `/data/backups/${name}`,
    file_name: name,
    taken_at: takenAt,
    size_bytes: size,
    kind: daily ? 'daily' : 'manual',
    kind_label: daily ? '每日自动备份' : '手动备份',
    applications,
  }
}

const NEWER = backup('2025-01-02 09:30:00', 3355443, true, 3)
const OLDER = backup('2025-01-01 18:05:10', 12800, false, null)

async function mountView() {
  const wrapper = mount(BackupsView, { global: { plugins: [[ElementPlus, { locale: zhCn }]] } })
  await flushPromises()
  return wrapper
}

function bodyRows(wrapper: Awaited<ReturnType<typeof mountView>>): string[] {
  return wrapper.findAll('.el-table__body tr').map((tr) => tr.findAll('td').map((td) => td.text()).join('|'))
}

describe('BackupsView', () => {
  beforeEach(() => {
    vi.mocked(listBackups).mockReset().mockResolvedValue([NEWER, OLDER])
    vi.mocked(backupNow).mockReset()
    vi.mocked(restoreBackup).mockReset()
    vi.restoreAllMocks()
  })

  it('lists the backups with their time and size', async () => {
    const wrapper = await mountView()
    expect(bodyRows(wrapper)).toEqual([
      `2025年1月2日 09:30:00|每日自动备份|3 份申报书|3.2 MB|${NEWER.file_name}|恢复`,
      `2025年1月1日 18:05:10|手动备份|无法读取|12.5 KB|${OLDER.file_name}|恢复`,
    ])
  })

  it('backs up to a folder the user picks and says where', async () => {
    const wrapper = await mountView()
    vi.mocked(pickFolder).mockResolvedValue('/media/u盘')
    vi.mocked(backupToFolder).mockResolvedValue('/media/u盘/shenbao-20250103-080000.sqlite')
    await wrapper.find('[data-test="backup-elsewhere"]').trigger('click')
    await flushPromises()
    expect(backupToFolder).toHaveBeenCalledWith('/media/u盘')
    expect(document.body.textContent).toContain('已备份到：/media/u盘/shenbao-20250103-080000.sqlite')
  })

  it('makes no backup when the folder dialog is cancelled', async () => {
    const wrapper = await mountView()
    vi.mocked(pickFolder).mockResolvedValue(null)
    vi.mocked(backupToFolder).mockReset()
    await wrapper.find('[data-test="backup-elsewhere"]').trigger('click')
    await flushPromises()
    expect(backupToFolder).not.toHaveBeenCalled()
  })

  it('backs up now and lists the new backup', async () => {
    const wrapper = await mountView()
    const made = backup('2025-01-03 08:00:00', 2048, false, 3)
    vi.mocked(backupNow).mockResolvedValue(made.path)
    vi.mocked(listBackups).mockResolvedValue([made, NEWER, OLDER])
    await wrapper.find('[data-test="backup-now"]').trigger('click')
    await flushPromises()
    expect(backupNow).toHaveBeenCalledTimes(1)
    expect(bodyRows(wrapper)[0]).toContain('2025年1月3日 08:00:00|手动备份|3 份申报书')
  })

  it('restores after a confirmation that says the current state is backed up first', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    vi.mocked(restoreBackup).mockResolvedValue('/data/backups/shenbao-20250103.sqlite')
    const wrapper = await mountView()
    await wrapper.findAll('[data-test="restore"]')[1]!.trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[0]?.[0])).toContain('2025年1月1日 18:05:10')
    expect(String(confirm.mock.calls[0]?.[0])).toContain('恢复之前会先自动备份当前状态')
    expect(restoreBackup).toHaveBeenCalledWith(OLDER.path)
    expect(listBackups).toHaveBeenCalledTimes(2)
  })

  it('restores nothing when the user cancels', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const wrapper = await mountView()
    await wrapper.find('[data-test="restore"]').trigger('click')
    await flushPromises()
    expect(restoreBackup).not.toHaveBeenCalled()
  })

  it('shows why the list cannot be read', async () => {
    vi.mocked(listBackups).mockRejectedValue({ code: 'backup_dir', message: '无法读取备份文件夹“/data/backups”：权限不足' })
    const wrapper = await mountView()
    expect(wrapper.find('[data-test="error"]').text()).toContain('无法读取备份文件夹“/data/backups”：权限不足')
  })
})
