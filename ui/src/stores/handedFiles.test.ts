import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import type { PackagePreview } from '../bindings/PackagePreview'

vi.mock('../api/packages', () => ({ takeFilesToOpen: vi.fn(), openPackageFile: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: vi.fn() }))

import { openPackageFile, takeFilesToOpen } from '../api/packages'
import { currentRoute } from '../router'
import { openHandedFiles, pendingMerge } from './handedFiles'

const preview = { application_id: 3, centre_name: '山西省煤基碳材料技术创新中心' } as unknown as PackagePreview

describe('packages handed over by the desktop', () => {
  beforeEach(() => {
    window.location.hash = '#/'
    currentRoute.value = { name: 'home' }
    pendingMerge.value = null
  })
  afterEach(() => vi.resetAllMocks())

  it('opens a package sent to this co-builder at its draft’s 共建单位 step', async () => {
    vi.mocked(takeFilesToOpen).mockResolvedValue(['/home/u/下载/材料包.shenbao'])
    vi.mocked(openPackageFile).mockResolvedValue({ kind: 'draft', opened: { draft_id: 7, already_open: false } })
    await openHandedFiles()
    expect(openPackageFile).toHaveBeenCalledWith('/home/u/下载/材料包.shenbao')
    expect(currentRoute.value).toEqual({ name: 'wizard', id: 7, step: 'hosts' })
    expect(pendingMerge.value).toBeNull()
  })

  it('puts a returned package on the home screen as a merge preview', async () => {
    window.location.hash = '#/application/2/people'
    currentRoute.value = { name: 'wizard', id: 2, step: 'people' }
    vi.mocked(takeFilesToOpen).mockResolvedValue(['/tmp/返回.shenbao'])
    vi.mocked(openPackageFile).mockResolvedValue({ kind: 'return', preview, text: '{"format":"x"}' })
    await openHandedFiles()
    expect(currentRoute.value).toEqual({ name: 'home' })
    expect(pendingMerge.value).toEqual({ preview, text: '{"format":"x"}' })
  })

  it('names the file it could not open and goes on with the next one', async () => {
    vi.mocked(takeFilesToOpen).mockResolvedValue(['/tmp/坏文件.shenbao', '/tmp/好文件.shenbao'])
    vi.mocked(openPackageFile)
      .mockRejectedValueOnce({ code: 'bad_package', message: '不是申报通材料包' })
      .mockResolvedValueOnce({ kind: 'draft', opened: { draft_id: 9, already_open: true } })
    await openHandedFiles()
    expect(vi.mocked(ElMessage).mock.calls[0]?.[0]).toMatchObject({ type: 'error', message: '无法打开“坏文件.shenbao”：不是申报通材料包' })
    expect(currentRoute.value).toEqual({ name: 'wizard', id: 9, step: 'hosts' })
  })

  it('does nothing when no file was handed over', async () => {
    vi.mocked(takeFilesToOpen).mockResolvedValue([])
    await openHandedFiles()
    expect(openPackageFile).not.toHaveBeenCalled()
    expect(currentRoute.value).toEqual({ name: 'home' })
  })
})
