// The "已删除「…」 撤销" message shown after a delete (or any text, e.g. after a paste), with its
// undo button.
import { h } from 'vue'
import { ElMessage } from 'element-plus'

/** `text` replaces the default "已删除「what」". */
export function offerUndo(what: string, undo: () => void, duration = 8000, text?: string): void {
  let done = false
  const handle = ElMessage({
    type: 'info',
    duration,
    showClose: true,
    customClass: 'undo-message',
    message: h('span', { 'data-test': 'undo-message' }, [
      `${text ?? `已删除「${what}」`} `,
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
