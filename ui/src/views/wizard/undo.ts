// The "已删除「…」 撤销" message shown after a delete (or any text, e.g. after a paste), with its
// undo button.
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import type { ApplicationStore } from '../../stores/application'

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

/**
 * Offers undoing the edit just made (the store's last history step) in a message: 撤销 undoes
 * exactly that step, through the history, so 重做 can bring it back. When other edits followed,
 * the message says to undo step by step instead.
 */
export function offerUndoLast(
  store: Pick<ApplicationStore, 'lastStep' | 'undoStep'>,
  text: string,
  afterUndo?: string,
  duration = 8000,
): void {
  const step = store.lastStep()
  if (!step) return
  offerUndo(
    '',
    () =>
      void store.undoStep(step).then((result) => {
        if (result === 'later') ElMessage({ type: 'info', message: '此后又有修改：请用“撤销”（Ctrl+Z）逐步撤销', grouping: true })
        else if (result === 'already') ElMessage({ type: 'info', message: '已撤销', grouping: true })
        else if (afterUndo) ElMessage({ type: 'info', message: afterUndo, grouping: true })
      }),
    duration,
    text,
  )
}
