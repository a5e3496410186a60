// The "已删除「…」 撤销" message shown after a delete, with its undo button.
import { h } from 'vue'
import { ElMessage } from 'element-plus'

export function offerUndo(what: string, undo: () => void, duration = 8000): void {
  let done = false
  const handle = ElMessage({
    type: 'info',
    duration,
    showClose: true,
    customClass: 'undo-message',
    message: h('span', { 'data-test': 'undo-message' }, [
      `已删除「${what}」 `,
      h(
        'button',
        {
          type: 'button',
          class: 'undo-message__button',
          'data-test': 'undo',
          onClick: () => {
            if (done) return
            done = true
            handle.close()
            undo()
          },
        },
        '撤销',
      ),
    ]),
  })
}
