import { invoke, isTauri } from '@tauri-apps/api/core'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { listApplications } from './applications'
import { UI_ERROR_CODES } from './error'

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  isTauri: vi.fn(),
}))

const invokeMock = vi.mocked(invoke)
const isTauriMock = vi.mocked(isTauri)

describe('command wrappers', () => {
  beforeEach(() => {
    invokeMock.mockReset()
    isTauriMock.mockReset().mockReturnValue(true)
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })

  it('listApplications invokes list_applications and returns its rows', async () => {
    const rows = [{ id: 7 }]
    invokeMock.mockResolvedValue(rows)
    await expect(listApplications()).resolves.toBe(rows)
    expect(invokeMock).toHaveBeenCalledWith('list_applications', undefined)
  })

  it('passes a {code, message} rejection through', async () => {
    invokeMock.mockRejectedValue({ code: 'db_locked', message: '数据库被占用。', extra: 1 })
    await expect(listApplications()).rejects.toEqual({ code: 'db_locked', message: '数据库被占用。' })
  })

  it.each([
    ['an Error', new Error('boom')],
    ['a string', 'boom'],
    ['an object without message', { code: 'x' }],
    ['an empty message', { code: 'x', message: ' ' }],
    ['null', null],
  ])('turns %s into a generic Chinese error', async (_name, raw) => {
    invokeMock.mockRejectedValue(raw)
    await expect(listApplications()).rejects.toEqual({
      code: UI_ERROR_CODES.unexpected,
      message: expect.stringContaining('发生意外错误'),
    })
  })

  it('refuses to run outside the desktop app', async () => {
    isTauriMock.mockReturnValue(false)
    await expect(listApplications()).rejects.toMatchObject({ code: UI_ERROR_CODES.notInDesktop })
    expect(invokeMock).not.toHaveBeenCalled()
  })
})
