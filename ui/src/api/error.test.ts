import { describe, expect, it } from 'vitest'
import { adviceFor, toAppError } from './error'

describe('adviceFor', () => {
  it.each([
    ['not_found', '申报书已不存在（可能已被删除）', 'reload', true],
    ['in_use', '申报通已在另一个窗口中打开', 'reload', false],
    ['damaged_database', '数据库文件已损坏', 'restore', false],
    ['newer_database', '数据库由更新版本的申报通创建，请升级申报通', null, false],
    ['io', '无法读取申报书', 'reload', true],
  ])('%s: %s', (code, title, action, writable) => {
    const advice = adviceFor({ code, message: '…' }, '申报书')
    expect(advice.title).toBe(title)
    expect(advice.action).toBe(action)
    expect(advice.writable).toBe(writable)
  })

  it('offers 从备份恢复 only for a damaged database', () => {
    expect(adviceFor({ code: 'damaged_database', message: 'x' }).actionLabel).toBe('从备份恢复')
    expect(adviceFor({ code: 'newer_database', message: 'x' }).actionLabel).toBe('')
  })

  it('keeps the detail code of a shell error', () => {
    expect(toAppError({ code: 'in_use', detail: 'db_in_use', message: 'm' })).toEqual({
      code: 'in_use',
      detail: 'db_in_use',
      message: 'm',
    })
  })
})
