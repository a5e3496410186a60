import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { Conflict } from '../api'
import { highlight } from './highlight'
import NarrativeCompare from './NarrativeCompare.vue'

const SHARED = '突破中间相沥青基碳纤维连续化制备关键技术'
const FIRST = `本中心围绕氢能储运开展研究。${SHARED}。并培养青年人才。`
const SECOND = `𠀀我们聚焦于农业机械。${SHARED}！其余无关。`

/** As the core reports it: char offsets (code points; 𠀀 is one char but two UTF-16 units). */
const conflict: Conflict = {
  kind: 'similar_narrative', criterion: 'no-double-resources', severity: 'warning', subject: '“建设目标”内容相似',
  first: { owner: { type: 'application', id: 1, name: '甲中心', programme: 'P1', year: 2024 } },
  second: { owner: { type: 'application', id: 2, name: '乙中心', programme: 'P1', year: 2024 } },
  message: '「甲中心」（申报中）的“建设目标”有 45% 的内容与「乙中心」（申报中）的同一部分相同',
  narrative: {
    section: 'goals', percent: 45, first_text: FIRST, second_text: SECOND,
    passages: [{ first_start: 14, first_end: 14 + SHARED.length, second_start: 11, second_end: 11 + SHARED.length, text: SHARED }],
  },
}

describe('highlight', () => {
  it('cuts at code points, clips and keeps overlaps apart', () => {
    expect(highlight('甲乙丙丁', [{ start: 1, end: 3, passage: 0 }])).toEqual([
      { text: '甲', passage: null }, { text: '乙丙', passage: 0 }, { text: '丁', passage: null },
    ])
    expect(highlight('𠀀ab', [{ start: 1, end: 9, passage: 2 }])).toEqual([{ text: '𠀀', passage: null }, { text: 'ab', passage: 2 }])
    expect(highlight('abcd', [{ start: 2, end: 4, passage: 1 }, { start: 0, end: 3, passage: 0 }]).map((p) => p.text)).toEqual(['abc', 'd'])
  })
})

describe('NarrativeCompare', () => {
  it('shows both sections side by side with the shared passage highlighted in each', async () => {
    const w = mount(NarrativeCompare, {
      props: { conflict, modelValue: true },
      global: { plugins: [ElementPlus], stubs: { teleport: true } },
      attachTo: document.body,
    })
    await w.vm.$nextTick()
    const sides = document.querySelectorAll('.compare__side')
    expect(sides.length).toBe(2)
    const marked = (i: number) => Array.from(sides[i]!.querySelectorAll('mark')).map((m) => m.textContent)
    expect(marked(0)).toEqual([`1${SHARED}`])
    expect(marked(1)).toEqual([`1${SHARED}`])
    expect(sides[0]!.textContent).toContain('甲中心')
    expect(sides[1]!.textContent).toContain('乙中心')
    // The text around the passage is shown unmarked, whole.
    expect(sides[1]!.querySelector('.compare__text')!.textContent).toBe(SECOND.replace(SHARED, `1${SHARED}`))
    w.unmount()
  })
})
