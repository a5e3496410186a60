// Commands of the supporting materials (印证材料): the generated wrappers, by name, and the files
// dropped onto the window (the webview's drag-drop event gives their paths).
import { getCurrentWebview } from '@tauri-apps/api/webview'
import { commands } from '../bindings/commands'

export const {
  listEvidence,
  attachEvidence,
  evidenceFile,
  evidenceFileRange,
  reorderEvidence,
  removeEvidenceFile,
  addEvidenceItem,
  removeEvidenceItem,
} = commands

/** Where files are dragged over or dropped, in CSS pixels of the page. */
export type FileDrop =
  | { type: 'over'; x: number; y: number; paths: string[] | null }
  | { type: 'drop'; x: number; y: number; paths: string[] }
  | { type: 'leave' }

/**
 * Calls `handler` while files are dragged over the window and when they are dropped; resolves
 * with the function that stops listening (a no-op outside the desktop app).
 */
export async function onFilesDropped(handler: (drop: FileDrop) => void): Promise<() => void> {
  let webview
  try {
    webview = getCurrentWebview()
  } catch {
    return () => {}
  }
  let entered: string[] | null = null
  const unlisten = await webview.onDragDropEvent((event) => {
    const p = event.payload
    const scale = window.devicePixelRatio || 1
    if (p.type === 'enter') {
      entered = p.paths
      handler({ type: 'over', x: p.position.x / scale, y: p.position.y / scale, paths: entered })
    } else if (p.type === 'over') {
      handler({ type: 'over', x: p.position.x / scale, y: p.position.y / scale, paths: entered })
    } else if (p.type === 'drop') {
      entered = null
      handler({ type: 'drop', x: p.position.x / scale, y: p.position.y / scale, paths: p.paths })
    } else {
      entered = null
      handler({ type: 'leave' })
    }
  })
  return () => void unlisten()
}
