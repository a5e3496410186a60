import { describe, expect, it } from 'vitest'
import type { HostUnit } from '../bindings/HostUnit'
import { parsePeople, rowErrorLines } from './people'
import { parseTsv } from './tsv'

const host = { name: '山西示例碳材科技有限公司', uscc: '91140105317584622R' } as HostUnit
const context = { hosts: [host], existingIds: new Set<string>() }
const HEADER = '姓名\t身份证号码\t性别\t出生年月\t学历\t职称\t工作单位\t在中心职务\t是否全职'

describe('parseTsv', () => {
  it('splits rows and cells, with quoted cells', () => {
    expect(parseTsv('a\tb\r\n"c\td"\t"e ""x""\nf"\n\n')).toEqual([
      ['a', 'b'],
      ['c\td', 'e "x"\nf'],
    ])
  })
})

describe('parsePeople', () => {
  it('turns three rows into people and reports the bad ID at its row', () => {
    const text = [
      HEADER,
      '贾振宇\t140107197203152673\t男\t1972.03\t博士\t正高级\t山西示例碳材科技有限公司\t固定人员\t是',
      '钟建平\t140502197404112599\t男\t1974.04\t博士\t正高级\t山西示例碳材科技有限公司\t固定人员\t是',
      '陆家豪\t140106196810093459\t男\t1968-10\t博士研究生\t教授\t华东示例理工大学\t流动人员\t否',
    ].join('\n')
    const result = parsePeople(text, context)
    expect(result.error).toBeNull()
    expect(result.rows).toHaveLength(3)
    const [first, second, third] = result.rows
    expect(first?.person).toMatchObject({
      name: '贾振宇',
      birth_date: '1972-03-15',
      gender: 'male',
      employer_uscc: '91140105317584622R',
      education: 'doctorate',
      title: 'full_senior',
      role: 'fixed',
      full_time: true,
    })
    expect(second?.person).toBeNull()
    expect(rowErrorLines(result)).toEqual(['第 2 行：身份证号码校验位错误：按前17位计算应为8，现为9'])
    expect(third?.person).toMatchObject({ employer_name: '华东示例理工大学', role: 'visiting', full_time: false })
    expect(third?.person?.employer_uscc).toBeUndefined()
  })

  it('needs a header with name and ID columns', () => {
    expect(parsePeople('张三\t110105194912310021', context).error).toContain('表头')
    expect(parsePeople('', context).error).toBe('没有可导入的内容')
    expect(parsePeople('姓名\t身份证号码', context).error).toBe('只有表头，没有数据行')
  })

  it('flags contradictions, unknown words and duplicates', () => {
    const text = [
      '姓名\t身份证号码\t性别\t出生年月\t学历\t职称\t备注',
      '甲\t11010519491231002X\t男\t1950.01\t博士\t正高\tx',
      '乙\t140107197203152673\t男\t\t小学\t大师\t',
      '丙\t140107197203152673\t\t\t\t\t',
      '\t360426199101010071\t\t\t\t\t',
    ].join('\n')
    const result = parsePeople(text, { hosts: [], existingIds: new Set(['360426199101010071']) })
    expect(result.ignored).toEqual(['备注'])
    expect(result.rows.map((r) => r.errors)).toEqual([
      ['性别与身份证号码不一致（号码显示为女）', '出生年月与身份证号码不一致'],
      ['学历“小学”无法识别', '职称“大师”无法识别'],
      ['证件号码与第 2 行重复'],
      ['姓名未填写', '证件号码已在人员名单中'],
    ])
  })
})
